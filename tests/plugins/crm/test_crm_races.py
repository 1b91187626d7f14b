"""Two clerks acting on the same case at the same moment, over real HTTP: one wins.

Each step is one conditional UPDATE naming the status and the version the clerk saw: the
other request changes nothing and gets a typed error (CONFLICT, ALREADY_TAKEN or
INVALID_TRANSITION), and the history has one entry for the step."""

from __future__ import annotations

import asyncio

from crm_helpers import (
    MODULES,
    RESOLVE,
    TAKE,
    TRANSFER,
    create_case,
    department,
    site,
)

ROUNDS = 6


def _outcomes(results: list[dict], field: str) -> tuple[int, list[str]]:
    wins, losses = 0, []
    for result in results:
        assert not result.get("errors"), result
        payload = result["data"][field]
        if payload["errors"] == []:
            wins += 1
        else:
            losses.extend(e["code"] for e in payload["errors"])
    return wins, losses


async def test_racing_transfers_takes_and_resolutions_have_one_winner(sportello_app) -> None:
    from sportello_crm.models import CaseEntry

    async with sportello_app(MODULES, live=True) as h:
        hq = await site(h)
        tributi = await department(h, "Tributi", hq)
        anagrafe = await department(h, "Anagrafe", hq)
        one = await h.token(roles=["front_desk"], email="one@test.example")
        two = await h.token(roles=["front_desk"], email="two@test.example")
        for n in range(ROUNDS):
            case = await create_case(h, siteId=hq, subject=f"Request {n}")
            case_id = case["id"]
            # Both saw version 1 and send it to a different department.
            transfers = await asyncio.gather(
                h.gql(
                    TRANSFER,
                    {"i": {"id": case_id, "departmentId": tributi, "version": 1}},
                    token=one,
                ),
                h.gql(
                    TRANSFER,
                    {"i": {"id": case_id, "departmentId": anagrafe, "version": 1}},
                    token=two,
                ),
            )
            wins, losses = _outcomes(transfers, "caseTransfer")
            assert (wins, losses) == (1, ["CONFLICT"]), transfers
            pk = int(case["reference"][2:])
            assert await CaseEntry.filter(case_id=pk, action="transferred").count() == 1

            takes = await asyncio.gather(
                h.gql(TAKE, {"i": {"id": case_id}}, token=one),
                h.gql(TAKE, {"i": {"id": case_id}}, token=two),
            )
            wins, losses = _outcomes(takes, "caseTake")
            assert wins == 1 and losses[0] in ("ALREADY_TAKEN", "CONFLICT"), takes
            assert await CaseEntry.filter(case_id=pk, action="taken").count() == 1

            resolutions = await asyncio.gather(
                h.gql(RESOLVE, {"i": {"id": case_id, "outcome": "Done by one"}}, token=one),
                h.gql(RESOLVE, {"i": {"id": case_id, "outcome": "Done by two"}}, token=two),
            )
            wins, losses = _outcomes(resolutions, "caseResolve")
            assert wins == 1 and losses[0] in ("INVALID_TRANSITION", "CONFLICT"), resolutions
            assert await CaseEntry.filter(case_id=pk, action="resolved").count() == 1


async def test_two_clerks_handling_one_inbox_item_one_wins(sportello_app) -> None:
    from crm_helpers import HANDLE, LOG, ok_payload

    async with sportello_app(MODULES, live=True) as h:
        hq = await site(h)
        one = await h.token(roles=["front_desk"], email="one@test.example")
        two = await h.token(roles=["front_desk"], email="two@test.example")
        for n in range(ROUNDS):
            logged = await ok_payload(
                h, LOG, "interactionLog", {"siteId": hq, "channel": "PHONE", "subject": f"c{n}"}
            )
            item = logged["interaction"]["id"]
            results = await asyncio.gather(
                h.gql(HANDLE, {"i": {"id": item}}, token=one),
                h.gql(HANDLE, {"i": {"id": item}}, token=two),
            )
            wins, losses = _outcomes(results, "interactionHandle")
            assert (wins, losses) == (1, ["ALREADY_HANDLED"]), results


async def test_one_email_posted_twice_at_once_is_filed_once(sportello_app) -> None:
    from email.message import EmailMessage

    from sportello_crm.models import Case

    token = "inbound-secret-token-1234"
    async with sportello_app(MODULES, live=True, inbound={"token": token}) as h:
        await site(h)
        headers = {"authorization": f"Bearer {token}", "content-type": "message/rfc822"}
        for n in range(ROUNDS):
            msg = EmailMessage()
            msg["From"] = "pat@example.org"
            msg["To"] = "urp@example.org"
            msg["Subject"] = f"Question {n}"
            msg["Message-ID"] = f"<race-{n}@mail.example>"
            msg.set_content("When?")
            raw = msg.as_bytes()
            answers = await asyncio.gather(
                h.client.post("/inbound/email", content=raw, headers=headers),
                h.client.post("/inbound/email", content=raw, headers=headers),
            )
            statuses = sorted(a.json()["status"] for a in answers)
            assert statuses == ["accepted", "duplicate"], [a.text for a in answers]
            assert await Case.filter(subject=f"Question {n}").count() == 1
