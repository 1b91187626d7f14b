"""hr's messages for training and contract notices, in English, Italian, Spanish and Greek
(merged into ``messages.MESSAGES``)."""

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "notify.hr.team_training_expiring.subject": "{employee}'s {skill} training expires on {valid_until}",
        "notify.hr.team_training_expiring.body": (
            "The {skill} training of {employee} is valid until {valid_until}: plan a refresher course."
        ),
        "notify.hr.contract_ending.subject": "{employee}'s contract ends on {end}",
        "notify.hr.contract_ending.body": (
            "The contract of {employee} ({job_title}) ends on {end}, in {days} days:"
            " renew it or plan the handover."
        ),
        "hr.training_missing": "The station needs a course the employee has not completed.",
        "hr.invalid_language": "Use one of the languages en, it, es, el.",
        "hr.invalid_validity": "The validity is from 1 to 240 months.",
        "hr.too_long": "This text is too long.",
        "hr.training_duplicate": "This completion of the course is already recorded.",
    },
    "it": {
        "notify.hr.team_training_expiring.subject": "La formazione {skill} di {employee} scade il {valid_until}",
        "notify.hr.team_training_expiring.body": (
            "La formazione {skill} di {employee} è valida fino al {valid_until}: pianifica un aggiornamento."
        ),
        "notify.hr.contract_ending.subject": "Il contratto di {employee} termina il {end}",
        "notify.hr.contract_ending.body": (
            "Il contratto di {employee} ({job_title}) termina il {end}, tra {days} giorni:"
            " rinnovalo o pianifica il passaggio di consegne."
        ),
        "hr.training_missing": "La postazione richiede un corso che il dipendente non ha svolto.",
        "hr.invalid_language": "Usa una delle lingue en, it, es, el.",
        "hr.invalid_validity": "La validità va da 1 a 240 mesi.",
        "hr.too_long": "Questo testo è troppo lungo.",
        "hr.training_duplicate": "Questo completamento del corso è già registrato.",
    },
    "es": {
        "notify.hr.team_training_expiring.subject": "La formación {skill} de {employee} caduca el {valid_until}",
        "notify.hr.team_training_expiring.body": (
            "La formación {skill} de {employee} es válida hasta el {valid_until}: planifique un curso de reciclaje."
        ),
        "notify.hr.contract_ending.subject": "El contrato de {employee} termina el {end}",
        "notify.hr.contract_ending.body": (
            "El contrato de {employee} ({job_title}) termina el {end}, dentro de {days} días:"
            " renuévelo o planifique el relevo."
        ),
        "hr.training_missing": "El puesto requiere un curso que el empleado no ha realizado.",
        "hr.invalid_language": "Use uno de los idiomas en, it, es, el.",
        "hr.invalid_validity": "La validez va de 1 a 240 meses.",
        "hr.too_long": "Este texto es demasiado largo.",
        "hr.training_duplicate": "Esta realización del curso ya está registrada.",
    },
    "el": {
        "notify.hr.team_training_expiring.subject": "Η εκπαίδευση {skill} του/της {employee} λήγει στις {valid_until}",
        "notify.hr.team_training_expiring.body": (
            "Η εκπαίδευση {skill} του/της {employee} ισχύει έως {valid_until}: προγραμματίστε επανεκπαίδευση."
        ),
        "notify.hr.contract_ending.subject": "Η σύμβαση του/της {employee} λήγει στις {end}",
        "notify.hr.contract_ending.body": (
            "Η σύμβαση του/της {employee} ({job_title}) λήγει στις {end}, σε {days} ημέρες:"
            " ανανεώστε την ή σχεδιάστε την παράδοση."
        ),
        "hr.training_missing": "Η θέση απαιτεί σεμινάριο που ο υπάλληλος δεν έχει ολοκληρώσει.",
        "hr.invalid_language": "Χρησιμοποιήστε μία από τις γλώσσες en, it, es, el.",
        "hr.invalid_validity": "Η ισχύς είναι από 1 έως 240 μήνες.",
        "hr.too_long": "Το κείμενο είναι πολύ μεγάλο.",
        "hr.training_duplicate": "Αυτή η ολοκλήρωση του σεμιναρίου έχει ήδη καταχωριστεί.",
    },
}
