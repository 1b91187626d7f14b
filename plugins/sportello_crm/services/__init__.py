"""CRM business rules, by aggregate: interactions, cases (taken, routed, resolved), leads."""
