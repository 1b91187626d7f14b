MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "counter.clerk_off_duty": "The roster does not have this clerk on duty at this site now.",
        "counter.override_forbidden": "Only a manager may open a counter despite the roster.",
        "counter.party_or_email": "Give a known party or an email, not both.",
        "notify.counter.appointment_booked.subject": "Appointment {code} confirmed: {service}, {day} at {time}",
        "notify.counter.appointment_booked.body": (
            "Dear {name}, your appointment for {service} at {office} is on {day} at {time}. "
            "Your code is {code}: show it at the desk."
        ),
        "notify.counter.appointment_reminder.subject": "Reminder: {service} on {day} at {time}",
        "notify.counter.appointment_reminder.body": (
            "Dear {name}, we remind you of your appointment for {service} at {office} on "
            "{day} at {time} (code {code})."
        ),
        "counter.invalid_hours": "Opening hours must map weekdays 0-6 to [start, end] times.",
        "counter.invalid_prefix": "The prefix must be one to three letters.",
        "counter.invalid_minutes": "Minutes must be positive.",
        "counter.prefix_taken": "Another service at this site already uses this prefix.",
        "counter.name_taken": "Another counter at this site already has this name.",
        "counter.invalid_priority": "Unknown priority.",
        "counter.service_closed": "This service is not taking tickets.",
        "counter.off_duty": "You are not on duty at this site now: ask a manager to put you on the roster.",
        "counter.queue_empty": "Nobody is waiting for the services of this counter.",
        "counter.invalid_transition": "The ticket or appointment is not in a state that allows this.",
        "counter.same_service": "The ticket already waits for this service.",
        "counter.slot_unavailable": "This slot is not available.",
        "counter.too_early": "The appointment is on a later day.",
        "counter.invalid_range": "The end date is before the start date.",
        "counter.outside_hours": "The service is closed now: tickets are issued during its opening hours only.",
        "counter.counter_busy": "This counter is serving a ticket: finish it, mark it no-show or transfer it.",
        "counter.not_your_counter": "Only the staff of this counter or a manager may do this.",
        "counter.slot_in_past": "This slot has already started: choose a later one.",
        "counter.too_late": "The appointment was on an earlier day.",
        "counter.token_revoked": "This display token is already revoked.",
    },
    "it": {
        "counter.clerk_off_duty": "Secondo i turni questo addetto ora non è in servizio in questa sede.",
        "counter.override_forbidden": "Solo un responsabile può aprire uno sportello in deroga ai turni.",
        "counter.party_or_email": "Indicare una persona già registrata oppure un indirizzo email, non entrambi.",
        "notify.counter.appointment_booked.subject": "Appuntamento {code} confermato: {service}, {day} alle {time}",
        "notify.counter.appointment_booked.body": (
            "Gentile {name}, il suo appuntamento per {service} presso {office} è il {day} "
            "alle {time}. Il suo codice è {code}: lo mostri allo sportello."
        ),
        "notify.counter.appointment_reminder.subject": "Promemoria: {service} il {day} alle {time}",
        "notify.counter.appointment_reminder.body": (
            "Gentile {name}, le ricordiamo l'appuntamento per {service} presso {office} il "
            "{day} alle {time} (codice {code})."
        ),
        "counter.invalid_hours": "Gli orari devono associare i giorni 0-6 a coppie [inizio, fine].",
        "counter.invalid_prefix": "Il prefisso deve avere da una a tre lettere.",
        "counter.invalid_minutes": "I minuti devono essere positivi.",
        "counter.prefix_taken": "Un altro servizio di questa sede usa già questo prefisso.",
        "counter.name_taken": "Un altro sportello di questa sede ha già questo nome.",
        "counter.invalid_priority": "Priorità sconosciuta.",
        "counter.service_closed": "Questo servizio non emette biglietti.",
        "counter.off_duty": "Ora non sei in turno in questa sede: chiedi a un responsabile di inserirti nei turni.",
        "counter.queue_empty": "Nessuno è in attesa per i servizi di questo sportello.",
        "counter.invalid_transition": "Il biglietto o l'appuntamento non è in uno stato che lo consente.",
        "counter.same_service": "Il biglietto è già in attesa per questo servizio.",
        "counter.slot_unavailable": "Questa fascia oraria non è disponibile.",
        "counter.too_early": "L'appuntamento è in un giorno successivo.",
        "counter.invalid_range": "La data finale precede quella iniziale.",
        "counter.outside_hours": "Il servizio ora è chiuso: i biglietti si emettono solo negli orari di apertura.",
        "counter.counter_busy": "Lo sportello serve già un biglietto: concludilo, segnalalo assente o trasferiscilo.",
        "counter.not_your_counter": "Solo il personale di questo sportello o un responsabile può farlo.",
        "counter.slot_in_past": "Questa fascia oraria è già iniziata: scegline una successiva.",
        "counter.too_late": "L'appuntamento era in un giorno precedente.",
        "counter.token_revoked": "Questo token del display è già revocato.",
    },
    "es": {
        "counter.clerk_off_duty": "Según el cuadrante, este empleado no está de servicio ahora en esta sede.",
        "counter.override_forbidden": "Solo un responsable puede abrir una ventanilla sin respetar el cuadrante.",
        "counter.party_or_email": "Indique una persona registrada o un correo electrónico, no ambos.",
        "notify.counter.appointment_booked.subject": "Cita {code} confirmada: {service}, {day} a las {time}",
        "notify.counter.appointment_booked.body": (
            "Estimado/a {name}, su cita para {service} en {office} es el {day} a las {time}. "
            "Su código es {code}: muéstrelo en el mostrador."
        ),
        "notify.counter.appointment_reminder.subject": "Recordatorio: {service} el {day} a las {time}",
        "notify.counter.appointment_reminder.body": (
            "Estimado/a {name}, le recordamos su cita para {service} en {office} el {day} a "
            "las {time} (código {code})."
        ),
        "counter.invalid_hours": "El horario debe asociar los días 0-6 a pares [inicio, fin].",
        "counter.invalid_prefix": "El prefijo debe tener de una a tres letras.",
        "counter.invalid_minutes": "Los minutos deben ser positivos.",
        "counter.prefix_taken": "Otro servicio de esta sede ya usa este prefijo.",
        "counter.name_taken": "Otra ventanilla de esta sede ya tiene este nombre.",
        "counter.invalid_priority": "Prioridad desconocida.",
        "counter.service_closed": "Este servicio no emite turnos.",
        "counter.off_duty": (
            "Ahora no está de turno en esta sede: pida a un responsable que le incluya en el"
            " cuadrante."
        ),
        "counter.queue_empty": "Nadie espera para los servicios de esta ventanilla.",
        "counter.invalid_transition": "El turno o la cita no está en un estado que lo permita.",
        "counter.same_service": "El turno ya espera para este servicio.",
        "counter.slot_unavailable": "Este horario no está disponible.",
        "counter.too_early": "La cita es en un día posterior.",
        "counter.invalid_range": "La fecha final es anterior a la inicial.",
        "counter.outside_hours": "El servicio está cerrado ahora: los turnos se emiten solo en su horario de apertura.",
        "counter.counter_busy": "La ventanilla atiende un turno: termínelo, márquelo ausente o transfiéralo.",
        "counter.not_your_counter": "Solo el personal de esta ventanilla o un responsable puede hacerlo.",
        "counter.slot_in_past": "Este horario ya ha empezado: elija uno posterior.",
        "counter.too_late": "La cita era en un día anterior.",
        "counter.token_revoked": "Este token de pantalla ya está revocado.",
    },
    "el": {
        "counter.clerk_off_duty": "Κατά το πρόγραμμα βαρδιών, ο υπάλληλος δεν είναι τώρα σε υπηρεσία εδώ.",
        "counter.override_forbidden": "Μόνο ένας υπεύθυνος μπορεί να ανοίξει γκισέ παρά το πρόγραμμα βαρδιών.",
        "counter.party_or_email": "Δώστε ένα γνωστό πρόσωπο ή ένα email, όχι και τα δύο.",
        "notify.counter.appointment_booked.subject": "Το ραντεβού {code} επιβεβαιώθηκε: {service}, {day} στις {time}",
        "notify.counter.appointment_booked.body": (
            "Αγαπητέ/ή {name}, το ραντεβού σας για {service} στο {office} είναι στις {day}, "
            "ώρα {time}. Ο κωδικός σας είναι {code}: δείξτε τον στο γκισέ."
        ),
        "notify.counter.appointment_reminder.subject": "Υπενθύμιση: {service} στις {day}, ώρα {time}",
        "notify.counter.appointment_reminder.body": (
            "Αγαπητέ/ή {name}, σας υπενθυμίζουμε το ραντεβού σας για {service} στο {office} "
            "στις {day}, ώρα {time} (κωδικός {code})."
        ),
        "counter.invalid_hours": "Το ωράριο πρέπει να αντιστοιχίζει τις ημέρες 0-6 σε [αρχή, τέλος].",
        "counter.invalid_prefix": "Το πρόθεμα πρέπει να έχει ένα έως τρία γράμματα.",
        "counter.invalid_minutes": "Τα λεπτά πρέπει να είναι θετικά.",
        "counter.prefix_taken": "Άλλη υπηρεσία αυτού του σημείου χρησιμοποιεί ήδη το πρόθεμα.",
        "counter.name_taken": "Άλλο γκισέ αυτού του σημείου έχει ήδη αυτό το όνομα.",
        "counter.invalid_priority": "Άγνωστη προτεραιότητα.",
        "counter.service_closed": "Η υπηρεσία δεν εκδίδει εισιτήρια.",
        "counter.off_duty": (
            "Δεν είστε σε βάρδια σε αυτή την τοποθεσία τώρα: ζητήστε από έναν υπεύθυνο να σας"
            " βάλει στο πρόγραμμα."
        ),
        "counter.queue_empty": "Κανείς δεν περιμένει για τις υπηρεσίες αυτού του γκισέ.",
        "counter.invalid_transition": "Το εισιτήριο ή το ραντεβού δεν βρίσκεται σε κατάσταση που το επιτρέπει.",
        "counter.same_service": "Το εισιτήριο περιμένει ήδη για αυτή την υπηρεσία.",
        "counter.slot_unavailable": "Αυτή η ώρα δεν είναι διαθέσιμη.",
        "counter.too_early": "Το ραντεβού είναι σε επόμενη ημέρα.",
        "counter.invalid_range": "Η τελική ημερομηνία προηγείται της αρχικής.",
        "counter.outside_hours": "Η υπηρεσία είναι τώρα κλειστή: εισιτήρια εκδίδονται μόνο τις ώρες λειτουργίας.",
        "counter.counter_busy": "Το γκισέ εξυπηρετεί ήδη εισιτήριο: ολοκληρώστε το, σημειώστε απουσία ή μεταφέρετέ το.",
        "counter.not_your_counter": "Μόνο το προσωπικό αυτού του γκισέ ή ένας υπεύθυνος μπορεί να το κάνει.",
        "counter.slot_in_past": "Αυτή η ώρα έχει ήδη αρχίσει: επιλέξτε μεταγενέστερη.",
        "counter.too_late": "Το ραντεβού ήταν σε προηγούμενη ημέρα.",
        "counter.token_revoked": "Αυτό το διακριτικό οθόνης έχει ήδη ανακληθεί.",
    },
}

