"""Kinds of notification: the admin's list, switching a kind off per site (and back), typed
errors, and concurrent switches."""

from __future__ import annotations

import asyncio
from typing import Any

import ntplugin
import pytest
from nthelpers import SmtpServer, eventually, send, site, staff

from sportello.notify import models
from sportello.testing import count_queries

PLUGINS = [ntplugin]
KINDS = """
query($site: ID) {
  notificationKinds(siteId: $site) {
    name title office audience channels params defaultEnabled enabled
    overrides { siteId enabled }
  }
}
"""
SWITCH = """
mutation($i: NotificationKindSettingUpdateInput!) {
  notificationKindSettingUpdate(input: $i) {
    notificationKind { name enabled overrides { siteId enabled } }
    errors { field code message }
  }
}
"""


@pytest.fixture
def smtp():
    server = SmtpServer()
    ntplugin.reset()
    server.start()
    yield server
    server.stop()


def by_name(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {k["name"]: k for k in data["notificationKinds"]}


async def switch(h: Any, kind: str, site_id: str | None, enabled: bool, **kw: Any) -> Any:
    data = await h.ok(SWITCH, {"i": {"kind": kind, "siteId": site_id, "enabled": enabled}}, **kw)
    return data["notificationKindSettingUpdate"]


async def test_admins_list_the_kinds_offices_declare(sportello_app, smtp) -> None:
    async with sportello_app(["ntest"], PLUGINS, **smtp.settings()) as h:
        kinds = by_name(await h.ok(KINDS))
        assert kinds["ntest.visitor_arrived"] == {
            "name": "ntest.visitor_arrived",
            "title": "Visitor arrived",
            "office": "ntest",
            "audience": "STAFF",
            "channels": ["EMAIL", "SMS", "IN_APP"],
            "params": ["visitor"],
            "defaultEnabled": True,
            "enabled": True,
            "overrides": [],
        }
        assert kinds["ntest.booking_confirmed"]["audience"] == "PARTY"
        assert kinds["ntest.quiet"]["enabled"] is False
        # one query for the switches, whatever the number of kinds and overrides
        rome_gid, _ = await site(h, "ROMA")
        for name in kinds:
            await switch(h, name, rome_gid, True)
        with count_queries() as statements:
            await h.ok(KINDS, {"site": rome_gid})
        assert len([s for s in statements if "notify_kind_setting" in s]) == 1, statements
        # the front desk has no business with the switches or the log
        denied = await h.gql(KINDS, as_="front_desk")
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


async def test_a_kind_switched_off_for_a_site_sends_nothing_there(sportello_app, smtp) -> None:
    async with sportello_app(["ntest"], PLUGINS, **smtp.settings()) as h:
        rome_gid, rome = await site(h, "ROMA")
        bari_gid, bari = await site(h, "BARI")
        host, _ = await staff(h, ["back_office"], email="switch-host@test.example")
        off = await switch(h, "ntest.visitor_arrived", rome_gid, False)
        assert off["errors"] == []
        assert off["notificationKind"] == {
            "name": "ntest.visitor_arrived",
            "enabled": False,
            "overrides": [{"siteId": rome_gid, "enabled": False}],
        }
        params = {"visitor": "Ugo"}
        assert (
            await send("ntest.visitor_arrived", user_ids=[host], site_id=rome, params=params) == 0
        )
        assert await models.Delivery.filter(site_id=rome).count() == 0
        assert await models.Notification.filter(user_id=host).count() == 0
        # another site still sends
        assert (
            await send("ntest.visitor_arrived", user_ids=[host], site_id=bari, params=params) == 2
        )
        await eventually(lambda: _async(len(smtp.messages) == 1))
        kinds = by_name(await h.ok(KINDS, {"site": rome_gid}))
        assert kinds["ntest.visitor_arrived"]["enabled"] is False
        kinds = by_name(await h.ok(KINDS, {"site": bari_gid}))
        assert kinds["ntest.visitor_arrived"]["enabled"] is True

        # organisation-wide off, Rome back on: only Rome sends
        assert (await switch(h, "ntest.visitor_arrived", None, False))["errors"] == []
        assert (await switch(h, "ntest.visitor_arrived", rome_gid, True))["errors"] == []
        assert (
            await send("ntest.visitor_arrived", user_ids=[host], site_id=bari, params=params) == 0
        )
        assert (
            await send("ntest.visitor_arrived", user_ids=[host], site_id=rome, params=params) == 2
        )
        assert await send("ntest.visitor_arrived", user_ids=[host], params=params) == 0
        # a kind off by default is sent once switched on
        assert await send("ntest.quiet", user_ids=[host]) == 0
        assert (await switch(h, "ntest.quiet", None, True))["errors"] == []
        assert await send("ntest.quiet", user_ids=[host]) == 2


async def test_switching_has_typed_errors(sportello_app, smtp) -> None:
    async with sportello_app(["ntest"], PLUGINS, **smtp.settings()) as h:
        rome_gid, rome = await site(h, "ROMA")
        bari_gid, _ = await site(h, "BARI")

        async def errors(kind: str, site_id: str | None, **kw: Any) -> list[dict[str, Any]]:
            payload = await switch(h, kind, site_id, False, **kw)
            assert payload["notificationKind"] is None
            return [{"field": e["field"], "code": e["code"]} for e in payload["errors"]]

        assert await errors("ntest.nope", None) == [{"field": "kind", "code": "NOT_FOUND"}]
        assert await errors("ntest.quiet", "not-an-id") == [
            {"field": "siteId", "code": "INVALID_ID"}
        ]
        from sportello.graphql.ids import encode_id

        assert await errors("ntest.quiet", encode_id("Site", 9999)) == [
            {"field": "siteId", "code": "NOT_FOUND"}
        ]
        # a manager of Rome switches Rome, not Bari nor the whole organisation
        _, token = await staff(h, ["manager"], sites=[rome], email="rome-manager@test.example")
        assert await errors("ntest.quiet", bari_gid, token=token) == [
            {"field": "siteId", "code": "FORBIDDEN"}
        ]
        assert await errors("ntest.quiet", None, token=token) == [
            {"field": "siteId", "code": "FORBIDDEN"}
        ]
        ok = await switch(h, "ntest.quiet", rome_gid, True, token=token)
        assert ok["errors"] == []
        # without the permission: not a payload error, the field is refused
        denied = await h.gql(
            SWITCH,
            {"i": {"kind": "ntest.quiet", "siteId": rome_gid, "enabled": True}},
            as_="back_office",
        )
        assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
        assert await models.KindSetting.all().count() == 1


async def test_concurrent_switches_leave_one_setting(sportello_app, smtp) -> None:
    async with sportello_app(["ntest"], PLUGINS, **smtp.settings()) as h:
        rome_gid, _ = await site(h, "ROMA")
        token = await h.token(roles=["admin"])
        results = await asyncio.gather(
            *(
                h.gql(
                    SWITCH,
                    {"i": {"kind": "ntest.quiet", "siteId": rome_gid, "enabled": n % 2 == 0}},
                    token=token,
                )
                for n in range(8)
            )
        )
        for result in results:
            assert result["data"]["notificationKindSettingUpdate"]["errors"] == [], result
        rows = await models.KindSetting.filter(kind="ntest.quiet").values("scope", "enabled")
        assert len(rows) == 1


async def _async(value: Any) -> Any:
    return value
