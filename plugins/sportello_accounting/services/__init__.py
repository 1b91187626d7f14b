"""Accounting services by aggregate: chart, calendar (years and periods), posting, reversal,
reports, exports, postings from other offices' events."""

from sportello_accounting.services._common import configure, settings

__all__ = ["configure", "settings"]
