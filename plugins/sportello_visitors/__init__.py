"""Visitor desk office."""
