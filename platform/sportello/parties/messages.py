MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "parties.site_create_all_sites": "Only a user with access to every site can create sites.",
        "core.required": "This field is required.",
        "core.not_found": "Not found.",
        "core.invalid_id": "Not a valid ID of a {expected}.",
        "core.too_long": "Too long ({max} characters at most).",
        "core.out_of_range": "Out of range ({max} at most).",
        "parties.invalid_kind": "Kind must be person or organisation.",
        "parties.merged": "This person or organisation was merged into another: use that one.",
        "parties.merge_same_party": "A party cannot be merged into itself.",
        "parties.merge_already_merged": "This party was already merged into another.",
        "parties.merge_kind_differs": "A person and an organisation cannot be merged.",
        "parties.invalid_email": "Enter a valid email address.",
        "parties.invalid_phone": (
            "Enter a valid phone number with its country code, e.g. +39 06 1234 5678."
        ),
        "parties.invalid_language": "Language must be one of en, it, es, el.",
        "parties.name_required": "A name is required.",
        "parties.name_too_long": "The name is too long (200 characters at most).",
        "parties.name_too_long_100": "The name is too long (100 characters at most).",
        "parties.legal_name_person": "Only an organisation has a legal name.",
        "parties.invalid_tax_code": "Enter a tax or ID code of 2 to 40 letters and digits.",
        "parties.invalid_site_code": "Use 1 to 32 letters, digits, - or _.",
        "parties.invalid_timezone": "Unknown time zone: use an IANA name such as Europe/Rome.",
        "parties.site_code_taken": "Another site already uses this code.",
        "parties.multiple_primary": "Only one item of the list can be the primary one.",
        "parties.duplicate_value": "This value is already in the list.",
        "parties.too_many": "At most {max} items.",
        "parties.too_long": "Too long ({max} characters at most).",
        "parties.invalid_contact_kind": "Kind must be work, home, mobile or other.",
        "parties.invalid_address_kind": (
            "Kind must be home, work, billing, delivery, registered or other."
        ),
        "parties.invalid_postcode": "Enter a valid postcode.",
        "parties.invalid_country": "Enter a two-letter ISO country code, e.g. IT.",
        "parties.invalid_purpose": (
            "Use lower-case letters, digits, dots, dashes or underscores (64 at most)."
        ),
        "parties.scalar_and_list": "Give either this field or {list}, not both.",
        "parties.party_erased": "This party's personal data was erased: it cannot change.",
        "parties.not_an_organisation": "Choose a party that is an organisation.",
    },
    "it": {
        "parties.site_create_all_sites": "Solo un utente con accesso a tutte le sedi può creare sedi.",
        "core.required": "Campo obbligatorio.",
        "core.not_found": "Non trovato.",
        "core.invalid_id": "Non è un ID valido di tipo {expected}.",
        "core.too_long": "Troppo lungo (al massimo {max} caratteri).",
        "core.out_of_range": "Fuori dall'intervallo consentito (al massimo {max}).",
        "parties.invalid_kind": "Il tipo deve essere persona o organizzazione.",
        "parties.merged": "Questa persona o organizzazione è stata unita a un'altra: usare quella.",
        "parties.merge_same_party": "Un soggetto non può essere unito a sé stesso.",
        "parties.merge_already_merged": "Questo soggetto è già stato unito a un altro.",
        "parties.merge_kind_differs": "Una persona e un'organizzazione non possono essere unite.",
        "parties.invalid_email": "Inserisci un indirizzo email valido.",
        "parties.invalid_phone": (
            "Inserisci un numero di telefono valido con il prefisso internazionale,"
            " es. +39 06 1234 5678."
        ),
        "parties.invalid_language": "La lingua deve essere en, it, es o el.",
        "parties.name_required": "Il nome è obbligatorio.",
        "parties.name_too_long": "Il nome è troppo lungo (al massimo 200 caratteri).",
        "parties.name_too_long_100": "Il nome è troppo lungo (al massimo 100 caratteri).",
        "parties.legal_name_person": "Solo un'organizzazione ha una ragione sociale.",
        "parties.invalid_tax_code": (
            "Inserisci un codice fiscale o identificativo da 2 a 40 lettere e cifre."
        ),
        "parties.invalid_site_code": "Usa da 1 a 32 lettere, cifre, - o _.",
        "parties.invalid_timezone": "Fuso orario sconosciuto: usa un nome IANA come Europe/Rome.",
        "parties.site_code_taken": "Un'altra sede usa già questo codice.",
        "parties.multiple_primary": "Solo un elemento dell'elenco può essere il principale.",
        "parties.duplicate_value": "Questo valore è già nell'elenco.",
        "parties.too_many": "Al massimo {max} elementi.",
        "parties.too_long": "Troppo lungo (al massimo {max} caratteri).",
        "parties.invalid_contact_kind": "Il tipo deve essere work, home, mobile o other.",
        "parties.invalid_address_kind": (
            "Il tipo deve essere home, work, billing, delivery, registered o other."
        ),
        "parties.invalid_postcode": "Inserisci un codice postale valido.",
        "parties.invalid_country": "Inserisci il codice ISO del paese di due lettere, es. IT.",
        "parties.invalid_purpose": (
            "Usa lettere minuscole, cifre, punti, trattini o trattini bassi (al massimo 64)."
        ),
        "parties.scalar_and_list": "Indica questo campo oppure {list}, non entrambi.",
        "parties.party_erased": (
            "I dati personali di questo soggetto sono stati cancellati: non può cambiare."
        ),
        "parties.not_an_organisation": "Scegli un soggetto che sia un'organizzazione.",
    },
    "es": {
        "parties.site_create_all_sites": "Solo un usuario con acceso a todas las sedes puede crear sedes.",
        "core.required": "Este campo es obligatorio.",
        "core.not_found": "No encontrado.",
        "core.invalid_id": "No es un ID válido de {expected}.",
        "core.too_long": "Demasiado largo ({max} caracteres como máximo).",
        "core.out_of_range": "Fuera del intervalo permitido ({max} como máximo).",
        "parties.invalid_kind": "El tipo debe ser persona u organización.",
        "parties.merged": "Esta persona u organización se fusionó con otra: use esa.",
        "parties.merge_same_party": "Una parte no puede fusionarse consigo misma.",
        "parties.merge_already_merged": "Esta parte ya se fusionó con otra.",
        "parties.merge_kind_differs": "No se puede fusionar una persona con una organización.",
        "parties.invalid_email": "Introduce un correo electrónico válido.",
        "parties.invalid_phone": (
            "Introduce un número de teléfono válido con su prefijo internacional,"
            " p. ej. +34 912 345 678."
        ),
        "parties.invalid_language": "El idioma debe ser en, it, es o el.",
        "parties.name_required": "El nombre es obligatorio.",
        "parties.name_too_long": "El nombre es demasiado largo (200 caracteres como máximo).",
        "parties.name_too_long_100": "El nombre es demasiado largo (100 caracteres como máximo).",
        "parties.legal_name_person": "Solo una organización tiene razón social.",
        "parties.invalid_tax_code": (
            "Introduce un código fiscal o de identificación de 2 a 40 letras y dígitos."
        ),
        "parties.invalid_site_code": "Usa de 1 a 32 letras, dígitos, - o _.",
        "parties.invalid_timezone": "Zona horaria desconocida: use un nombre IANA como Europe/Madrid.",
        "parties.site_code_taken": "Otra sede ya usa este código.",
        "parties.multiple_primary": "Solo un elemento de la lista puede ser el principal.",
        "parties.duplicate_value": "Este valor ya está en la lista.",
        "parties.too_many": "Como máximo {max} elementos.",
        "parties.too_long": "Demasiado largo ({max} caracteres como máximo).",
        "parties.invalid_contact_kind": "El tipo debe ser work, home, mobile u other.",
        "parties.invalid_address_kind": (
            "El tipo debe ser home, work, billing, delivery, registered u other."
        ),
        "parties.invalid_postcode": "Introduce un código postal válido.",
        "parties.invalid_country": "Introduce el código ISO del país de dos letras, p. ej. ES.",
        "parties.invalid_purpose": (
            "Usa minúsculas, dígitos, puntos, guiones o guiones bajos (64 como máximo)."
        ),
        "parties.scalar_and_list": "Indica este campo o {list}, no ambos.",
        "parties.party_erased": (
            "Los datos personales de esta persona se han borrado: no puede cambiar."
        ),
        "parties.not_an_organisation": "Elige una parte que sea una organización.",
    },
    "el": {
        "parties.site_create_all_sites": "Μόνο χρήστης με πρόσβαση σε όλα τα σημεία μπορεί να δημιουργήσει σημεία.",
        "core.required": "Το πεδίο είναι υποχρεωτικό.",
        "core.not_found": "Δεν βρέθηκε.",
        "core.invalid_id": "Μη έγκυρο αναγνωριστικό {expected}.",
        "core.too_long": "Πολύ μεγάλο (έως {max} χαρακτήρες).",
        "core.out_of_range": "Εκτός επιτρεπτού εύρους (έως {max}).",
        "parties.invalid_kind": "Το είδος πρέπει να είναι πρόσωπο ή οργανισμός.",
        "parties.merged": "Αυτό το πρόσωπο ή ο οργανισμός συγχωνεύτηκε με άλλον: χρησιμοποιήστε εκείνον.",
        "parties.merge_same_party": "Ένα μέρος δεν μπορεί να συγχωνευτεί με τον εαυτό του.",
        "parties.merge_already_merged": "Αυτό το μέρος έχει ήδη συγχωνευτεί με άλλο.",
        "parties.merge_kind_differs": "Ένα πρόσωπο και ένας οργανισμός δεν μπορούν να συγχωνευτούν.",
        "parties.invalid_email": "Δώστε μια έγκυρη διεύθυνση email.",
        "parties.invalid_phone": (
            "Δώστε έναν έγκυρο αριθμό τηλεφώνου με τον κωδικό χώρας, π.χ. +30 210 123 4567."
        ),
        "parties.invalid_language": "Η γλώσσα πρέπει να είναι en, it, es ή el.",
        "parties.name_required": "Το όνομα είναι υποχρεωτικό.",
        "parties.name_too_long": "Το όνομα είναι πολύ μεγάλο (έως 200 χαρακτήρες).",
        "parties.name_too_long_100": "Το όνομα είναι πολύ μεγάλο (έως 100 χαρακτήρες).",
        "parties.legal_name_person": "Μόνο ένας οργανισμός έχει επωνυμία.",
        "parties.invalid_tax_code": "Δώστε έναν ΑΦΜ ή κωδικό ταυτότητας 2 έως 40 γραμμάτων και ψηφίων.",
        "parties.invalid_site_code": "Χρησιμοποιήστε 1 έως 32 γράμματα, ψηφία, - ή _.",
        "parties.invalid_timezone": "Άγνωστη ζώνη ώρας: χρησιμοποιήστε όνομα IANA όπως Europe/Athens.",
        "parties.site_code_taken": "Άλλο σημείο χρησιμοποιεί ήδη αυτόν τον κωδικό.",
        "parties.multiple_primary": "Μόνο ένα στοιχείο της λίστας μπορεί να είναι το κύριο.",
        "parties.duplicate_value": "Αυτή η τιμή υπάρχει ήδη στη λίστα.",
        "parties.too_many": "Έως {max} στοιχεία.",
        "parties.too_long": "Πολύ μεγάλο (έως {max} χαρακτήρες).",
        "parties.invalid_contact_kind": "Το είδος πρέπει να είναι work, home, mobile ή other.",
        "parties.invalid_address_kind": (
            "Το είδος πρέπει να είναι home, work, billing, delivery, registered ή other."
        ),
        "parties.invalid_postcode": "Δώστε έγκυρο ταχυδρομικό κώδικα.",
        "parties.invalid_country": "Δώστε τον διψήφιο κωδικό ISO της χώρας, π.χ. GR.",
        "parties.invalid_purpose": (
            "Χρησιμοποιήστε πεζά γράμματα, ψηφία, τελείες, παύλες ή κάτω παύλες (έως 64)."
        ),
        "parties.scalar_and_list": "Δώστε είτε αυτό το πεδίο είτε το {list}, όχι και τα δύο.",
        "parties.party_erased": (
            "Τα προσωπικά δεδομένα αυτού του προσώπου διαγράφηκαν: δεν μπορεί να αλλάξει."
        ),
        "parties.not_an_organisation": "Επιλέξτε ένα μέρος που είναι οργανισμός.",
    },
}
