"""An office that does not require the CRM and adds to the party timeline all the same."""

from __future__ import annotations

from typing import Any

from sportello import api

office = api.Office(name="contrib", title="Timeline contributor")


@api.hookimpl(optionalhook=True)
def sportello_crm_timeline_sources() -> list[dict[str, Any]]:
    return [
        {
            "office": "contrib",
            "permission": None,
            "sql": "SELECT created_at AS at, 'party.registered' AS kind, display_name AS title,"
            " 'Party' AS type_name, id AS pk, CAST(NULL AS INTEGER) AS site_id,"
            " id AS party_id"
            " FROM parties_party",
        }
    ]
