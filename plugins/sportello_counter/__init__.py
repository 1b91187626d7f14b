"""Public counter office."""
