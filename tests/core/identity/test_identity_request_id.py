"""The server's request id is always its own; a client's X-Request-ID is kept apart,
sanitised and capped, and can never pose as another request in the audit trail."""

from __future__ import annotations

from sportello.identity.models import AuditEntry

SITE = "mutation($i: SiteCreateInput!) { siteCreate(input: $i) { site { id } errors { code } } }"
TRAIL = """query { auditEntries(first: 10, operation: "siteCreate") {
  edges { node { requestId clientRequestId } } } }"""


async def _create(h, code: str, header: str | None) -> tuple[str, AuditEntry]:
    token = await h.token()
    headers = {"authorization": f"Bearer {token}"}
    if header is not None:
        headers["x-request-id"] = header
    before = await AuditEntry.all().count()
    response = await h.client.post(
        "/graphql",
        json={"query": SITE, "variables": {"i": {"code": code, "name": code}}},
        headers=headers,
    )
    assert response.status_code == 200 and not response.json().get("errors"), response.text
    entries = await AuditEntry.filter(operation="siteCreate").order_by("-id")
    assert await AuditEntry.all().count() == before + 1
    return response.headers["x-request-id"], entries[0]


async def test_spoofed_request_id_does_not_replace_the_server_id(sportello_app) -> None:
    async with sportello_app() as h:
        served, first = await _create(h, "A", None)
        assert first.request_id == served and len(served) == 32
        assert first.client_request_id is None

        # A client replays the first request's id: the server still gives its own.
        served2, second = await _create(h, "B", served)
        assert second.request_id == served2 != served
        assert second.client_request_id == served  # kept, apart

        # Odd characters dropped, length capped.
        _, third = await _create(h, "C", "trace 42;<script>" + "x" * 200)
        assert third.client_request_id == ("trace42script" + "x" * 200)[:64]
        _, fourth = await _create(h, "D", " ;<> ")
        assert fourth.client_request_id is None

        nodes = [e["node"] for e in (await h.ok(TRAIL, as_="admin"))["auditEntries"]["edges"]]
        assert {n["requestId"] for n in nodes} == {
            first.request_id,
            second.request_id,
            third.request_id,
            fourth.request_id,
        }
        assert served in {n["clientRequestId"] for n in nodes}
        assert all(n["requestId"] != n["clientRequestId"] for n in nodes)


def test_an_actor_on_a_request_is_the_actor_with_the_requests_fields() -> None:
    import dataclasses

    from sportello.services import Actor

    actor = Actor(user_id=7, email="a@example.org", roles=frozenset({"admin"}), kind="user")
    fields = {"request_id": "r1", "client_request_id": "c1", "language": "it"}
    on = actor.on_request(**fields)
    assert on == dataclasses.replace(actor, **fields)
    assert actor.request_id is None and actor.language == "en"  # the template is untouched


async def test_one_token_two_requests_each_with_its_own_ids(sportello_app) -> None:
    """The actor behind a cached token is built once; each request still gets its own ids."""
    async with sportello_app() as h:
        token = await h.token()
        seen = []
        for code in ("S1", "S2"):
            response = await h.client.post(
                "/graphql",
                json={"query": SITE, "variables": {"i": {"code": code, "name": code}}},
                headers={"authorization": f"Bearer {token}", "x-request-id": f"client-{code}"},
            )
            assert not response.json().get("errors"), response.text
            entry = await AuditEntry.filter(operation="siteCreate").order_by("-id").first()
            assert entry is not None
            assert entry.request_id == response.headers["x-request-id"]
            assert entry.client_request_id == f"client-{code}"
            seen.append(entry.request_id)
        assert seen[0] != seen[1]
