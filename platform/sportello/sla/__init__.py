"""The SLA engine: policies, clocks with pauses, warnings and breaches, reports."""
