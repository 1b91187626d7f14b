MESSAGES = {
    "en": {
        "events.event_forbidden": "You may not receive events of type {name}.",
        "events.webhook_url_invalid": "Enter an https:// address.",
        "events.webhook_url_insecure": "Plain http is only allowed to this machine (localhost).",
        "events.unknown_event": "Unknown event type {name}.",
        "events.not_parked": "Only failed or parked deliveries can be replayed.",
    },
    "it": {
        "events.event_forbidden": "Non puoi ricevere eventi di tipo {name}.",
        "events.webhook_url_invalid": "Inserisci un indirizzo https://.",
        "events.webhook_url_insecure": "http semplice è permesso solo verso questa macchina (localhost).",
        "events.unknown_event": "Tipo di evento sconosciuto {name}.",
        "events.not_parked": "Si possono ripetere solo consegne fallite o parcheggiate.",
    },
    "es": {
        "events.event_forbidden": "No puedes recibir eventos de tipo {name}.",
        "events.webhook_url_invalid": "Introduce una dirección https://.",
        "events.webhook_url_insecure": "http sin cifrar solo se permite hacia esta máquina (localhost).",
        "events.unknown_event": "Tipo de evento desconocido {name}.",
        "events.not_parked": "Solo se pueden repetir entregas fallidas o aparcadas.",
    },
    "el": {
        "events.event_forbidden": "Δεν επιτρέπεται να λαμβάνετε γεγονότα τύπου {name}.",
        "events.webhook_url_invalid": "Εισαγάγετε μια διεύθυνση https://.",
        "events.webhook_url_insecure": "Το απλό http επιτρέπεται μόνο προς αυτό το μηχάνημα (localhost).",
        "events.unknown_event": "Άγνωστος τύπος γεγονότος {name}.",
        "events.not_parked": "Μόνο αποτυχημένες ή σταθμευμένες παραδόσεις επαναλαμβάνονται.",
    },
}
