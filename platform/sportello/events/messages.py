MESSAGES = {
    "en": {
        "events.event_forbidden": "You may not receive events of type {name}.",
        "events.webhook_url_invalid": "Enter an https:// address.",
        "events.webhook_url_insecure": "Plain http is only allowed in debug mode: use https://.",
        "events.webhook_url_unresolvable": "This host name does not resolve to any address.",
        "events.webhook_url_blocked": (
            "This address is on a local, private or reserved network: webhooks go to "
            "public addresses, or to those an administrator allows."
        ),
        "events.webhook_site_forbidden": "You do not work at this site.",
        "events.unknown_event": "Unknown event type {name}.",
        "events.not_parked": "Only failed or parked deliveries can be replayed.",
    },
    "it": {
        "events.event_forbidden": "Non puoi ricevere eventi di tipo {name}.",
        "events.webhook_url_invalid": "Inserisci un indirizzo https://.",
        "events.webhook_url_insecure": "http semplice è permesso solo in modalità debug: usa https://.",
        "events.webhook_url_unresolvable": "Questo nome host non corrisponde ad alcun indirizzo.",
        "events.webhook_url_blocked": (
            "Questo indirizzo è su una rete locale, privata o riservata: i webhook vanno a "
            "indirizzi pubblici o a quelli permessi da un amministratore."
        ),
        "events.webhook_site_forbidden": "Non lavori in questa sede.",
        "events.unknown_event": "Tipo di evento sconosciuto {name}.",
        "events.not_parked": "Si possono ripetere solo consegne fallite o parcheggiate.",
    },
    "es": {
        "events.event_forbidden": "No puedes recibir eventos de tipo {name}.",
        "events.webhook_url_invalid": "Introduce una dirección https://.",
        "events.webhook_url_insecure": "http sin cifrar solo se permite en modo de depuración: usa https://.",
        "events.webhook_url_unresolvable": "Este nombre de host no corresponde a ninguna dirección.",
        "events.webhook_url_blocked": (
            "Esta dirección está en una red local, privada o reservada: los webhooks van a "
            "direcciones públicas o a las que permita un administrador."
        ),
        "events.webhook_site_forbidden": "No trabajas en esta sede.",
        "events.unknown_event": "Tipo de evento desconocido {name}.",
        "events.not_parked": "Solo se pueden repetir entregas fallidas o aparcadas.",
    },
    "el": {
        "events.event_forbidden": "Δεν επιτρέπεται να λαμβάνετε γεγονότα τύπου {name}.",
        "events.webhook_url_invalid": "Εισαγάγετε μια διεύθυνση https://.",
        "events.webhook_url_insecure": "Το απλό http επιτρέπεται μόνο σε λειτουργία αποσφαλμάτωσης: χρησιμοποιήστε https://.",
        "events.webhook_url_unresolvable": "Αυτό το όνομα κεντρικού υπολογιστή δεν αντιστοιχεί σε καμία διεύθυνση.",
        "events.webhook_url_blocked": (
            "Αυτή η διεύθυνση ανήκει σε τοπικό, ιδιωτικό ή δεσμευμένο δίκτυο: τα webhooks "
            "πηγαίνουν σε δημόσιες διευθύνσεις ή σε όσες επιτρέπει ένας διαχειριστής."
        ),
        "events.webhook_site_forbidden": "Δεν εργάζεστε σε αυτή την τοποθεσία.",
        "events.unknown_event": "Άγνωστος τύπος γεγονότος {name}.",
        "events.not_parked": "Μόνο αποτυχημένες ή σταθμευμένες παραδόσεις επαναλαμβάνονται.",
    },
}
