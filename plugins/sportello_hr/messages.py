"""hr's user-facing messages in English, Italian, Spanish and Greek."""

from sportello_hr.messages_training import MESSAGES as _TRAINING

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "hr.merge_both_employed": (
            "Both people are currently employed ({jobs}): end one employment before merging them."
        ),
        "notify.hr.leave_requested.subject": "Leave request from {employee}",
        "notify.hr.leave_requested.body": (
            "{employee} asks for {leave_type} from {start} to {end} ({days} working days)."
        ),
        "notify.hr.leave_approved.subject": "Your leave is approved",
        "notify.hr.leave_approved.body": (
            "Your {leave_type} from {start} to {end} ({days} working days) is approved."
        ),
        "notify.hr.leave_rejected.subject": "Your leave request was not approved",
        "notify.hr.leave_rejected.body": (
            "Your request for {leave_type} from {start} to {end} ({days} working days) was"
            " not approved: ask your manager."
        ),
        "notify.hr.training_expiring.subject": "Your {skill} training expires on {valid_until}",
        "notify.hr.training_expiring.body": (
            "Your {skill} training is valid until {valid_until}: book a refresher course."
        ),
        "notify.hr.shift_swap_requested.subject": "Shift swap to decide",
        "notify.hr.shift_swap_requested.body": (
            "{employee} asks to swap the shift of {start} at {station} with {other}."
        ),
        "hr.forbidden": "Only HR may do this.",
        "hr.own_manager": "An employee cannot be their own manager.",
        "hr.user_not_party": "This login account belongs to another person.",
        "hr.already_employed": "This person is already employed.",
        "hr.already_ended": "This employment has already ended.",
        "hr.end_before_start": "The end comes before the start.",
        "hr.invalid_kind": "Unknown contract kind.",
        "hr.fixed_term_end": "A fixed-term contract needs an end date.",
        "hr.invalid_hours": "Hours per week must be more than 0 and at most 60.",
        "hr.contract_overlap": "Another contract of this employee covers these dates.",
        "hr.leave_too_long": "A leave request covers one year at most.",
        "hr.half_day_both": "A one-day request is a morning or an afternoon, not both.",
        "hr.after_employment": "The leave ends after the employment.",
        "hr.before_employment": "The leave starts before the employment.",
        "hr.no_working_days": "These dates hold no working day of the employee.",
        "hr.leave_overlap": "The employee already has leave on these dates.",
        "hr.no_allocation": "The employee has no allocation of this leave type for the year.",
        "hr.insufficient_balance": "Not enough days left: {available} available.",
        "hr.own_leave_only": "You may ask for and cancel only your own leave.",
        "hr.not_the_manager": "Only the employee's manager or HR decides this request.",
        "hr.invalid_transition": "The request is not in a state that allows this.",
        "hr.already_begun": "The leave has begun: ask HR to cancel it.",
        "hr.not_an_employee": "You are not registered as an employee.",
        "hr.code_taken": "This code is already in use.",
        "hr.invalid_accrual": "Accrual is yearly or monthly.",
        "hr.invalid_days": "Days go from 0 to 366, in half days.",
        "hr.invalid_month": "Unknown month.",
        "hr.invalid_year": "Unknown year.",
        "hr.no_allocation_needed": "This leave type keeps no balance.",
        "hr.below_taken": "Requests already hold more days than that.",
        "hr.not_at_site": "The employee does not work at this station's site.",
        "hr.not_employed": "The shift falls outside the employment.",
        "hr.shift_overlap": "The employee already has a shift at that time.",
        "hr.on_leave": "The employee is on approved leave then.",
        "hr.rest_too_short": "Too little rest between this shift and another of the employee's.",
        "hr.skill_missing": "The station needs a skill or training the employee does not hold.",
        "hr.training_expired": "The employee's training for this station has expired.",
        "hr.shift_too_long": "A shift lasts 16 hours at most.",
        "hr.invalid_time": "Write the time as HH:MM.",
        "hr.name_taken": "This name is already in use at the site.",
        "hr.own_shifts_only": "You may swap only your own shifts.",
        "hr.shift_begun": "The shift has begun.",
        "hr.swap_with_self": "Choose a colleague.",
        "hr.swap_pending": "A swap of this shift already waits for a decision.",
    },
    "it": {
        "hr.merge_both_employed": (
            "Entrambe le persone hanno un rapporto di lavoro in corso ({jobs}): chiuderne uno "
            "prima di unirle."
        ),
        "notify.hr.leave_requested.subject": "Richiesta di assenza di {employee}",
        "notify.hr.leave_requested.body": (
            "{employee} chiede {leave_type} dal {start} al {end} ({days} giorni lavorativi)."
        ),
        "notify.hr.leave_approved.subject": "La tua assenza è approvata",
        "notify.hr.leave_approved.body": (
            "La tua richiesta di {leave_type} dal {start} al {end} ({days} giorni lavorativi)"
            " è approvata."
        ),
        "notify.hr.leave_rejected.subject": "La tua richiesta di assenza non è approvata",
        "notify.hr.leave_rejected.body": (
            "La tua richiesta di {leave_type} dal {start} al {end} ({days} giorni lavorativi)"
            " non è approvata: parlane con il tuo responsabile."
        ),
        "notify.hr.training_expiring.subject": "La tua formazione {skill} scade il {valid_until}",
        "notify.hr.training_expiring.body": (
            "La tua formazione {skill} è valida fino al {valid_until}: prenota un aggiornamento."
        ),
        "notify.hr.shift_swap_requested.subject": "Scambio di turno da decidere",
        "notify.hr.shift_swap_requested.body": (
            "{employee} chiede di scambiare il turno del {start} a {station} con {other}."
        ),
        "hr.forbidden": "Solo l'ufficio del personale può farlo.",
        "hr.own_manager": "Un dipendente non può essere il proprio responsabile.",
        "hr.user_not_party": "Questo account appartiene a un'altra persona.",
        "hr.already_employed": "Questa persona è già assunta.",
        "hr.already_ended": "Questo rapporto di lavoro è già cessato.",
        "hr.end_before_start": "La fine precede l'inizio.",
        "hr.invalid_kind": "Tipo di contratto sconosciuto.",
        "hr.fixed_term_end": "Un contratto a tempo determinato richiede una data di fine.",
        "hr.invalid_hours": "Le ore settimanali devono essere più di 0 e al massimo 60.",
        "hr.contract_overlap": "Un altro contratto del dipendente copre queste date.",
        "hr.leave_too_long": "Una richiesta di assenza copre al massimo un anno.",
        "hr.half_day_both": "Una richiesta di un giorno è una mattina o un pomeriggio, non entrambi.",
        "hr.after_employment": "L'assenza termina dopo la fine del rapporto di lavoro.",
        "hr.before_employment": "L'assenza inizia prima dell'assunzione.",
        "hr.no_working_days": "In queste date il dipendente non ha giorni lavorativi.",
        "hr.leave_overlap": "Il dipendente ha già un'assenza in queste date.",
        "hr.no_allocation": "Il dipendente non ha un monte di questo tipo di assenza per l'anno.",
        "hr.insufficient_balance": "Giorni residui insufficienti: {available} disponibili.",
        "hr.own_leave_only": "Puoi chiedere e annullare solo le tue assenze.",
        "hr.not_the_manager": "Solo il responsabile del dipendente o il personale decide.",
        "hr.invalid_transition": "La richiesta non è in uno stato che lo consente.",
        "hr.already_begun": "L'assenza è iniziata: chiedi al personale di annullarla.",
        "hr.not_an_employee": "Non risulti registrato come dipendente.",
        "hr.code_taken": "Questo codice è già in uso.",
        "hr.invalid_accrual": "La maturazione è annuale o mensile.",
        "hr.invalid_days": "I giorni vanno da 0 a 366, a mezze giornate.",
        "hr.invalid_month": "Mese sconosciuto.",
        "hr.invalid_year": "Anno sconosciuto.",
        "hr.no_allocation_needed": "Questo tipo di assenza non tiene un saldo.",
        "hr.below_taken": "Le richieste impegnano già più giorni.",
        "hr.not_at_site": "Il dipendente non lavora nella sede di questa postazione.",
        "hr.not_employed": "Il turno cade fuori dal rapporto di lavoro.",
        "hr.shift_overlap": "Il dipendente ha già un turno in quell'orario.",
        "hr.on_leave": "In quel momento il dipendente è in assenza approvata.",
        "hr.rest_too_short": "Riposo insufficiente tra questo turno e un altro del dipendente.",
        "hr.skill_missing": "La postazione richiede una competenza o formazione che il dipendente non ha.",
        "hr.training_expired": "La formazione del dipendente per questa postazione è scaduta.",
        "hr.shift_too_long": "Un turno dura al massimo 16 ore.",
        "hr.invalid_time": "Scrivi l'orario come HH:MM.",
        "hr.name_taken": "Questo nome è già usato nella sede.",
        "hr.own_shifts_only": "Puoi scambiare solo i tuoi turni.",
        "hr.shift_begun": "Il turno è già iniziato.",
        "hr.swap_with_self": "Scegli un collega.",
        "hr.swap_pending": "Uno scambio di questo turno è già in attesa di decisione.",
    },
    "es": {
        "hr.merge_both_employed": (
            "Ambas personas tienen un empleo en curso ({jobs}): termine uno antes de fusionarlas."
        ),
        "notify.hr.leave_requested.subject": "Solicitud de ausencia de {employee}",
        "notify.hr.leave_requested.body": (
            "{employee} solicita {leave_type} del {start} al {end} ({days} días laborables)."
        ),
        "notify.hr.leave_approved.subject": "Su ausencia está aprobada",
        "notify.hr.leave_approved.body": (
            "Su solicitud de {leave_type} del {start} al {end} ({days} días laborables) está"
            " aprobada."
        ),
        "notify.hr.leave_rejected.subject": "Su solicitud de ausencia no se ha aprobado",
        "notify.hr.leave_rejected.body": (
            "Su solicitud de {leave_type} del {start} al {end} ({days} días laborables) no se"
            " ha aprobado: hable con su responsable."
        ),
        "notify.hr.training_expiring.subject": "Su formación {skill} caduca el {valid_until}",
        "notify.hr.training_expiring.body": (
            "Su formación {skill} es válida hasta el {valid_until}: reserve un curso de reciclaje."
        ),
        "notify.hr.shift_swap_requested.subject": "Cambio de turno por decidir",
        "notify.hr.shift_swap_requested.body": (
            "{employee} pide cambiar el turno del {start} en {station} con {other}."
        ),
        "hr.forbidden": "Solo Recursos Humanos puede hacerlo.",
        "hr.own_manager": "Un empleado no puede ser su propio responsable.",
        "hr.user_not_party": "Esta cuenta pertenece a otra persona.",
        "hr.already_employed": "Esta persona ya está contratada.",
        "hr.already_ended": "Esta relación laboral ya ha terminado.",
        "hr.end_before_start": "El final es anterior al inicio.",
        "hr.invalid_kind": "Tipo de contrato desconocido.",
        "hr.fixed_term_end": "Un contrato temporal necesita una fecha de fin.",
        "hr.invalid_hours": "Las horas semanales deben ser más de 0 y como máximo 60.",
        "hr.contract_overlap": "Otro contrato del empleado cubre estas fechas.",
        "hr.leave_too_long": "Una solicitud de ausencia cubre como máximo un año.",
        "hr.half_day_both": "Una solicitud de un día es una mañana o una tarde, no ambas.",
        "hr.after_employment": "La ausencia termina después de la relación laboral.",
        "hr.before_employment": "La ausencia empieza antes de la contratación.",
        "hr.no_working_days": "Estas fechas no contienen ningún día laborable del empleado.",
        "hr.leave_overlap": "El empleado ya tiene una ausencia en estas fechas.",
        "hr.no_allocation": "El empleado no tiene asignación de este tipo de ausencia este año.",
        "hr.insufficient_balance": "No quedan días suficientes: {available} disponibles.",
        "hr.own_leave_only": "Solo puede solicitar y cancelar sus propias ausencias.",
        "hr.not_the_manager": "Solo el responsable del empleado o RR. HH. decide esta solicitud.",
        "hr.invalid_transition": "La solicitud no está en un estado que lo permita.",
        "hr.already_begun": "La ausencia ha empezado: pida a RR. HH. que la cancele.",
        "hr.not_an_employee": "No está registrado como empleado.",
        "hr.code_taken": "Este código ya está en uso.",
        "hr.invalid_accrual": "El devengo es anual o mensual.",
        "hr.invalid_days": "Los días van de 0 a 366, en medias jornadas.",
        "hr.invalid_month": "Mes desconocido.",
        "hr.invalid_year": "Año desconocido.",
        "hr.no_allocation_needed": "Este tipo de ausencia no lleva saldo.",
        "hr.below_taken": "Las solicitudes ya ocupan más días.",
        "hr.not_at_site": "El empleado no trabaja en la sede de este puesto.",
        "hr.not_employed": "El turno queda fuera de la relación laboral.",
        "hr.shift_overlap": "El empleado ya tiene un turno a esa hora.",
        "hr.on_leave": "El empleado está de ausencia aprobada en ese momento.",
        "hr.rest_too_short": "Descanso insuficiente entre este turno y otro del empleado.",
        "hr.skill_missing": "El puesto requiere una competencia o formación que el empleado no tiene.",
        "hr.training_expired": "La formación del empleado para este puesto ha caducado.",
        "hr.shift_too_long": "Un turno dura como máximo 16 horas.",
        "hr.invalid_time": "Escriba la hora como HH:MM.",
        "hr.name_taken": "Este nombre ya se usa en la sede.",
        "hr.own_shifts_only": "Solo puede cambiar sus propios turnos.",
        "hr.shift_begun": "El turno ya ha empezado.",
        "hr.swap_with_self": "Elija a un compañero.",
        "hr.swap_pending": "Un cambio de este turno ya espera una decisión.",
    },
    "el": {
        "hr.merge_both_employed": (
            "Και τα δύο πρόσωπα έχουν τρέχουσα απασχόληση ({jobs}): τερματίστε μία πριν τη "
            "συγχώνευση."
        ),
        "notify.hr.leave_requested.subject": "Αίτηση άδειας από {employee}",
        "notify.hr.leave_requested.body": (
            "Ο/Η {employee} ζητά {leave_type} από {start} έως {end} ({days} εργάσιμες ημέρες)."
        ),
        "notify.hr.leave_approved.subject": "Η άδειά σας εγκρίθηκε",
        "notify.hr.leave_approved.body": (
            "Η αίτησή σας για {leave_type} από {start} έως {end} ({days} εργάσιμες ημέρες)"
            " εγκρίθηκε."
        ),
        "notify.hr.leave_rejected.subject": "Η αίτηση άδειάς σας δεν εγκρίθηκε",
        "notify.hr.leave_rejected.body": (
            "Η αίτησή σας για {leave_type} από {start} έως {end} ({days} εργάσιμες ημέρες)"
            " δεν εγκρίθηκε: μιλήστε με τον προϊστάμενό σας."
        ),
        "notify.hr.training_expiring.subject": "Η εκπαίδευσή σας {skill} λήγει στις {valid_until}",
        "notify.hr.training_expiring.body": (
            "Η εκπαίδευσή σας {skill} ισχύει έως {valid_until}: κλείστε επανεκπαίδευση."
        ),
        "notify.hr.shift_swap_requested.subject": "Αλλαγή βάρδιας προς απόφαση",
        "notify.hr.shift_swap_requested.body": (
            "Ο/Η {employee} ζητά να αλλάξει τη βάρδια της {start} στο {station} με {other}."
        ),
        "hr.forbidden": "Μόνο το τμήμα προσωπικού μπορεί να το κάνει.",
        "hr.own_manager": "Ένας υπάλληλος δεν μπορεί να είναι προϊστάμενος του εαυτού του.",
        "hr.user_not_party": "Αυτός ο λογαριασμός ανήκει σε άλλο πρόσωπο.",
        "hr.already_employed": "Αυτό το πρόσωπο εργάζεται ήδη εδώ.",
        "hr.already_ended": "Αυτή η σχέση εργασίας έχει ήδη λήξει.",
        "hr.end_before_start": "Το τέλος είναι πριν από την αρχή.",
        "hr.invalid_kind": "Άγνωστο είδος σύμβασης.",
        "hr.fixed_term_end": "Μια σύμβαση ορισμένου χρόνου χρειάζεται ημερομηνία λήξης.",
        "hr.invalid_hours": "Οι ώρες την εβδομάδα πρέπει να είναι πάνω από 0 και έως 60.",
        "hr.contract_overlap": "Άλλη σύμβαση του υπαλλήλου καλύπτει αυτές τις ημερομηνίες.",
        "hr.leave_too_long": "Μια αίτηση άδειας καλύπτει το πολύ ένα έτος.",
        "hr.half_day_both": "Μια μονοήμερη αίτηση είναι πρωί ή απόγευμα, όχι και τα δύο.",
        "hr.after_employment": "Η άδεια λήγει μετά το τέλος της σχέσης εργασίας.",
        "hr.before_employment": "Η άδεια αρχίζει πριν από την πρόσληψη.",
        "hr.no_working_days": "Αυτές οι ημερομηνίες δεν έχουν εργάσιμη ημέρα του υπαλλήλου.",
        "hr.leave_overlap": "Ο υπάλληλος έχει ήδη άδεια αυτές τις ημερομηνίες.",
        "hr.no_allocation": "Ο υπάλληλος δεν έχει δικαίωμα σε αυτό το είδος άδειας φέτος.",
        "hr.insufficient_balance": "Δεν υπάρχουν αρκετές ημέρες: {available} διαθέσιμες.",
        "hr.own_leave_only": "Μπορείτε να ζητάτε και να ακυρώνετε μόνο τις δικές σας άδειες.",
        "hr.not_the_manager": "Μόνο ο προϊστάμενος του υπαλλήλου ή το προσωπικό αποφασίζει.",
        "hr.invalid_transition": "Η αίτηση δεν βρίσκεται σε κατάσταση που το επιτρέπει.",
        "hr.already_begun": "Η άδεια έχει αρχίσει: ζητήστε από το προσωπικό να την ακυρώσει.",
        "hr.not_an_employee": "Δεν είστε καταχωρισμένος ως υπάλληλος.",
        "hr.code_taken": "Αυτός ο κωδικός χρησιμοποιείται ήδη.",
        "hr.invalid_accrual": "Η θεμελίωση είναι ετήσια ή μηνιαία.",
        "hr.invalid_days": "Οι ημέρες είναι από 0 έως 366, σε μισές ημέρες.",
        "hr.invalid_month": "Άγνωστος μήνας.",
        "hr.invalid_year": "Άγνωστο έτος.",
        "hr.no_allocation_needed": "Αυτό το είδος άδειας δεν κρατά υπόλοιπο.",
        "hr.below_taken": "Οι αιτήσεις δεσμεύουν ήδη περισσότερες ημέρες.",
        "hr.not_at_site": "Ο υπάλληλος δεν εργάζεται στο σημείο αυτής της θέσης.",
        "hr.not_employed": "Η βάρδια είναι εκτός της σχέσης εργασίας.",
        "hr.shift_overlap": "Ο υπάλληλος έχει ήδη βάρδια εκείνη την ώρα.",
        "hr.on_leave": "Ο υπάλληλος έχει εγκεκριμένη άδεια τότε.",
        "hr.rest_too_short": "Ανεπαρκής ανάπαυση ανάμεσα σε αυτή και άλλη βάρδια του υπαλλήλου.",
        "hr.skill_missing": "Η θέση απαιτεί δεξιότητα ή εκπαίδευση που ο υπάλληλος δεν έχει.",
        "hr.training_expired": "Η εκπαίδευση του υπαλλήλου για αυτή τη θέση έχει λήξει.",
        "hr.shift_too_long": "Μια βάρδια διαρκεί το πολύ 16 ώρες.",
        "hr.invalid_time": "Γράψτε την ώρα ως HH:MM.",
        "hr.name_taken": "Αυτό το όνομα χρησιμοποιείται ήδη στο σημείο.",
        "hr.own_shifts_only": "Μπορείτε να αλλάζετε μόνο τις δικές σας βάρδιες.",
        "hr.shift_begun": "Η βάρδια έχει αρχίσει.",
        "hr.swap_with_self": "Επιλέξτε συνάδελφο.",
        "hr.swap_pending": "Μια αλλαγή αυτής της βάρδιας περιμένει ήδη απόφαση.",
    },
}

for _lang, _more in _TRAINING.items():
    MESSAGES[_lang].update(_more)
