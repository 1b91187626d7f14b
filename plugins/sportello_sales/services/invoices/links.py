"""Short-lived signed links to an invoice's PDF.

``Invoice.pdfUrl`` is resolved for someone allowed to see the invoice (``sales.view``); the URL
it returns carries an HMAC of the invoice, the language and an expiry, so a browser, a mail
client or a printer can open it without a bearer token (a plain link cannot send one) and
nobody can forge or widen it. The secret is ``[modules.sales] link_secret``; when it is empty
each process draws a random one, which is right for one process and makes links open only on
the process that made them when there are several.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from urllib.parse import urlencode

from sportello_sales.services import _common

PATH = "/sales/invoices/{id}/pdf"
_random_secret = secrets.token_bytes(32)


def _secret() -> bytes:
    configured = _common.settings().link_secret
    return configured.encode() if configured else _random_secret


def _signature(invoice_id: int, language: str, expires: int) -> str:
    message = f"{invoice_id}:{language}:{expires}".encode()
    return hmac.new(_secret(), message, hashlib.sha256).hexdigest()


def pdf_url(invoice_id: int, language: str, now: float | None = None) -> str:
    """The path (relative to the server's root) of the invoice's PDF in ``language``."""
    expires = int(now if now is not None else time.time()) + _common.settings().link_seconds
    query = urlencode(
        {"lang": language, "expires": expires, "sig": _signature(invoice_id, language, expires)}
    )
    return f"{PATH.format(id=invoice_id)}?{query}"


def verify(invoice_id: int, language: str, expires: str, signature: str) -> bool:
    """True for a link this server signed that has not expired."""
    try:
        until = int(expires)
    except ValueError:
        return False
    if until < time.time():
        return False
    expected = _signature(invoice_id, language, until)
    return hmac.compare_digest(expected, signature)
