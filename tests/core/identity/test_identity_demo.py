"""The demo admin: the public password only in the debug (demo) profile, else a random one."""

from __future__ import annotations

from sportello.identity.demo import DEMO_PASSWORD, ensure_demo_users

LOGIN = """
mutation($i: TokenCreateInput!) {
  tokenCreate(input: $i) { accessToken me { email } errors { code } }
}
"""


async def _login(h, password: str) -> dict:
    data = await h.ok(LOGIN, {"i": {"email": "admin@demo.example", "password": password}}, as_=None)
    return data["tokenCreate"]


def _password_of(lines: list[str], email: str) -> str:
    [line] = [x for x in lines if x.startswith(f"demo user {email} / ")]
    return line.split(" / ", 1)[1].split(" (", 1)[0]


async def test_demo_admin_logs_in_with_the_public_password_in_debug(sportello_app) -> None:
    async with sportello_app() as h:
        lines = await ensure_demo_users(h.runtime)
        assert _password_of(lines, "admin@demo.example") == DEMO_PASSWORD
        session = await _login(h, DEMO_PASSWORD)
        assert session["errors"] == [] and session["me"]["email"] == "admin@demo.example"
        admin = await h.ok("{ me { permissions } }", token=session["accessToken"])
        assert "identity.users.manage" in admin["me"]["permissions"]
        assert await ensure_demo_users(h.runtime) == []  # idempotent


async def test_demo_admin_gets_a_random_password_without_debug(production_app) -> None:
    async with production_app() as h:
        lines = await ensure_demo_users(h.runtime)
        password = _password_of(lines, "admin@demo.example")
        assert password != DEMO_PASSWORD and len(password) >= 20
        # Every demo user of one load shares the printed password.
        assert _password_of(lines, "desk@demo.example") == password
        refused = await _login(h, DEMO_PASSWORD)
        assert refused["errors"][0]["code"] == "INVALID_CREDENTIALS"
        session = await _login(h, password)
        assert session["errors"] == [] and session["accessToken"]
