"""User-facing messages of the CRM in English, Italian, Spanish and Greek."""

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "crm.no_requester": "The case has no requester to write to.",
        "notify.crm.case_reply.subject": "Re: {subject} [{ref}]",
        "notify.crm.case_reply.body": "{body}",
        "crm.channel_invalid": "Unknown channel.",
        "crm.direction_invalid": "The direction is IN or OUT.",
        "crm.interaction_empty": "Say who got in touch or what about.",
        "crm.case_other_site": "The case belongs to another site.",
        "crm.too_many_links": "At most 50 linked objects.",
        "crm.unknown_object": "No object you may see has this id.",
        "crm.already_handled": "Someone already handled this interaction.",
        "crm.kind_invalid": "Unknown kind of case.",
        "crm.priority_invalid": "Unknown priority.",
        "crm.case_changed": "Someone else changed the case meanwhile: reload it and try again.",
        "crm.invalid_transition": "The case is not in a state that allows this.",
        "crm.already_taken": "Another clerk has already taken this case.",
        "crm.same_department": "The case is already with this department.",
        "notify.crm.case_received.subject": "We received your request {ref}",
        "notify.crm.case_received.body": (
            'Your request "{subject}" was registered with reference {ref}. Quote it when you'
            " get back in touch."
        ),
        "notify.crm.case_transferred.subject": "Your request {ref} is with {department}",
        "notify.crm.case_transferred.body": (
            'Your request "{subject}" ({ref}) was passed to {department}, who will answer you.'
        ),
        "notify.crm.case_resolved.subject": "Your request {ref} was answered",
        "notify.crm.case_resolved.body": 'About "{subject}" ({ref}): {outcome}',
        "notify.crm.case_assigned.subject": "Case {ref} was passed to your department",
        "notify.crm.case_assigned.body": '"{subject}" ({ref}). Note from the desk: {note}',
        "notify.crm.follow_up_due.subject": "Follow-up due: {title}",
        "notify.crm.follow_up_due.body": 'The follow-up "{title}" is due on {due}.',
    },
    "it": {
        "crm.no_requester": "La pratica non ha un richiedente a cui scrivere.",
        "notify.crm.case_reply.subject": "Re: {subject} [{ref}]",
        "notify.crm.case_reply.body": "{body}",
        "crm.channel_invalid": "Canale sconosciuto.",
        "crm.direction_invalid": "La direzione è IN oppure OUT.",
        "crm.interaction_empty": "Indica chi ha contattato o per cosa.",
        "crm.case_other_site": "La pratica appartiene a un'altra sede.",
        "crm.too_many_links": "Al massimo 50 oggetti collegati.",
        "crm.unknown_object": "Nessun oggetto visibile ha questo id.",
        "crm.already_handled": "Qualcuno ha già gestito questo contatto.",
        "crm.kind_invalid": "Tipo di pratica sconosciuto.",
        "crm.priority_invalid": "Priorità sconosciuta.",
        "crm.case_changed": "Un collega ha modificato la pratica nel frattempo: ricaricala e riprova.",
        "crm.invalid_transition": "La pratica non è in uno stato che lo consente.",
        "crm.already_taken": "Un altro operatore ha già preso in carico questa pratica.",
        "crm.same_department": "La pratica è già presso questo ufficio.",
        "notify.crm.case_received.subject": "Abbiamo ricevuto la sua richiesta {ref}",
        "notify.crm.case_received.body": (
            'La sua richiesta "{subject}" è stata registrata con il numero {ref}. Lo indichi'
            " quando ci ricontatta."
        ),
        "notify.crm.case_transferred.subject": "La sua richiesta {ref} è presso {department}",
        "notify.crm.case_transferred.body": (
            'La sua richiesta "{subject}" ({ref}) è stata inoltrata a {department}, che le'
            " risponderà."
        ),
        "notify.crm.case_resolved.subject": "La sua richiesta {ref} ha ricevuto risposta",
        "notify.crm.case_resolved.body": 'Riguardo a "{subject}" ({ref}): {outcome}',
        "notify.crm.case_assigned.subject": "La pratica {ref} è stata inoltrata al tuo ufficio",
        "notify.crm.case_assigned.body": '"{subject}" ({ref}). Nota dello sportello: {note}',
        "notify.crm.follow_up_due.subject": "Richiamo in scadenza: {title}",
        "notify.crm.follow_up_due.body": 'Il richiamo "{title}" scade il {due}.',
    },
    "es": {
        "crm.no_requester": "El caso no tiene un solicitante al que escribir.",
        "notify.crm.case_reply.subject": "Re: {subject} [{ref}]",
        "notify.crm.case_reply.body": "{body}",
        "crm.channel_invalid": "Canal desconocido.",
        "crm.direction_invalid": "La dirección es IN u OUT.",
        "crm.interaction_empty": "Indique quién contactó o sobre qué.",
        "crm.case_other_site": "El caso pertenece a otra sede.",
        "crm.too_many_links": "Como máximo 50 objetos vinculados.",
        "crm.unknown_object": "Ningún objeto que pueda ver tiene este id.",
        "crm.already_handled": "Alguien ya atendió esta interacción.",
        "crm.kind_invalid": "Tipo de caso desconocido.",
        "crm.priority_invalid": "Prioridad desconocida.",
        "crm.case_changed": "Otra persona cambió el caso mientras tanto: recárguelo e inténtelo de nuevo.",
        "crm.invalid_transition": "El caso no está en un estado que lo permita.",
        "crm.already_taken": "Otro empleado ya se ha hecho cargo de este caso.",
        "crm.same_department": "El caso ya está en este departamento.",
        "notify.crm.case_received.subject": "Hemos recibido su solicitud {ref}",
        "notify.crm.case_received.body": (
            'Su solicitud "{subject}" quedó registrada con la referencia {ref}. Indíquela'
            " cuando vuelva a contactarnos."
        ),
        "notify.crm.case_transferred.subject": "Su solicitud {ref} está en {department}",
        "notify.crm.case_transferred.body": (
            'Su solicitud "{subject}" ({ref}) se ha enviado a {department}, que le responderá.'
        ),
        "notify.crm.case_resolved.subject": "Su solicitud {ref} ha sido respondida",
        "notify.crm.case_resolved.body": 'Sobre "{subject}" ({ref}): {outcome}',
        "notify.crm.case_assigned.subject": "El caso {ref} se ha enviado a su departamento",
        "notify.crm.case_assigned.body": '"{subject}" ({ref}). Nota de la atención: {note}',
        "notify.crm.follow_up_due.subject": "Seguimiento pendiente: {title}",
        "notify.crm.follow_up_due.body": 'El seguimiento "{title}" vence el {due}.',
    },
    "el": {
        "crm.no_requester": "Η υπόθεση δεν έχει αιτούντα για να του γράψετε.",
        "notify.crm.case_reply.subject": "Re: {subject} [{ref}]",
        "notify.crm.case_reply.body": "{body}",
        "crm.channel_invalid": "Άγνωστο κανάλι.",
        "crm.direction_invalid": "Η κατεύθυνση είναι IN ή OUT.",
        "crm.interaction_empty": "Πείτε ποιος επικοινώνησε ή για ποιο θέμα.",
        "crm.case_other_site": "Η υπόθεση ανήκει σε άλλο σημείο.",
        "crm.too_many_links": "Το πολύ 50 συνδεδεμένα αντικείμενα.",
        "crm.unknown_object": "Κανένα αντικείμενο που μπορείτε να δείτε δεν έχει αυτό το id.",
        "crm.already_handled": "Κάποιος έχει ήδη χειριστεί αυτή την επικοινωνία.",
        "crm.kind_invalid": "Άγνωστο είδος υπόθεσης.",
        "crm.priority_invalid": "Άγνωστη προτεραιότητα.",
        "crm.case_changed": "Κάποιος άλλος άλλαξε την υπόθεση στο μεταξύ: φορτώστε την ξανά.",
        "crm.invalid_transition": "Η υπόθεση δεν βρίσκεται σε κατάσταση που το επιτρέπει.",
        "crm.already_taken": "Άλλος υπάλληλος έχει ήδη αναλάβει αυτή την υπόθεση.",
        "crm.same_department": "Η υπόθεση βρίσκεται ήδη σε αυτό το τμήμα.",
        "notify.crm.case_received.subject": "Λάβαμε το αίτημά σας {ref}",
        "notify.crm.case_received.body": (
            "Το αίτημά σας «{subject}» καταχωρήθηκε με αριθμό {ref}. Αναφέρετέ τον όταν"
            " επικοινωνήσετε ξανά."
        ),
        "notify.crm.case_transferred.subject": "Το αίτημά σας {ref} βρίσκεται στο {department}",
        "notify.crm.case_transferred.body": (
            "Το αίτημά σας «{subject}» ({ref}) διαβιβάστηκε στο {department}, που θα σας απαντήσει."
        ),
        "notify.crm.case_resolved.subject": "Το αίτημά σας {ref} απαντήθηκε",
        "notify.crm.case_resolved.body": "Σχετικά με «{subject}» ({ref}): {outcome}",
        "notify.crm.case_assigned.subject": "Η υπόθεση {ref} διαβιβάστηκε στο τμήμα σας",
        "notify.crm.case_assigned.body": "«{subject}» ({ref}). Σημείωση της υποδοχής: {note}",
        "notify.crm.follow_up_due.subject": "Προθεσμία παρακολούθησης: {title}",
        "notify.crm.follow_up_due.body": "Η παρακολούθηση «{title}» λήγει στις {due}.",
    },
}
