MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "visitors.badge_in_use": "This badge is already worn by a visitor in the building.",
        "visitors.invalid_transition": "The visit is not in a state that allows this.",
    },
    "it": {
        "visitors.badge_in_use": "Questo badge è già in uso da un visitatore presente.",
        "visitors.invalid_transition": "La visita non è in uno stato che lo consente.",
    },
    "es": {
        "visitors.badge_in_use": "Esta tarjeta ya la lleva un visitante en el edificio.",
        "visitors.invalid_transition": "La visita no está en un estado que lo permita.",
    },
    "el": {
        "visitors.badge_in_use": "Αυτή η κάρτα χρησιμοποιείται ήδη από επισκέπτη στο κτίριο.",
        "visitors.invalid_transition": "Η επίσκεψη δεν βρίσκεται σε κατάσταση που το επιτρέπει.",
    },
}
