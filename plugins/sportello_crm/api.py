"""The CRM's public surface: what other offices use to add to a party's 360° timeline.

An office adds its records to ``Party.timeline`` and ``Party.summary`` by implementing the
CRM's hook as a module-level function of its plugin module. It does not need to require the
CRM: with ``optionalhook=True`` the hook is simply not called while the CRM is off, and plain
mappings with the keys of ``TimelineSource`` do without importing this module::

    @api.hookimpl(optionalhook=True)
    def sportello_crm_timeline_sources():
        return [{
            "office": "lodging",
            "permission": "lodging.view",
            "sql": "SELECT arrival_at AS at, 'stay.' || status AS kind, code AS title,"
                   " 'Reservation' AS type_name, id AS pk, site_id, guest_id AS party_id"
                   " FROM lodging_reservation",
        }]

The SQL is one SELECT over the office's own tables with exactly the columns ``at`` (a
timestamp), ``kind``, ``title`` (text), ``type_name`` (the GraphQL node type), ``pk``,
``site_id`` (an integer; ``CAST(NULL AS INTEGER)`` for records of no site) and ``party_id``;
it takes no parameters. The CRM combines every source into one
statement (``UNION ALL``), filtered by party and by the caller's sites, ordered and paged in
the database: a page costs the same SQL however many offices contribute.
"""

from __future__ import annotations

from dataclasses import dataclass

from sportello_crm.hookspecs import TIMELINE_HOOK


@dataclass(frozen=True)
class TimelineSource:
    office: str
    #: What the caller needs to see these entries (none: crm.view is enough)
    permission: str | None
    sql: str

    def get(self, key: str, default: object = None) -> object:
        return getattr(self, key, default)


__all__ = ["TIMELINE_HOOK", "TimelineSource"]