MESSAGES["en"].update(
    {
        "counter.invalid_email": "This is not an email address.",
        "counter.invalid_phone": "This is not a phone number.",
        "counter.outside_window": "This slot cannot be booked online: too soon, or too far ahead.",
        "counter.limit_active": "You already hold {limit} bookings: cancel one to book another.",
        "counter.limit_day": "You already hold {limit} booking(s) on that day.",
        "counter.slot_started": "The appointment has already started: ask at the desk.",
        "notify.counter.turn_near.subject": "Your turn is near: ticket {ticket}",
        "notify.counter.turn_near.body": (
            "Dear {name}, your turn for {service} at {office} is near: "
            "{ahead} ticket(s) ahead of {ticket}. Please stay close to the counters."
        ),
    }
)
MESSAGES["it"].update(
    {
        "counter.invalid_email": "Questo non è un indirizzo email.",
        "counter.invalid_phone": "Questo non è un numero di telefono.",
        "counter.outside_window": "Questa fascia oraria non si prenota online: troppo vicina o troppo lontana.",
        "counter.limit_active": "Ha già {limit} prenotazioni: ne annulli una per prenotarne un'altra.",
        "counter.limit_day": "Ha già {limit} prenotazione/i in quel giorno.",
        "counter.slot_started": "L'appuntamento è già iniziato: si rivolga allo sportello.",
        "notify.counter.turn_near.subject": "Il suo turno si avvicina: biglietto {ticket}",
        "notify.counter.turn_near.body": (
            "Gentile {name}, il suo turno per {service} presso {office} si avvicina: "
            "{ahead} biglietto/i prima del {ticket}. La preghiamo di restare vicino agli sportelli."
        ),
    }
)
MESSAGES["es"].update(
    {
        "counter.invalid_email": "Esto no es una dirección de correo electrónico.",
        "counter.invalid_phone": "Esto no es un número de teléfono.",
        "counter.outside_window": "Este horario no se reserva en línea: demasiado pronto o demasiado lejos.",
        "counter.limit_active": "Ya tiene {limit} reservas: cancele una para reservar otra.",
        "counter.limit_day": "Ya tiene {limit} reserva(s) ese día.",
        "counter.slot_started": "La cita ya ha empezado: pregunte en el mostrador.",
        "notify.counter.turn_near.subject": "Su turno se acerca: número {ticket}",
        "notify.counter.turn_near.body": (
            "Estimado/a {name}, su turno para {service} en {office} se acerca: "
            "{ahead} número(s) antes del {ticket}. Por favor, permanezca cerca de las ventanillas."
        ),
    }
)
MESSAGES["el"].update(
    {
        "counter.invalid_email": "Αυτή δεν είναι διεύθυνση email.",
        "counter.invalid_phone": "Αυτός δεν είναι αριθμός τηλεφώνου.",
        "counter.outside_window": "Αυτή η ώρα δεν κλείνεται ηλεκτρονικά: πολύ νωρίς ή πολύ μακριά.",
        "counter.limit_active": "Έχετε ήδη {limit} κρατήσεις: ακυρώστε μία για να κλείσετε άλλη.",
        "counter.limit_day": "Έχετε ήδη {limit} κράτηση/εις εκείνη την ημέρα.",
        "counter.slot_started": "Το ραντεβού έχει ήδη αρχίσει: ρωτήστε στο γκισέ.",
        "notify.counter.turn_near.subject": "Η σειρά σας πλησιάζει: εισιτήριο {ticket}",
        "notify.counter.turn_near.body": (
            "Αγαπητέ/ή {name}, η σειρά σας για {service} στο {office} πλησιάζει: "
            "{ahead} εισιτήριο/α πριν από το {ticket}. Παρακαλούμε μείνετε κοντά στα γκισέ."
        ),
    }
)

