"""The audit trail names objects by their GraphQL type, so `object: <global ID>` finds them."""

from __future__ import annotations

from identity_helpers import installed_offices

from sportello.identity.audit import type_name
from sportello.runtime import Runtime
from sportello.settings import Settings

ALWAYS_OPEN = {str(day): [["00:00", "24:00"]] for day in range(7)}
AUDIT = """
query($object: ID) {
  auditEntries(object: $object) { edges { node { operation objectType objectId } } }
}
"""


def test_every_model_node_records_its_graphql_type_name() -> None:
    from sportello.graphql.relay import ModelNode

    runtime = Runtime(Settings(modules={name: {} for name in installed_offices()}))
    seen = {}
    views: dict[type, set[str]] = {}  # model -> the node types over it
    for gql_type in runtime.schema.schema_converter.type_map.values():
        origin = getattr(gql_type.definition, "origin", None)
        if isinstance(origin, type) and issubclass(origin, ModelNode):
            seen[gql_type.definition.name] = type_name(origin.__model__())
            views.setdefault(origin.__model__, set()).add(gql_type.definition.name)
    for model, names in views.items():
        if len(names) == 1:
            (name,) = names
            assert seen[name] == name, (name, seen[name])
        else:  # a full view and a restricted one (hr's Employee, DirectoryEntry)
            assert {seen[n] for n in names} == {model.__name__} <= names, (model, names)
    assert seen
    assert seen["QueueTicket"] == "QueueTicket" and seen["Event"] == "Event"


async def test_audit_object_filter_finds_a_counter_ticket(sportello_app) -> None:
    async with sportello_app(["reception", "counter"]) as h:
        site = await h.ok(
            'mutation { siteCreate(input: {code: "C", name: "Civic centre"}) { site { id } } }'
        )
        service = await h.ok(
            "mutation($i: CounterServiceCreateInput!) { counterServiceCreate(input: $i) "
            "{ counterService { id } errors { code field } } }",
            {
                "i": {
                    "siteId": site["siteCreate"]["site"]["id"],
                    "name": "Registry office",
                    "prefix": "A",
                    "openingHours": ALWAYS_OPEN,
                }
            },
        )
        service_id = service["counterServiceCreate"]["counterService"]["id"]
        issued = await h.ok(
            "mutation($s: ID!) { queueTicketIssue(input: {serviceId: $s}) "
            "{ ticket { id } errors { code field } } }",
            {"s": service_id},
        )
        assert issued["queueTicketIssue"]["errors"] == []
        ticket = issued["queueTicketIssue"]["ticket"]["id"]
        assert ticket.startswith("UXVldWVUaWNrZXQ6")  # base64 of "QueueTicket:"
        found = await h.ok(AUDIT, {"object": ticket}, as_="auditor")
        nodes = [e["node"] for e in found["auditEntries"]["edges"]]
        assert [n["operation"] for n in nodes] == ["queueTicketIssue"]
        assert nodes[0]["objectType"] == "QueueTicket"
