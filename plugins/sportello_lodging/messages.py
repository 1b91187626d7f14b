from sportello_lodging.messages_police import POLICE_MESSAGES

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "notify.lodging.booking_confirmed.subject": (
            "Your stay at {hotel} is confirmed ({reference})"
        ),
        "notify.lodging.booking_confirmed.body": (
            "Dear {guest},\n"
            "\n"
            "your stay at {hotel} is confirmed: {room_type}, {nights} night(s), from {arrival} to {departure}.\n"
            "Your booking reference is {reference}.\n"
            "\n"
            "We look forward to welcoming you."
        ),
        "lodging.room_unavailable": "The room is not available for these nights.",
        "lodging.room_type_unavailable": "No room of this type is available for these nights.",
        "lodging.room_or_room_type": "Give a room or a room type, not both.",
        "lodging.invalid_transition": (
            "A reservation that is {current:en} cannot become {target:en}."
        ),
        "lodging.departure_before_arrival": "The departure must be after the arrival.",
        "lodging.departure_past": "The departure cannot be in the past.",
        "lodging.arrival_fixed": "The guest is in house: the arrival date cannot change.",
        "lodging.over_capacity": "The room sleeps at most {capacity} guests.",
        "lodging.too_early": "The stay has not started yet.",
        "lodging.stay_over": "The stay is already over.",
        "lodging.room_occupied": "Another guest is still checked in to this room.",
        "lodging.folio_unpaid": "The folio is not paid: {balance} {currency} due.",
        "lodging.folio_closed": "The folio of this reservation is closed.",
        "lodging.override_forbidden": "Only a manager may close an unpaid folio.",
        "lodging.registry_incomplete": "Register every guest in the room ({count}).",
        "lodging.invalid_document": "Unknown document type.",
        "lodging.invalid_birth_date": "Enter a valid birth date.",
        "lodging.invalid_guests": "Invalid number of guests.",
        "lodging.invalid_amount": "Enter a positive amount.",
        "lodging.invalid_capacity": "The capacity must be at least 1.",
        "lodging.invalid_cleanliness": "Unknown housekeeping state.",
        "lodging.invalid_initial_status": "A new reservation is a draft or confirmed.",
        "lodging.code_taken": "Another room type of this site already uses this code.",
        "lodging.room_number_taken": "Another room of this site already has this number.",
        "lodging.arrival_past": (
            "The arrival cannot be in the past (a manager may register a late walk-in)."
        ),
        "lodging.registry_too_many": (
            "The room holds {count} guests: the registry cannot list more."
        ),
        "lodging.registry_closed": "Guests cannot be registered for a stay that is {current:en}.",
        "lodging.stay_too_long": "A stay lasts at most {nights} nights.",
        "lodging.beyond_horizon": "Bookings open {days} days ahead: choose an earlier arrival.",
        "lodging.date_out_of_range": "The date is out of range.",
        "lodging.too_many_amenities": "A room type lists at most {max} amenities.",
        "lodging.amenity_too_long": "An amenity is at most {max} characters long.",
        "lodging.invalid_charge_code": (
            "A charge code is upper case letters, digits and _ (ROOM_NIGHT, CITY_TAX and the "
            "fees are posted by the hotel itself)."
        ),
        "lodging.invalid_payment_method": "Unknown payment method: use one of {methods}.",
        "lodging.overpayment": (
            "The payment is more than what is due ({due} {currency}): confirm the overpayment"
            " to take it."
        ),
        "lodging.refund_due": (
            "The guest paid {amount} {currency} too much: refund it before checkout."
        ),
        "lodging.deposit_held": (
            "The guest paid {amount} {currency}: refund it, keep it as the fee or carry it to"
            " another reservation."
        ),
        "lodging.carry_target": (
            "Carry the money to another confirmed or in-house reservation of the same hotel."
        ),
        "lodging.reason_too_long": "The reason is at most {max} characters long.",
        "lodging.void_payment": "A payment is refunded, not voided.",
        "lodging.void_reversal": "A reversing line cannot be voided.",
        "lodging.already_voided": "The line is already voided.",
        "lodging.refund_not_payment": "Only a payment or a deposit can be refunded.",
        "lodging.already_refunded": "The payment is already refunded in full.",
        "lodging.refund_too_much": "At most {max} {currency} of this payment can be refunded.",
        "lodging.manual_rate_forbidden": (
            "Only a manager may set a nightly rate by hand: book on a rate plan."
        ),
        "lodging.invalid_policy": "Unknown cancellation policy.",
        "lodging.out_of_range": "The value is out of range.",
        "lodging.invalid_channels": "A plan lists at most 20 channels of at most 32 characters.",
        "lodging.weekday_prices": "Give seven prices, Monday first.",
        "lodging.season_too_long": "A season lasts at most three years.",
        "lodging.invalid_weekday": "Days of the week go from 0 (Monday) to 6 (Sunday).",
        "lodging.rate_plan_channel": "This rate plan is not sold on this channel.",
        "lodging.no_rate": "The rate plan has no price for the night of {night}.",
        "lodging.min_stay": "On this rate the stay lasts at least {nights} nights.",
        "lodging.closed_to_arrival": "No arrivals on this day on this rate.",
        "lodging.capacity_too_large": "A room sleeps at most {max} guests.",
        "lodging.guest_or_guest_id": "Give a guest or a guest id, not both.",
        "lodging.guest_conflict": (
            "This email belongs to a guest with another name: check the name or the email."
        ),
        "lodging.no_show_too_early": (
            "The guest is not late yet: a no-show is recorded from the check-in hour of the "
            "arrival day."
        ),
        "lodging.label.room_night": "Room night {night}",
        "lodging.label.city_tax": "City tax {night}",
        "lodging.label.cancellation_fee": "Cancellation fee",
        "lodging.label.no_show_fee": "No-show fee",
        "lodging.label.payment": "Payment ({method})",
        "lodging.label.deposit": "Deposit ({method})",
        "lodging.label.refund": "Refund ({method})",
        "lodging.label.void": "Void: {line}",
    },
    "it": {
        "notify.lodging.booking_confirmed.subject": (
            "Il tuo soggiorno presso {hotel} è confermato ({reference})"
        ),
        "notify.lodging.booking_confirmed.body": (
            "Gentile {guest},\n"
            "\n"
            "il tuo soggiorno presso {hotel} è confermato: "
            "{room_type}, {nights} notte/i, dal {arrival} al {departure}.\n"
            "Il codice della prenotazione è {reference}.\n"
            "\n"
            "Ti aspettiamo."
        ),
        "lodging.room_unavailable": "La camera non è disponibile per queste notti.",
        "lodging.room_type_unavailable": (
            "Nessuna camera di questa tipologia è disponibile per queste notti."
        ),
        "lodging.room_or_room_type": "Indicare una camera o una tipologia di camera, non entrambe.",
        "lodging.invalid_transition": (
            "Una prenotazione {current:it} non può diventare {target:it}."
        ),
        "lodging.departure_before_arrival": "La partenza deve seguire l'arrivo.",
        "lodging.departure_past": "La partenza non può essere nel passato.",
        "lodging.arrival_fixed": "L'ospite è in casa: la data di arrivo non può cambiare.",
        "lodging.over_capacity": "La camera ospita al massimo {capacity} persone.",
        "lodging.too_early": "Il soggiorno non è ancora iniziato.",
        "lodging.stay_over": "Il soggiorno è già terminato.",
        "lodging.room_occupied": "Un altro ospite occupa ancora questa camera.",
        "lodging.folio_unpaid": "Il conto non è saldato: {balance} {currency} da pagare.",
        "lodging.folio_closed": "Il conto di questa prenotazione è chiuso.",
        "lodging.override_forbidden": "Solo un responsabile può chiudere un conto non saldato.",
        "lodging.registry_incomplete": "Registrare tutti gli ospiti della camera ({count}).",
        "lodging.invalid_document": "Tipo di documento sconosciuto.",
        "lodging.invalid_birth_date": "Inserire una data di nascita valida.",
        "lodging.invalid_guests": "Numero di ospiti non valido.",
        "lodging.invalid_amount": "Inserire un importo positivo.",
        "lodging.invalid_capacity": "La capienza deve essere almeno 1.",
        "lodging.invalid_cleanliness": "Stato di pulizia sconosciuto.",
        "lodging.invalid_initial_status": "Una nuova prenotazione è bozza o confermata.",
        "lodging.code_taken": "Un'altra tipologia di questa struttura usa già questo codice.",
        "lodging.room_number_taken": "Un'altra camera di questa struttura ha già questo numero.",
        "lodging.arrival_past": (
            "L'arrivo non può essere nel passato (un responsabile "
            "può registrare un arrivo tardivo)."
        ),
        "lodging.registry_too_many": (
            "La camera ospita {count} persone: il registro non può elencarne di più."
        ),
        "lodging.registry_closed": (
            "Non si possono registrare ospiti per un soggiorno {current:it}."
        ),
        "lodging.stay_too_long": "Un soggiorno dura al massimo {nights} notti.",
        "lodging.beyond_horizon": (
            "Le prenotazioni sono aperte per {days} giorni: scegliere un arrivo anteriore."
        ),
        "lodging.date_out_of_range": "La data non è valida.",
        "lodging.too_many_amenities": "Una tipologia di camera elenca al massimo {max} servizi.",
        "lodging.amenity_too_long": "Un servizio è lungo al massimo {max} caratteri.",
        "lodging.invalid_charge_code": (
            "Un codice di addebito è fatto di lettere maiuscole, cifre e _ (ROOM_NIGHT, "
            "CITY_TAX e le penali sono registrati dall'hotel)."
        ),
        "lodging.invalid_payment_method": (
            "Metodo di pagamento sconosciuto: usare uno tra {methods}."
        ),
        "lodging.overpayment": (
            "Il pagamento supera l'importo dovuto ({due} {currency}): confermare l'eccedenza "
            "per registrarlo."
        ),
        "lodging.refund_due": (
            "L'ospite ha pagato {amount} {currency} in più: rimborsarli prima del check-out."
        ),
        "lodging.deposit_held": (
            "L'ospite ha versato {amount} {currency}: rimborsarli, trattenerli come penale o "
            "trasferirli su un'altra prenotazione."
        ),
        "lodging.carry_target": (
            "Trasferire l'importo su un'altra prenotazione confermata o in corso dello stesso"
            " hotel."
        ),
        "lodging.reason_too_long": "Il motivo è lungo al massimo {max} caratteri.",
        "lodging.void_payment": "Un pagamento si rimborsa, non si storna.",
        "lodging.void_reversal": "Una riga di storno non può essere stornata.",
        "lodging.already_voided": "La riga è già stornata.",
        "lodging.refund_not_payment": "Si può rimborsare solo un pagamento o un acconto.",
        "lodging.already_refunded": "Il pagamento è già stato rimborsato per intero.",
        "lodging.refund_too_much": (
            "Di questo pagamento si possono rimborsare al massimo {max} {currency}."
        ),
        "lodging.manual_rate_forbidden": (
            "Solo un responsabile può impostare a mano la tariffa: prenotare con un piano "
            "tariffario."
        ),
        "lodging.invalid_policy": "Politica di cancellazione sconosciuta.",
        "lodging.out_of_range": "Il valore è fuori intervallo.",
        "lodging.invalid_channels": (
            "Un piano elenca al massimo 20 canali di al massimo 32 caratteri."
        ),
        "lodging.weekday_prices": "Indicare sette prezzi, a partire dal lunedì.",
        "lodging.season_too_long": "Una stagione dura al massimo tre anni.",
        "lodging.invalid_weekday": "I giorni della settimana vanno da 0 (lunedì) a 6 (domenica).",
        "lodging.rate_plan_channel": "Questo piano tariffario non è in vendita su questo canale.",
        "lodging.no_rate": "Il piano tariffario non ha un prezzo per la notte del {night}.",
        "lodging.min_stay": "Con questa tariffa il soggiorno dura almeno {nights} notti.",
        "lodging.closed_to_arrival": "Con questa tariffa non si arriva in questo giorno.",
        "lodging.capacity_too_large": "Una camera ospita al massimo {max} persone.",
        "lodging.guest_or_guest_id": "Indicare un ospite o l'id di un ospite, non entrambi.",
        "lodging.guest_conflict": (
            "Questa email appartiene a un ospite con un altro nome: verificare il nome o l'email."
        ),
        "lodging.no_show_too_early": (
            "L'ospite non è ancora in ritardo: il mancato arrivo si registra dall'ora di "
            "check-in del giorno di arrivo."
        ),
        "lodging.label.room_night": "Pernottamento {night}",
        "lodging.label.city_tax": "Imposta di soggiorno {night}",
        "lodging.label.cancellation_fee": "Penale di cancellazione",
        "lodging.label.no_show_fee": "Penale per mancato arrivo",
        "lodging.label.payment": "Pagamento ({method})",
        "lodging.label.deposit": "Acconto ({method})",
        "lodging.label.refund": "Rimborso ({method})",
        "lodging.label.void": "Storno: {line}",
    },
    "es": {
        "notify.lodging.booking_confirmed.subject": (
            "Su estancia en {hotel} está confirmada ({reference})"
        ),
        "notify.lodging.booking_confirmed.body": (
            "Estimado/a {guest}:\n"
            "\n"
            "su estancia en {hotel} está confirmada: {room_type}, {nights} noche(s), del {arrival} al {departure}.\n"
            "Su código de reserva es {reference}.\n"
            "\n"
            "Le esperamos."
        ),
        "lodging.room_unavailable": "La habitación no está disponible para estas noches.",
        "lodging.room_type_unavailable": (
            "No hay ninguna habitación de este tipo disponible para estas noches."
        ),
        "lodging.room_or_room_type": "Indique una habitación o un tipo de habitación, no ambos.",
        "lodging.invalid_transition": "Una reserva {current:es} no puede pasar a {target:es}.",
        "lodging.departure_before_arrival": "La salida debe ser posterior a la llegada.",
        "lodging.departure_past": "La salida no puede estar en el pasado.",
        "lodging.arrival_fixed": "El huésped está alojado: la llegada no puede cambiar.",
        "lodging.over_capacity": "La habitación admite como máximo {capacity} huéspedes.",
        "lodging.too_early": "La estancia aún no ha empezado.",
        "lodging.stay_over": "La estancia ya ha terminado.",
        "lodging.room_occupied": "Otro huésped sigue alojado en esta habitación.",
        "lodging.folio_unpaid": "La cuenta no está pagada: faltan {balance} {currency}.",
        "lodging.folio_closed": "La cuenta de esta reserva está cerrada.",
        "lodging.override_forbidden": "Solo un responsable puede cerrar una cuenta impagada.",
        "lodging.registry_incomplete": "Registre a todos los huéspedes ({count}).",
        "lodging.invalid_document": "Tipo de documento desconocido.",
        "lodging.invalid_birth_date": "Introduzca una fecha de nacimiento válida.",
        "lodging.invalid_guests": "Número de huéspedes no válido.",
        "lodging.invalid_amount": "Introduzca un importe positivo.",
        "lodging.invalid_capacity": "La capacidad debe ser al menos 1.",
        "lodging.invalid_cleanliness": "Estado de limpieza desconocido.",
        "lodging.invalid_initial_status": "Una reserva nueva es borrador o confirmada.",
        "lodging.code_taken": "Otro tipo de habitación de este sitio ya usa este código.",
        "lodging.room_number_taken": "Otra habitación de este sitio ya tiene este número.",
        "lodging.arrival_past": (
            "La llegada no puede estar en el pasado (un responsable "
            "puede registrar una llegada tardía)."
        ),
        "lodging.registry_too_many": (
            "La habitación aloja {count} huéspedes: el registro no puede incluir más."
        ),
        "lodging.registry_closed": "No se pueden registrar huéspedes en una estancia {current:es}.",
        "lodging.stay_too_long": "Una estancia dura como máximo {nights} noches.",
        "lodging.beyond_horizon": (
            "Las reservas se abren con {days} días de antelación: elija una llegada anterior."
        ),
        "lodging.date_out_of_range": "La fecha está fuera de rango.",
        "lodging.too_many_amenities": "Un tipo de habitación incluye como máximo {max} servicios.",
        "lodging.amenity_too_long": "Un servicio tiene como máximo {max} caracteres.",
        "lodging.invalid_charge_code": (
            "Un código de cargo tiene letras mayúsculas, dígitos y _ (ROOM_NIGHT, CITY_TAX y "
            "las penalizaciones los registra el hotel)."
        ),
        "lodging.invalid_payment_method": "Método de pago desconocido: use uno de {methods}.",
        "lodging.overpayment": (
            "El pago supera lo adeudado ({due} {currency}): confirme el exceso para registrarlo."
        ),
        "lodging.refund_due": (
            "El huésped pagó {amount} {currency} de más: reembólselos antes de la salida."
        ),
        "lodging.deposit_held": (
            "El huésped pagó {amount} {currency}: reembólselos, reténgalos como penalización "
            "o trasládelos a otra reserva."
        ),
        "lodging.carry_target": (
            "Traslade el importe a otra reserva confirmada o en curso del mismo hotel."
        ),
        "lodging.reason_too_long": "El motivo tiene como máximo {max} caracteres.",
        "lodging.void_payment": "Un pago se reembolsa, no se anula.",
        "lodging.void_reversal": "Una línea de anulación no se puede anular.",
        "lodging.already_voided": "La línea ya está anulada.",
        "lodging.refund_not_payment": "Solo se puede reembolsar un pago o un depósito.",
        "lodging.already_refunded": "El pago ya está reembolsado por completo.",
        "lodging.refund_too_much": (
            "De este pago se pueden reembolsar como máximo {max} {currency}."
        ),
        "lodging.manual_rate_forbidden": (
            "Solo un responsable puede fijar la tarifa a mano: reserve con un plan de tarifas."
        ),
        "lodging.invalid_policy": "Política de cancelación desconocida.",
        "lodging.out_of_range": "El valor está fuera de rango.",
        "lodging.invalid_channels": (
            "Un plan incluye como máximo 20 canales de hasta 32 caracteres."
        ),
        "lodging.weekday_prices": "Indique siete precios, empezando por el lunes.",
        "lodging.season_too_long": "Una temporada dura como máximo tres años.",
        "lodging.invalid_weekday": "Los días de la semana van de 0 (lunes) a 6 (domingo).",
        "lodging.rate_plan_channel": "Este plan de tarifas no se vende en este canal.",
        "lodging.no_rate": "El plan de tarifas no tiene precio para la noche del {night}.",
        "lodging.min_stay": "Con esta tarifa la estancia dura al menos {nights} noches.",
        "lodging.closed_to_arrival": "Con esta tarifa no se admiten llegadas este día.",
        "lodging.capacity_too_large": "Una habitación admite como máximo {max} huéspedes.",
        "lodging.guest_or_guest_id": "Indique un huésped o el id de un huésped, no ambos.",
        "lodging.guest_conflict": (
            "Este correo pertenece a un huésped con otro nombre: compruebe el nombre o el correo."
        ),
        "lodging.no_show_too_early": (
            "El huésped aún no llega tarde: la no presentación se registra desde la hora de "
            "entrada del día de llegada."
        ),
        "lodging.label.room_night": "Noche de habitación {night}",
        "lodging.label.city_tax": "Tasa turística {night}",
        "lodging.label.cancellation_fee": "Penalización por cancelación",
        "lodging.label.no_show_fee": "Penalización por no presentarse",
        "lodging.label.payment": "Pago ({method})",
        "lodging.label.deposit": "Depósito ({method})",
        "lodging.label.refund": "Reembolso ({method})",
        "lodging.label.void": "Anulación: {line}",
    },
    "el": {
        "notify.lodging.booking_confirmed.subject": (
            "Η διαμονή σας στο {hotel} επιβεβαιώθηκε ({reference})"
        ),
        "notify.lodging.booking_confirmed.body": (
            "Αγαπητέ/ή {guest},\n"
            "\n"
            "η διαμονή σας στο {hotel} επιβεβαιώθηκε: {room_type}, {nights} νύχτα/ες, από {arrival} έως {departure}.\n"
            "Ο κωδικός κράτησης είναι {reference}.\n"
            "\n"
            "Ανυπομονούμε να σας καλωσορίσουμε."
        ),
        "lodging.room_unavailable": "Το δωμάτιο δεν είναι διαθέσιμο για αυτές τις νύχτες.",
        "lodging.room_type_unavailable": (
            "Κανένα δωμάτιο αυτού του τύπου δεν είναι διαθέσιμο για αυτές τις νύχτες."
        ),
        "lodging.room_or_room_type": "Δώστε δωμάτιο ή τύπο δωματίου, όχι και τα δύο.",
        "lodging.invalid_transition": "Μια κράτηση {current:el} δεν μπορεί να γίνει {target:el}.",
        "lodging.departure_before_arrival": "Η αναχώρηση πρέπει να είναι μετά την άφιξη.",
        "lodging.departure_past": "Η αναχώρηση δεν μπορεί να είναι στο παρελθόν.",
        "lodging.arrival_fixed": "Ο επισκέπτης διαμένει ήδη: η άφιξη δεν αλλάζει.",
        "lodging.over_capacity": "Το δωμάτιο φιλοξενεί έως {capacity} άτομα.",
        "lodging.too_early": "Η διαμονή δεν έχει αρχίσει ακόμη.",
        "lodging.stay_over": "Η διαμονή έχει ήδη λήξει.",
        "lodging.room_occupied": "Άλλος επισκέπτης διαμένει ακόμη σε αυτό το δωμάτιο.",
        "lodging.folio_unpaid": (
            "Ο λογαριασμός δεν έχει εξοφληθεί: οφείλονται {balance} {currency}."
        ),
        "lodging.folio_closed": "Ο λογαριασμός αυτής της κράτησης έχει κλείσει.",
        "lodging.override_forbidden": "Μόνο υπεύθυνος μπορεί να κλείσει ανεξόφλητο λογαριασμό.",
        "lodging.registry_incomplete": "Καταχωρίστε όλους τους επισκέπτες ({count}).",
        "lodging.invalid_document": "Άγνωστος τύπος εγγράφου.",
        "lodging.invalid_birth_date": "Εισαγάγετε έγκυρη ημερομηνία γέννησης.",
        "lodging.invalid_guests": "Μη έγκυρος αριθμός επισκεπτών.",
        "lodging.invalid_amount": "Εισαγάγετε θετικό ποσό.",
        "lodging.invalid_capacity": "Η χωρητικότητα πρέπει να είναι τουλάχιστον 1.",
        "lodging.invalid_cleanliness": "Άγνωστη κατάσταση καθαριότητας.",
        "lodging.invalid_initial_status": "Μια νέα κράτηση είναι πρόχειρη ή επιβεβαιωμένη.",
        "lodging.code_taken": "Άλλος τύπος δωματίου αυτού του σημείου έχει ήδη τον κωδικό.",
        "lodging.room_number_taken": "Άλλο δωμάτιο αυτού του σημείου έχει ήδη τον αριθμό.",
        "lodging.arrival_past": (
            "Η άφιξη δεν μπορεί να είναι στο παρελθόν (ένας υπεύθυνος "
            "μπορεί να καταχωρίσει καθυστερημένη άφιξη)."
        ),
        "lodging.registry_too_many": (
            "Το δωμάτιο φιλοξενεί {count} άτομα: το βιβλίο δεν μπορεί να περιέχει περισσότερα."
        ),
        "lodging.registry_closed": (
            "Δεν μπορούν να καταχωριστούν επισκέπτες σε διαμονή {current:el}."
        ),
        "lodging.stay_too_long": "Μια διαμονή διαρκεί το πολύ {nights} νύχτες.",
        "lodging.beyond_horizon": (
            "Οι κρατήσεις ανοίγουν {days} ημέρες νωρίτερα: επιλέξτε προγενέστερη άφιξη."
        ),
        "lodging.date_out_of_range": "Η ημερομηνία είναι εκτός ορίων.",
        "lodging.too_many_amenities": "Ένας τύπος δωματίου έχει το πολύ {max} παροχές.",
        "lodging.amenity_too_long": "Μια παροχή έχει το πολύ {max} χαρακτήρες.",
        "lodging.invalid_charge_code": (
            "Ο κωδικός χρέωσης έχει κεφαλαία γράμματα, ψηφία και _ (τα ROOM_NIGHT, CITY_TAX "
            "και οι χρεώσεις ακύρωσης καταχωρίζονται από το ξενοδοχείο)."
        ),
        "lodging.invalid_payment_method": (
            "Άγνωστος τρόπος πληρωμής: χρησιμοποιήστε έναν από {methods}."
        ),
        "lodging.overpayment": (
            "Η πληρωμή υπερβαίνει το οφειλόμενο ({due} {currency}): επιβεβαιώστε την "
            "υπερπληρωμή για να καταχωριστεί."
        ),
        "lodging.refund_due": (
            "Ο επισκέπτης πλήρωσε {amount} {currency} παραπάνω: επιστρέψτε τα πριν από την "
            "αναχώρηση."
        ),
        "lodging.deposit_held": (
            "Ο επισκέπτης κατέβαλε {amount} {currency}: επιστρέψτε τα, κρατήστε τα ως χρέωση "
            "ή μεταφέρετέ τα σε άλλη κράτηση."
        ),
        "lodging.carry_target": (
            "Μεταφέρετε το ποσό σε άλλη επιβεβαιωμένη ή τρέχουσα κράτηση του ίδιου ξενοδοχείου."
        ),
        "lodging.reason_too_long": "Η αιτιολογία έχει το πολύ {max} χαρακτήρες.",
        "lodging.void_payment": "Μια πληρωμή επιστρέφεται, δεν ακυρώνεται.",
        "lodging.void_reversal": "Μια γραμμή αντιλογισμού δεν ακυρώνεται.",
        "lodging.already_voided": "Η γραμμή έχει ήδη ακυρωθεί.",
        "lodging.refund_not_payment": "Επιστρέφεται μόνο πληρωμή ή προκαταβολή.",
        "lodging.already_refunded": "Η πληρωμή έχει ήδη επιστραφεί ολόκληρη.",
        "lodging.refund_too_much": "Από αυτή την πληρωμή επιστρέφονται το πολύ {max} {currency}.",
        "lodging.manual_rate_forbidden": (
            "Μόνο υπεύθυνος ορίζει χειροκίνητα τιμή: κάντε κράτηση με πρόγραμμα τιμών."
        ),
        "lodging.invalid_policy": "Άγνωστη πολιτική ακύρωσης.",
        "lodging.out_of_range": "Η τιμή είναι εκτός ορίων.",
        "lodging.invalid_channels": "Ένα πρόγραμμα έχει έως 20 κανάλια έως 32 χαρακτήρων.",
        "lodging.weekday_prices": "Δώστε επτά τιμές, από τη Δευτέρα.",
        "lodging.season_too_long": "Μια περίοδος διαρκεί το πολύ τρία χρόνια.",
        "lodging.invalid_weekday": "Οι ημέρες της εβδομάδας είναι από 0 (Δευτέρα) έως 6 (Κυριακή).",
        "lodging.rate_plan_channel": "Αυτό το πρόγραμμα τιμών δεν πωλείται σε αυτό το κανάλι.",
        "lodging.no_rate": "Το πρόγραμμα τιμών δεν έχει τιμή για τη νύχτα της {night}.",
        "lodging.min_stay": "Με αυτή την τιμή η διαμονή διαρκεί τουλάχιστον {nights} νύχτες.",
        "lodging.closed_to_arrival": "Με αυτή την τιμή δεν επιτρέπονται αφίξεις αυτή την ημέρα.",
        "lodging.capacity_too_large": "Ένα δωμάτιο φιλοξενεί το πολύ {max} άτομα.",
        "lodging.guest_or_guest_id": "Δώστε επισκέπτη ή αναγνωριστικό επισκέπτη, όχι και τα δύο.",
        "lodging.guest_conflict": (
            "Αυτό το email ανήκει σε επισκέπτη με άλλο όνομα: ελέγξτε το όνομα ή το email."
        ),
        "lodging.no_show_too_early": (
            "Ο επισκέπτης δεν έχει ακόμη αργήσει: η μη εμφάνιση καταχωρίζεται από την ώρα "
            "check-in της ημέρας άφιξης."
        ),
        "lodging.label.room_night": "Διανυκτέρευση {night}",
        "lodging.label.city_tax": "Δημοτικός φόρος διαμονής {night}",
        "lodging.label.cancellation_fee": "Χρέωση ακύρωσης",
        "lodging.label.no_show_fee": "Χρέωση μη εμφάνισης",
        "lodging.label.payment": "Πληρωμή ({method})",
        "lodging.label.deposit": "Προκαταβολή ({method})",
        "lodging.label.refund": "Επιστροφή χρημάτων ({method})",
        "lodging.label.void": "Ακύρωση: {line}",
    },
}

# The night audit's and housekeeping's messages live in their own module.
from sportello_lodging.messages_audit import AUDIT_MESSAGES  # noqa: E402

for _language, _extra in AUDIT_MESSAGES.items():
    MESSAGES[_language].update(_extra)

# The police registry's messages live in their own module.
for _language, _messages in POLICE_MESSAGES.items():
    MESSAGES[_language].update(_messages)
