"""Business rules of the sales office."""
