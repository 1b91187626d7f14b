"""Where a webhook may be delivered: no server-side request forgery.

A webhook's URL is chosen by a user, and the server makes the request: without care, a URL
naming ``127.0.0.1``, ``169.254.169.254`` (cloud metadata), a private network or a name that
resolves to one lets that user reach what only the server can reach, and read the outcome.

* ``vet(url)`` resolves the host and refuses it (``BLOCKED_ADDRESS``) when any address it
  resolves to is loopback, private, link-local, unique-local, shared (100.64/10), multicast,
  reserved, unspecified or otherwise not globally routable (IPv4 addresses embedded in IPv6
  ones included: mapped, NAT64, 6to4, Teredo), unless the address or the host name is on the
  ``[webhooks] allow`` list (for receivers on the premises). Numeric forms (``2130706433``,
  ``0x7f.1``) resolve like any name, so they are refused like the address they stand for.
* Plain ``http`` only with ``debug`` on; otherwise ``https`` (``INSECURE_URL``).
* Registration vets the URL; every delivery vets it again (DNS may have changed) and connects
  to the address it vetted (``pinned``): the request's URL names that address, the ``Host``
  header and TLS (SNI and certificate check) keep the name, so a name that resolves one way
  for the check and another way for the connection (DNS rebinding) gains nothing.
* ``error_class`` turns a transport failure into a short class (``CONNECT_FAILED``,
  ``TIMEOUT``, ``TLS``...), the only thing the delivery log keeps: the transport's message
  would tell a closed port from a filtered one.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sportello.services import ServiceError

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class Refused(ServiceError):
    """A URL that may not be a webhook target; ``code`` is also the delivery log's class."""


@dataclass(frozen=True)
class Allowed:
    """The ``[webhooks] allow`` list: networks and host names trusted although private."""

    networks: tuple[Network, ...] = ()
    hosts: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, entries: list[str]) -> Allowed:
        networks: list[Network] = []
        hosts: set[str] = set()
        for entry in entries:
            try:
                networks.append(ipaddress.ip_network(entry.strip(), strict=False))
            except ValueError:
                hosts.add(entry.strip().lower().rstrip("."))
        return cls(tuple(networks), frozenset(hosts))

    def covers(self, host: str, address: Address) -> bool:
        return host in self.hosts or any(address in n for n in self.networks)


@dataclass(frozen=True)
class Target:
    """A vetted target: the URL as registered and the address to connect to."""

    url: str
    host: str
    address: Address

    def pinned(self) -> tuple[str, dict[str, str], dict[str, Any]]:
        """``(url, headers, extensions)`` of a request to the vetted address that keeps the
        name for ``Host``, SNI and the certificate check."""
        import httpx

        parts = httpx.URL(self.url)
        name = parts.raw_host.decode("ascii")
        if ":" in name:  # an IPv6 literal
            name = f"[{name}]"
        host_header = name if parts.port is None else f"{name}:{parts.port}"
        url = str(parts.copy_with(host=str(self.address)))
        extensions: dict[str, Any] = {}
        if parts.scheme == "https":
            extensions["sni_hostname"] = parts.raw_host.decode("ascii")
        return url, {"host": host_header}, extensions


def embedded_ipv4(address: Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, NAT64, 6to4, Teredo), if any."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    return None


def is_public(address: Address) -> bool:
    """Globally routable unicast: not loopback, private, link-local, unique-local, shared,
    multicast, reserved or unspecified, nor an IPv6 address carrying such an IPv4 one."""
    if (
        not address.is_global
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or address.is_loopback
        or address.is_link_local
        or address.is_private
    ):
        return False
    inner = embedded_ipv4(address)
    return inner is None or is_public(inner)


def literal_address(host: str) -> list[Address]:
    """The address a host written as a number stands for: ``10.0.0.1``, ``[::1]``, and the
    forms the C library also accepts (``2130706433``, ``0x7f.1``, ``127.1``)."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    if host and all(c in "0123456789abcdefx." for c in host) and host[0].isdigit():
        try:
            return [ipaddress.IPv4Address(socket.inet_aton(host))]
        except OSError:
            return []
    return []


async def resolve(host: str, port: int) -> list[Address]:
    """Every address ``host`` resolves to (the one resolver of the vetting: tests replace it)."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    found: list[Address] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in found:
            found.append(address)
    return found


def check_form(url: str, *, debug: bool) -> tuple[str, str, int]:
    """``(scheme, host, port)`` of a well-formed URL; plain http only with ``debug``."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise Refused("INVALID_URL", "events.webhook_url_invalid", "url") from None
    host = (parts.hostname or "").rstrip(".").lower()
    if parts.scheme not in ("https", "http") or not host or parts.username or parts.password:
        raise Refused("INVALID_URL", "events.webhook_url_invalid", "url")
    if parts.scheme == "http" and not debug:
        raise Refused("INSECURE_URL", "events.webhook_url_insecure", "url")
    return parts.scheme, host, port or (443 if parts.scheme == "https" else 80)


async def vet(url: str, *, debug: bool, allowed: Allowed) -> Target:
    """The target to connect to, or ``Refused`` (INVALID_URL, INSECURE_URL, UNRESOLVABLE,
    BLOCKED_ADDRESS). Every address the host resolves to must pass, not only the first: the
    connection must not be able to land on another one."""
    _, host, port = check_form(url, debug=debug)
    addresses = literal_address(host)
    if not addresses:
        try:
            addresses = await resolve(host, port)
        except (OSError, UnicodeError, ValueError):
            addresses = []
    if not addresses:
        raise Refused("UNRESOLVABLE", "events.webhook_url_unresolvable", "url")
    for address in addresses:
        if not is_public(address) and not allowed.covers(host, address):
            raise Refused("BLOCKED_ADDRESS", "events.webhook_url_blocked", "url")
    return Target(url=url, host=host, address=addresses[0])


def error_class(exc: BaseException) -> str:
    """A short class for a failed request; never the transport's own message."""
    import httpx

    if isinstance(exc, Refused):
        return exc.code
    if isinstance(exc, httpx.TimeoutException | TimeoutError):
        return "TIMEOUT"
    seen: BaseException | None = exc
    for _ in range(5):  # httpx wraps ssl errors in ConnectError
        if seen is None:
            break
        if isinstance(seen, ssl.SSLError | ssl.CertificateError):
            return "TLS"
        seen = seen.__cause__ or seen.__context__
    if isinstance(exc, httpx.ConnectError):
        return "CONNECT_FAILED"
    if isinstance(exc, httpx.RemoteProtocolError | httpx.LocalProtocolError):
        return "PROTOCOL"
    if isinstance(exc, httpx.TransportError):
        return "TRANSPORT"
    return "FAILED"


def status_class(status: int) -> str:
    """``HTTP_3XX`` (redirects are not followed), ``HTTP_4XX`` or ``HTTP_5XX``."""
    return f"HTTP_{min(max(status // 100, 1), 5)}XX"
