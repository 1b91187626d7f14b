MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "notify.visitors.visitor_arrived.subject": "Your visitor {visitor} has arrived",
        "notify.visitors.visitor_arrived.body": (
            "{visitor}{company} is waiting for you at the reception of {site} (badge {badge})."
        ),
        "visitors.badge_in_use": "This badge is already worn by a visitor in the building.",
        "visitors.host_not_employee": "The host must be an employee working at this site.",
        "visitors.invalid_transition": "The visit is not in a state that allows this.",
        "visitors.own_visits_only": "You may plan and cancel only visits you host yourself.",
    },
    "it": {
        "notify.visitors.visitor_arrived.subject": "Il tuo visitatore {visitor} è arrivato",
        "notify.visitors.visitor_arrived.body": (
            "{visitor}{company} ti aspetta alla reception di {site} (badge {badge})."
        ),
        "visitors.badge_in_use": "Questo badge è già in uso da un visitatore presente.",
        "visitors.host_not_employee": "Chi riceve deve essere un dipendente che lavora in questa sede.",
        "visitors.invalid_transition": "La visita non è in uno stato che lo consente.",
        "visitors.own_visits_only": "Puoi pianificare e annullare solo le visite che ricevi tu.",
    },
    "es": {
        "notify.visitors.visitor_arrived.subject": "Su visitante {visitor} ha llegado",
        "notify.visitors.visitor_arrived.body": (
            "{visitor}{company} le espera en la recepción de {site} (tarjeta {badge})."
        ),
        "visitors.badge_in_use": "Esta tarjeta ya la lleva un visitante en el edificio.",
        "visitors.host_not_employee": "El anfitrión debe ser un empleado que trabaje en esta sede.",
        "visitors.invalid_transition": "La visita no está en un estado que lo permita.",
        "visitors.own_visits_only": "Solo puede planificar y cancelar las visitas que usted recibe.",
    },
    "el": {
        "notify.visitors.visitor_arrived.subject": "Ο επισκέπτης σας {visitor} έφτασε",
        "notify.visitors.visitor_arrived.body": (
            "Ο/Η {visitor}{company} σας περιμένει στην υποδοχή του {site} (κάρτα {badge})."
        ),
        "visitors.badge_in_use": "Αυτή η κάρτα χρησιμοποιείται ήδη από επισκέπτη στο κτίριο.",
        "visitors.host_not_employee": "Ο οικοδεσπότης πρέπει να είναι υπάλληλος που εργάζεται σε αυτή την τοποθεσία.",
        "visitors.invalid_transition": "Η επίσκεψη δεν βρίσκεται σε κατάσταση που το επιτρέπει.",
        "visitors.own_visits_only": "Μπορείτε να προγραμματίζετε και να ακυρώνετε μόνο δικές σας επισκέψεις.",
    },
}
