MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "org.kind.department": "Department",
        "org.kind.team": "Team",
        "org.status.active": "Active",
        "org.status.archived": "Archived",
        "org.permission.manage": "Create and change departments and teams, and their members",
        "org.invalid_kind": "Kind must be department or team.",
        "org.too_long": "Too long ({max} characters at most).",
        "org.code_taken": "Another unit under the same parent already uses this code.",
        "org.cycle": "A unit cannot be placed under itself or under one of its own units.",
        "org.site_mismatch": (
            "A unit works at its parent's site, unless the parent serves the whole organisation."
        ),
        "org.children_elsewhere": "Units under this one work at another site: move them first.",
        "org.members_elsewhere": "Some members do not work at that site: remove them first.",
        "org.too_deep": "Units can be nested {max} levels deep at most.",
        "org.parent_archived": "The parent unit is archived.",
        "org.archived": "This unit is archived.",
        "org.has_children": "This unit has units under it: move or delete them first.",
        "org.has_active_children": "This unit has active units under it: archive them first.",
        "org.has_members": "This unit has members: remove them first, or archive the unit.",
        "org.in_use": "Records of an office still refer to this unit: archive it instead.",
        "org.user_inactive": "Choose an active user account of a person.",
        "org.user_not_at_site": "This user does not work at the unit's site.",
        "org.already_member": "This user is already a member.",
        "org.not_a_member": "This user is not a member.",
        "org.org_wide_forbidden": (
            "Only someone who works at every site can change organisation-wide units."
        ),
    },
    "it": {
        "org.kind.department": "Ufficio",
        "org.kind.team": "Gruppo",
        "org.status.active": "Attivo",
        "org.status.archived": "Archiviato",
        "org.permission.manage": "Creare e modificare uffici e gruppi e i loro componenti",
        "org.invalid_kind": "Il tipo deve essere ufficio o gruppo.",
        "org.too_long": "Troppo lungo (al massimo {max} caratteri).",
        "org.code_taken": "Un'altra unità con lo stesso superiore usa già questo codice.",
        "org.cycle": "Un'unità non può stare sotto se stessa o sotto una delle sue unità.",
        "org.site_mismatch": (
            "Un'unità lavora nella sede della sua unità superiore, salvo che questa serva"
            " tutta l'organizzazione."
        ),
        "org.children_elsewhere": (
            "Le unità sottostanti lavorano in un'altra sede: spostale prima."
        ),
        "org.members_elsewhere": "Alcuni componenti non lavorano in quella sede: toglili prima.",
        "org.too_deep": "Le unità si possono annidare al massimo per {max} livelli.",
        "org.parent_archived": "L'unità superiore è archiviata.",
        "org.archived": "Questa unità è archiviata.",
        "org.has_children": "Questa unità ha unità sottostanti: spostale o eliminale prima.",
        "org.has_active_children": ("Questa unità ha unità sottostanti attive: archiviale prima."),
        "org.has_members": "Questa unità ha componenti: toglili prima, o archivia l'unità.",
        "org.in_use": "Alcuni dati di un ufficio fanno ancora riferimento a questa unità: archiviala.",
        "org.user_inactive": "Scegli un account attivo di una persona.",
        "org.user_not_at_site": "Questo utente non lavora nella sede dell'unità.",
        "org.already_member": "Questo utente è già un componente.",
        "org.not_a_member": "Questo utente non è un componente.",
        "org.org_wide_forbidden": (
            "Solo chi lavora in tutte le sedi può modificare le unità di tutta l'organizzazione."
        ),
    },
    "es": {
        "org.kind.department": "Departamento",
        "org.kind.team": "Equipo",
        "org.status.active": "Activo",
        "org.status.archived": "Archivado",
        "org.permission.manage": "Crear y modificar departamentos y equipos y sus miembros",
        "org.invalid_kind": "El tipo debe ser departamento o equipo.",
        "org.too_long": "Demasiado largo (como máximo {max} caracteres).",
        "org.code_taken": "Otra unidad con la misma unidad superior ya usa este código.",
        "org.cycle": "Una unidad no puede quedar bajo sí misma ni bajo una de sus unidades.",
        "org.site_mismatch": (
            "Una unidad trabaja en la sede de su unidad superior, salvo que esta sirva a toda"
            " la organización."
        ),
        "org.children_elsewhere": (
            "Las unidades que dependen de esta trabajan en otra sede: muévalas primero."
        ),
        "org.members_elsewhere": "Algunos miembros no trabajan en esa sede: quítelos primero.",
        "org.too_deep": "Las unidades se pueden anidar como máximo {max} niveles.",
        "org.parent_archived": "La unidad superior está archivada.",
        "org.archived": "Esta unidad está archivada.",
        "org.has_children": "Esta unidad tiene unidades dependientes: muévalas o bórrelas primero.",
        "org.has_active_children": (
            "Esta unidad tiene unidades dependientes activas: archívelas primero."
        ),
        "org.has_members": "Esta unidad tiene miembros: quítelos primero o archive la unidad.",
        "org.in_use": "Datos de una oficina aún se refieren a esta unidad: archívela.",
        "org.user_inactive": "Elija una cuenta activa de una persona.",
        "org.user_not_at_site": "Este usuario no trabaja en la sede de la unidad.",
        "org.already_member": "Este usuario ya es miembro.",
        "org.not_a_member": "Este usuario no es miembro.",
        "org.org_wide_forbidden": (
            "Solo quien trabaja en todas las sedes puede modificar unidades de toda la"
            " organización."
        ),
    },
    "el": {
        "org.kind.department": "Τμήμα",
        "org.kind.team": "Ομάδα",
        "org.status.active": "Ενεργό",
        "org.status.archived": "Αρχειοθετημένο",
        "org.permission.manage": "Δημιουργία και αλλαγή τμημάτων, ομάδων και των μελών τους",
        "org.invalid_kind": "Το είδος πρέπει να είναι τμήμα ή ομάδα.",
        "org.too_long": "Πολύ μεγάλο (έως {max} χαρακτήρες).",
        "org.code_taken": "Άλλη μονάδα με την ίδια ανώτερη μονάδα χρησιμοποιεί ήδη αυτόν τον κωδικό.",
        "org.cycle": "Μια μονάδα δεν μπορεί να μπει κάτω από τον εαυτό της ή από δική της μονάδα.",
        "org.site_mismatch": (
            "Μια μονάδα εργάζεται στο σημείο της ανώτερης μονάδας, εκτός αν αυτή εξυπηρετεί"
            " όλον τον οργανισμό."
        ),
        "org.children_elsewhere": (
            "Οι υποκείμενες μονάδες εργάζονται σε άλλο σημείο: μετακινήστε τες πρώτα."
        ),
        "org.members_elsewhere": (
            "Κάποια μέλη δεν εργάζονται σε αυτό το σημείο: αφαιρέστε τα πρώτα."
        ),
        "org.too_deep": "Οι μονάδες μπορούν να έχουν έως {max} επίπεδα.",
        "org.parent_archived": "Η ανώτερη μονάδα είναι αρχειοθετημένη.",
        "org.archived": "Αυτή η μονάδα είναι αρχειοθετημένη.",
        "org.has_children": (
            "Αυτή η μονάδα έχει υποκείμενες μονάδες: μετακινήστε ή διαγράψτε τες πρώτα."
        ),
        "org.has_active_children": (
            "Αυτή η μονάδα έχει ενεργές υποκείμενες μονάδες: αρχειοθετήστε τες πρώτα."
        ),
        "org.has_members": "Αυτή η μονάδα έχει μέλη: αφαιρέστε τα πρώτα ή αρχειοθετήστε τη.",
        "org.in_use": "Στοιχεία ενός γραφείου αναφέρονται ακόμη σε αυτή τη μονάδα: αρχειοθετήστε τη.",
        "org.user_inactive": "Επιλέξτε ενεργό λογαριασμό προσώπου.",
        "org.user_not_at_site": "Αυτός ο χρήστης δεν εργάζεται στο σημείο της μονάδας.",
        "org.already_member": "Αυτός ο χρήστης είναι ήδη μέλος.",
        "org.not_a_member": "Αυτός ο χρήστης δεν είναι μέλος.",
        "org.org_wide_forbidden": (
            "Μόνο όποιος εργάζεται σε όλα τα σημεία μπορεί να αλλάξει μονάδες όλου του οργανισμού."
        ),
    },
}
