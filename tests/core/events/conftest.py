from __future__ import annotations

import ipaddress
import socket

import pytest

#: A public address (documentation ranges are not global, so a real one) for made-up names.
PUBLIC = "93.184.215.14"


class FakeDNS(dict[str, list[str]]):
    """Names the webhook vetting resolves, changeable while a test runs (DNS rebinding)."""

    async def resolve(self, host: str, port: int) -> list[object]:
        if host not in self:
            raise socket.gaierror(socket.EAI_NONAME, "unknown name")
        return [ipaddress.ip_address(a) for a in self[host]]


@pytest.fixture
def public_dns(monkeypatch: pytest.MonkeyPatch) -> FakeDNS:
    """Replace the resolver the webhook vetting uses: ``example.com``, ``x.example`` and
    ``hooks.example`` resolve to a public address; tests add or change names."""
    from sportello.events import targets

    dns = FakeDNS({"example.com": [PUBLIC], "x.example": [PUBLIC], "hooks.example": [PUBLIC]})
    monkeypatch.setattr(targets, "resolve", dns.resolve)
    return dns
