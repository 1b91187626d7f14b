MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "visitors.badge_in_use": "This badge is already worn by a visitor in the building.",
        "visitors.invalid_transition": "The visit is not in a state that allows this.",
        "visitors.own_visits_only": "You may plan and cancel only visits you host yourself.",
    },
    "it": {
        "visitors.badge_in_use": "Questo badge è già in uso da un visitatore presente.",
        "visitors.invalid_transition": "La visita non è in uno stato che lo consente.",
        "visitors.own_visits_only": "Puoi pianificare e annullare solo le visite che ricevi tu.",
    },
    "es": {
        "visitors.badge_in_use": "Esta tarjeta ya la lleva un visitante en el edificio.",
        "visitors.invalid_transition": "La visita no está en un estado que lo permita.",
        "visitors.own_visits_only": "Solo puede planificar y cancelar las visitas que usted recibe.",
    },
    "el": {
        "visitors.badge_in_use": "Αυτή η κάρτα χρησιμοποιείται ήδη από επισκέπτη στο κτίριο.",
        "visitors.invalid_transition": "Η επίσκεψη δεν βρίσκεται σε κατάσταση που το επιτρέπει.",
        "visitors.own_visits_only": "Μπορείτε να προγραμματίζετε και να ακυρώνετε μόνο δικές σας επισκέψεις.",
    },
}
