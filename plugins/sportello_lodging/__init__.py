"""Lodging (hotel reception) office."""
