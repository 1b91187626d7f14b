"""Sales business rules, by aggregate."""
