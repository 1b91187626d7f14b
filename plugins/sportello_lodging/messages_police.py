"""Messages of the police guest registry and the Alloggiati Web file, in every language."""

from __future__ import annotations

POLICE_MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "lodging.invalid_country": "Use an ISO 3166 two-letter country code, e.g. IT.",
        "lodging.invalid_sex": "Sex is M or F, as on the document.",
        "lodging.invalid_guest_role": "Unknown guest role.",
        "lodging.birth_place_italy": "A comune of birth is given only for a birth in Italy.",
        "lodging.issuing_place_italy": "An issuing comune is given only for an Italian document.",
        "lodging.invalid_comune": "Use the comune's 9-digit code from the Polizia di Stato table.",
        "lodging.invalid_province": "Use the province's two-letter code, e.g. RM.",
        "lodging.invalid_surname": "The surname must be part of the full name.",
        "lodging.too_many_heads": "A room has one head of family and one group leader at most.",
        "lodging.head_required": "Register the head of family or group leader of the room first.",
        "lodging.police.missing_sex": "Sex missing.",
        "lodging.police.missing_birth_country": "Country of birth missing.",
        "lodging.police.missing_birth_place": "Born in Italy: comune and province of birth missing.",
        "lodging.police.missing_issuing_place": "Italian document: issuing comune missing.",
        "lodging.police.unknown_state": "No Polizia di Stato code for country {country}.",
        "lodging.police.unsupported_document": "Document type not accepted by Alloggiati Web.",
        "lodging.police.missing_document": "Identity document missing.",
        "lodging.police.non_latin_name": "Write the name in Latin letters, as in the passport.",
        "lodging.police.head_left_out": "Left out with the head of family or group leader.",
        "lodging.police_data_missing": (
            "The police registry of {name} is incomplete: complete it before check-in."
        ),
    },
    "it": {
        "lodging.invalid_country": "Usare il codice paese ISO 3166 di due lettere, es. IT.",
        "lodging.invalid_sex": "Il sesso è M o F, come sul documento.",
        "lodging.invalid_guest_role": "Tipo di alloggiato sconosciuto.",
        "lodging.birth_place_italy": "Il comune di nascita si indica solo per i nati in Italia.",
        "lodging.issuing_place_italy": (
            "Il comune di rilascio si indica solo per i documenti italiani."
        ),
        "lodging.invalid_comune": (
            "Usare il codice di 9 cifre del comune dalla tabella della Polizia di Stato."
        ),
        "lodging.invalid_province": "Usare la sigla di due lettere della provincia, es. RM.",
        "lodging.invalid_surname": "Il cognome deve far parte del nome completo.",
        "lodging.too_many_heads": ("Una camera ha al massimo un capofamiglia e un capogruppo."),
        "lodging.head_required": ("Registrare prima il capofamiglia o il capogruppo della camera."),
        "lodging.police.missing_sex": "Sesso mancante.",
        "lodging.police.missing_birth_country": "Stato di nascita mancante.",
        "lodging.police.missing_birth_place": (
            "Nato in Italia: comune e provincia di nascita mancanti."
        ),
        "lodging.police.missing_issuing_place": "Documento italiano: comune di rilascio mancante.",
        "lodging.police.unknown_state": "Nessun codice della Polizia di Stato per il paese {country}.",
        "lodging.police.unsupported_document": "Tipo di documento non accettato da Alloggiati Web.",
        "lodging.police.missing_document": "Documento di identità mancante.",
        "lodging.police.non_latin_name": "Scrivere il nome in lettere latine, come sul passaporto.",
        "lodging.police.head_left_out": "Escluso insieme al capofamiglia o capogruppo.",
        "lodging.police_data_missing": (
            "I dati di {name} per la schedina di polizia sono incompleti: completarli prima del check-in."
        ),
    },
    "es": {
        "lodging.invalid_country": "Use un código de país ISO 3166 de dos letras, p. ej. ES.",
        "lodging.invalid_sex": "El sexo es M o F, como en el documento.",
        "lodging.invalid_guest_role": "Tipo de huésped desconocido.",
        "lodging.birth_place_italy": (
            "El municipio de nacimiento solo se indica para nacidos en Italia."
        ),
        "lodging.issuing_place_italy": (
            "El municipio de expedición solo se indica para documentos italianos."
        ),
        "lodging.invalid_comune": (
            "Use el código de 9 cifras del municipio de la tabla de la Polizia di Stato."
        ),
        "lodging.invalid_province": "Use el código de dos letras de la provincia, p. ej. RM.",
        "lodging.invalid_surname": "El apellido debe formar parte del nombre completo.",
        "lodging.too_many_heads": (
            "Una habitación tiene como máximo un cabeza de familia y un jefe de grupo."
        ),
        "lodging.head_required": (
            "Registre primero al cabeza de familia o al jefe de grupo de la habitación."
        ),
        "lodging.police.missing_sex": "Falta el sexo.",
        "lodging.police.missing_birth_country": "Falta el país de nacimiento.",
        "lodging.police.missing_birth_place": (
            "Nacido en Italia: faltan el municipio y la provincia de nacimiento."
        ),
        "lodging.police.missing_issuing_place": (
            "Documento italiano: falta el municipio de expedición."
        ),
        "lodging.police.unknown_state": "No hay código de la Polizia di Stato para el país {country}.",
        "lodging.police.unsupported_document": "Tipo de documento no aceptado por Alloggiati Web.",
        "lodging.police.missing_document": "Falta el documento de identidad.",
        "lodging.police.non_latin_name": (
            "Escriba el nombre en letras latinas, como en el pasaporte."
        ),
        "lodging.police.head_left_out": "Excluido junto con el cabeza de familia o jefe de grupo.",
        "lodging.police_data_missing": (
            "Los datos de {name} para el registro policial están incompletos: complételos antes del check-in."
        ),
    },
    "el": {
        "lodging.invalid_country": "Χρησιμοποιήστε διψήφιο κωδικό χώρας ISO 3166, π.χ. GR.",
        "lodging.invalid_sex": "Το φύλο είναι M ή F, όπως στο έγγραφο.",
        "lodging.invalid_guest_role": "Άγνωστος ρόλος επισκέπτη.",
        "lodging.birth_place_italy": "Δήμος γέννησης δίνεται μόνο για γέννηση στην Ιταλία.",
        "lodging.issuing_place_italy": "Δήμος έκδοσης δίνεται μόνο για ιταλικά έγγραφα.",
        "lodging.invalid_comune": (
            "Χρησιμοποιήστε τον 9ψήφιο κωδικό του δήμου από τον πίνακα της Polizia di Stato."
        ),
        "lodging.invalid_province": "Χρησιμοποιήστε τον διψήφιο κωδικό της επαρχίας, π.χ. RM.",
        "lodging.invalid_surname": "Το επώνυμο πρέπει να είναι μέρος του ονοματεπωνύμου.",
        "lodging.too_many_heads": (
            "Ένα δωμάτιο έχει το πολύ έναν αρχηγό οικογένειας και έναν αρχηγό ομάδας."
        ),
        "lodging.head_required": (
            "Καταχωρίστε πρώτα τον αρχηγό οικογένειας ή ομάδας του δωματίου."
        ),
        "lodging.police.missing_sex": "Λείπει το φύλο.",
        "lodging.police.missing_birth_country": "Λείπει η χώρα γέννησης.",
        "lodging.police.missing_birth_place": (
            "Γέννηση στην Ιταλία: λείπουν ο δήμος και η επαρχία γέννησης."
        ),
        "lodging.police.missing_issuing_place": "Ιταλικό έγγραφο: λείπει ο δήμος έκδοσης.",
        "lodging.police.unknown_state": "Δεν υπάρχει κωδικός της Polizia di Stato για τη χώρα {country}.",
        "lodging.police.unsupported_document": (
            "Τύπος εγγράφου που δεν δέχεται το Alloggiati Web."
        ),
        "lodging.police.missing_document": "Λείπει το έγγραφο ταυτότητας.",
        "lodging.police.non_latin_name": (
            "Γράψτε το όνομα με λατινικούς χαρακτήρες, όπως στο διαβατήριο."
        ),
        "lodging.police.head_left_out": "Παραλείφθηκε μαζί με τον αρχηγό οικογένειας ή ομάδας.",
        "lodging.police_data_missing": (
            "Τα στοιχεία του/της {name} για το αρχείο της αστυνομίας είναι ελλιπή: συμπληρώστε τα πριν από το check-in."
        ),
    },
}
