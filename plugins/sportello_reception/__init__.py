"""Reception office."""