MESSAGES["en"].update(
    {
        "counter.print.title": "Your number",
        "counter.print.issued": "Issued on {day} at {time}",
        "counter.print.ahead": "Ahead of you: {count}",
        "counter.print.wait": "Estimated wait: {minutes} min",
        "counter.print.footer": "Please watch the display: your number will be called.",
        "counter.quota_reached": "Today's quota for this service is reached.",
    }
)
MESSAGES["it"].update(
    {
        "counter.print.title": "Il suo numero",
        "counter.print.issued": "Emesso il {day} alle {time}",
        "counter.print.ahead": "Persone prima di lei: {count}",
        "counter.print.wait": "Attesa stimata: {minutes} min",
        "counter.print.footer": "Segua il display: il suo numero sarà chiamato.",
        "counter.quota_reached": "La quota di oggi per questo servizio è esaurita.",
    }
)
MESSAGES["es"].update(
    {
        "counter.print.title": "Su número",
        "counter.print.issued": "Emitido el {day} a las {time}",
        "counter.print.ahead": "Personas delante: {count}",
        "counter.print.wait": "Espera estimada: {minutes} min",
        "counter.print.footer": "Atienda a la pantalla: se llamará su número.",
        "counter.quota_reached": "Se ha alcanzado el cupo de hoy para este servicio.",
    }
)
MESSAGES["el"].update(
    {
        "counter.print.title": "Ο αριθμός σας",
        "counter.print.issued": "Εκδόθηκε {day}, ώρα {time}",
        "counter.print.ahead": "Πριν από εσάς: {count}",
        "counter.print.wait": "Εκτιμώμενη αναμονή: {minutes} λεπτά",
        "counter.print.footer": "Παρακολουθήστε την οθόνη: ο αριθμός σας θα κληθεί.",
        "counter.quota_reached": "Το σημερινό όριο για αυτή την υπηρεσία συμπληρώθηκε.",
    }
)

