"""The messages of company billing (``services/billing.py``), merged into lodging's."""

BILLING_MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "lodging.invalid_route_code": "A charge code is upper case letters, digits and _.",
        "lodging.too_many_charge_codes": "At most {max} charge codes.",
    },
    "it": {
        "lodging.invalid_route_code": "Un codice di addebito è fatto di maiuscole, cifre e _.",
        "lodging.too_many_charge_codes": "Al massimo {max} codici di addebito.",
    },
    "es": {
        "lodging.invalid_route_code": "Un código de cargo son mayúsculas, dígitos y _.",
        "lodging.too_many_charge_codes": "Como mucho {max} códigos de cargo.",
    },
    "el": {
        "lodging.invalid_route_code": "Ένας κωδικός χρέωσης έχει κεφαλαία, ψηφία και _.",
        "lodging.too_many_charge_codes": "Το πολύ {max} κωδικοί χρέωσης.",
    },
}
