"""A party's CRM data in the GDPR export, and what erasure blanks and keeps."""

from __future__ import annotations

import json

from crm_helpers import (
    CASE_NODE,
    LOG,
    MODULES,
    TRANSFER,
    create_case,
    department,
    ok_payload,
    party,
    site,
)

EXPORT = "query($id: ID!) { partyDataExport(id: $id) }"
ERASE = """
mutation($i: PartyEraseInput!) {
  partyErase(input: $i) { reports { plugin erased retained } errors { code } }
}
"""


async def test_export_and_erase(sportello_app) -> None:
    async with sportello_app(MODULES) as h:
        hq = await site(h)
        tributi = await department(h, "Tributi", hq)
        maria = await party(h, "Maria Verdi", email="maria.verdi@example.org")
        await ok_payload(
            h,
            LOG,
            "interactionLog",
            {
                "siteId": hq,
                "partyId": maria,
                "channel": "PHONE",
                "filterNote": "Maria Verdi, about her divorce papers",
            },
        )
        case = await create_case(
            h,
            siteId=hq,
            partyId=maria,
            subject="Divorce papers of Maria Verdi",
            description="Needs the certificate by Friday",
        )
        await ok_payload(
            h,
            TRANSFER,
            "caseTransfer",
            {"id": case["id"], "departmentId": tributi, "note": "Maria Verdi called twice"},
        )
        exported = (await h.ok(EXPORT, {"id": maria}))["partyDataExport"]["offices"]["crm"]
        assert exported["cases"][0]["subject"] == "Divorce papers of Maria Verdi"
        assert exported["interactions"][0]["filter_note"].startswith("Maria Verdi")

        erased = (await h.ok(ERASE, {"i": {"id": maria}}))["partyErase"]
        assert erased["errors"] == []
        report = next(r for r in erased["reports"] if r["plugin"] == "crm")
        assert "crm_case.subject" in report["erased"]
        node = (await h.ok(CASE_NODE, {"id": case["id"]}))["node"]
        assert node["status"] == "TRANSFERRED"  # the case's course stays for the statistics
        assert "Maria" not in json.dumps(node)
        again = (await h.ok(EXPORT, {"id": maria}))["partyDataExport"]["offices"]["crm"]
        assert "Maria" not in json.dumps(again) and "divorce" not in json.dumps(again).lower()
