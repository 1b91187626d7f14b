MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "notify.unknown_kind": "No enabled office sends a notification of this kind.",
        "notify.organisation_wide": (
            "Only someone who works at every site can switch a kind organisation-wide: "
            "choose a site."
        ),
        "notify.too_many": "At most {max} notifications at once.",
        "notify.no_inbox": "Only users have an inbox of notifications.",
        "notify.status.queued": "Queued",
        "notify.status.sent": "Sent",
        "notify.status.failed": "Failed",
        "notify.status.skipped": "Skipped",
        "notify.status.cancelled": "Cancelled",
        "notify.channel.email": "Email",
        "notify.channel.sms": "Text message",
        "notify.channel.in_app": "In the app",
    },
    "it": {
        "notify.unknown_kind": "Nessun ufficio attivo invia notifiche di questo tipo.",
        "notify.organisation_wide": (
            "Solo chi lavora in tutte le sedi può attivare o disattivare un tipo per tutta "
            "l'organizzazione: scegli una sede."
        ),
        "notify.too_many": "Al massimo {max} notifiche alla volta.",
        "notify.no_inbox": "Solo gli utenti hanno una casella di notifiche.",
        "notify.status.queued": "In coda",
        "notify.status.sent": "Inviata",
        "notify.status.failed": "Non riuscita",
        "notify.status.skipped": "Saltata",
        "notify.status.cancelled": "Annullata",
        "notify.channel.email": "Email",
        "notify.channel.sms": "SMS",
        "notify.channel.in_app": "Nell'applicazione",
    },
    "es": {
        "notify.unknown_kind": "Ninguna oficina activa envía notificaciones de este tipo.",
        "notify.organisation_wide": (
            "Solo quien trabaja en todas las sedes puede activar o desactivar un tipo para "
            "toda la organización: elige una sede."
        ),
        "notify.too_many": "Como máximo {max} notificaciones a la vez.",
        "notify.no_inbox": "Solo los usuarios tienen un buzón de notificaciones.",
        "notify.status.queued": "En cola",
        "notify.status.sent": "Enviada",
        "notify.status.failed": "Fallida",
        "notify.status.skipped": "Omitida",
        "notify.status.cancelled": "Cancelada",
        "notify.channel.email": "Correo electrónico",
        "notify.channel.sms": "SMS",
        "notify.channel.in_app": "En la aplicación",
    },
    "el": {
        "notify.unknown_kind": "Κανένα ενεργό γραφείο δεν στέλνει ειδοποιήσεις αυτού του είδους.",
        "notify.organisation_wide": (
            "Μόνο όποιος εργάζεται σε όλα τα σημεία μπορεί να ενεργοποιήσει ή να "
            "απενεργοποιήσει ένα είδος για όλο τον οργανισμό: επιλέξτε σημείο."
        ),
        "notify.too_many": "Έως {max} ειδοποιήσεις τη φορά.",
        "notify.no_inbox": "Μόνο οι χρήστες έχουν θυρίδα ειδοποιήσεων.",
        "notify.status.queued": "Σε αναμονή",
        "notify.status.sent": "Εστάλη",
        "notify.status.failed": "Απέτυχε",
        "notify.status.skipped": "Παραλείφθηκε",
        "notify.status.cancelled": "Ακυρώθηκε",
        "notify.channel.email": "Email",
        "notify.channel.sms": "SMS",
        "notify.channel.in_app": "Στην εφαρμογή",
    },
}
