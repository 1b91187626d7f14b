MESSAGES: dict[str, dict[str, str]] = {
    "en": {"reception.desk_code_taken": "Another desk at this site already uses this code."},
    "it": {
        "reception.desk_code_taken": "Un'altra postazione di questa sede usa già questo codice."
    },
    "es": {"reception.desk_code_taken": "Otro puesto de esta sede ya usa este código."},
    "el": {
        "reception.desk_code_taken": "Άλλο γραφείο αυτού του σημείου χρησιμοποιεί ήδη τον κωδικό."
    },
}
