"""Sales office."""
