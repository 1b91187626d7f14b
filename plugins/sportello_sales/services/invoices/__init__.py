"""Invoices and credit notes: drafts, issue with gapless numbers, events."""
