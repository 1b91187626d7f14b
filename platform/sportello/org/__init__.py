"""Departments and teams: the organisation's units, nested, optionally per site, with members."""
