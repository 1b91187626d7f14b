"""The messages of group bookings (``services/groups.py``), merged into lodging's."""

GROUP_MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "lodging.too_many_rooms": "A group books at most {max} rooms at a time.",
        "lodging.holder_or_holder_id": "Give a holder or a holder id, not both.",
        "lodging.invalid_group_billing": "Billing is master, individual or rooms_to_master.",
        "lodging.group_other_site": "The room is at another site than the group.",
        "lodging.group_cancelled": "The group was cancelled.",
        "lodging.group_nothing_to_cancel": "No room of the group is still to come.",
    },
    "it": {
        "lodging.too_many_rooms": "Un gruppo prenota al massimo {max} camere per volta.",
        "lodging.holder_or_holder_id": "Indicare un titolare o l'id di un titolare, non entrambi.",
        "lodging.invalid_group_billing": (
            "La fatturazione è master, individual o rooms_to_master."
        ),
        "lodging.group_other_site": "La camera è in una sede diversa da quella del gruppo.",
        "lodging.group_cancelled": "Il gruppo è stato cancellato.",
        "lodging.group_nothing_to_cancel": "Nessuna camera del gruppo è ancora da arrivare.",
    },
    "es": {
        "lodging.too_many_rooms": "Un grupo reserva como mucho {max} habitaciones a la vez.",
        "lodging.holder_or_holder_id": "Indique un titular o el id de un titular, no ambos.",
        "lodging.invalid_group_billing": (
            "La facturación es master, individual o rooms_to_master."
        ),
        "lodging.group_other_site": "La habitación está en otra sede que el grupo.",
        "lodging.group_cancelled": "El grupo fue cancelado.",
        "lodging.group_nothing_to_cancel": "Ninguna habitación del grupo está por llegar.",
    },
    "el": {
        "lodging.too_many_rooms": "Μια ομάδα κλείνει το πολύ {max} δωμάτια τη φορά.",
        "lodging.holder_or_holder_id": "Δώστε κάτοχο ή αναγνωριστικό κατόχου, όχι και τα δύο.",
        "lodging.invalid_group_billing": ("Η χρέωση είναι master, individual ή rooms_to_master."),
        "lodging.group_other_site": "Το δωμάτιο είναι σε άλλη μονάδα από την ομάδα.",
        "lodging.group_cancelled": "Η ομάδα ακυρώθηκε.",
        "lodging.group_nothing_to_cancel": "Κανένα δωμάτιο της ομάδας δεν αναμένεται πια.",
    },
}