MESSAGES["en"]["counter.invalid_quota"] = "Quotas must be zero or more."
MESSAGES["it"]["counter.invalid_quota"] = "Le quote devono essere zero o più."
MESSAGES["es"]["counter.invalid_quota"] = "Los cupos deben ser cero o más."
MESSAGES["el"]["counter.invalid_quota"] = "Τα όρια πρέπει να είναι μηδέν ή περισσότερα."

#: Status words, as a citizen or a clerk reads them (``statusLabel``, refusals).
TICKET_STATUS_WORDS = {
    "en": {
        "waiting": "waiting",
        "called": "called",
        "in_service": "being served",
        "done": "served",
        "no_show": "a no-show",
        "cancelled": "cancelled",
    },
    "it": {
        "waiting": "in attesa",
        "called": "chiamato",
        "in_service": "in servizio",
        "done": "servito",
        "no_show": "assente",
        "cancelled": "annullato",
    },
    "es": {
        "waiting": "en espera",
        "called": "llamado",
        "in_service": "en atención",
        "done": "atendido",
        "no_show": "ausente",
        "cancelled": "cancelado",
    },
    "el": {
        "waiting": "σε αναμονή",
        "called": "κλήθηκε",
        "in_service": "σε εξυπηρέτηση",
        "done": "εξυπηρετήθηκε",
        "no_show": "δεν προσήλθε",
        "cancelled": "ακυρώθηκε",
    },
}
APPOINTMENT_STATUS_WORDS = {
    "en": {"booked": "booked", "checked_in": "checked in", "cancelled": "cancelled"},
    "it": {"booked": "prenotato", "checked_in": "arrivato", "cancelled": "annullato"},
    "es": {"booked": "reservada", "checked_in": "presentada", "cancelled": "cancelada"},
    "el": {"booked": "κλεισμένο", "checked_in": "προσήλθε", "cancelled": "ακυρώθηκε"},
}
#: The refusal of a move a status does not allow, naming the status in the reader's words.
_REFUSALS = {
    "en": (
        "This ticket is {word}: this is not possible now.",
        "This appointment is {word}: this is not possible now.",
    ),
    "it": (
        "Questo biglietto è {word}: ora non è possibile.",
        "Questo appuntamento è {word}: ora non è possibile.",
    ),
    "es": (
        "Este turno está {word}: ahora no es posible.",
        "Esta cita está {word}: ahora no es posible.",
    ),
    "el": (
        "Το εισιτήριο είναι σε κατάσταση «{word}»: αυτό δεν είναι δυνατό τώρα.",
        "Το ραντεβού είναι σε κατάσταση «{word}»: αυτό δεν είναι δυνατό τώρα.",
    ),
}
for _lang, (_ticket, _appointment) in _REFUSALS.items():
    for _status, _word in TICKET_STATUS_WORDS[_lang].items():
        MESSAGES[_lang][f"counter.status.{_status}"] = _word
        MESSAGES[_lang][f"counter.ticket_is.{_status}"] = _ticket.format(word=_word)
    for _status, _word in APPOINTMENT_STATUS_WORDS[_lang].items():
        MESSAGES[_lang][f"counter.appointment_status.{_status}"] = _word
        MESSAGES[_lang][f"counter.appointment_is.{_status}"] = _appointment.format(word=_word)
