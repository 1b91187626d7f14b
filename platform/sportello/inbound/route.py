"""``POST /inbound/email``: a raw RFC 822 message, as mail providers' inbound webhooks post it.

The body is the message itself (``message/rfc822``, ``text/plain`` or
``application/octet-stream``), or a form (``application/x-www-form-urlencoded``) whose field
``email``, ``body-mime`` or ``message`` holds it. The caller proves it is the provider with
the ``[inbound] token``: ``Authorization: Bearer <token>``, basic authentication with the token
as password, or ``?token=<token>``.

Answers: 200 ``{"status": "accepted" | "unclaimed" | "duplicate", "messageId", "office"}``;
400 for what is not an email; 401 for a missing or wrong token; 404 while no token is set.
A message is handled once whatever the retries (its Message-ID is unique).
"""

from __future__ import annotations

import base64
import hmac
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from sportello.inbound import services
from sportello.inbound.parse import BadMessage

PATH = "/inbound/email"
FORM_FIELDS = ("email", "body-mime", "message")


def _offered_tokens(request: Request) -> list[str]:
    offered = []
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer":
        offered.append(value.strip())
    elif scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value.strip()).decode("utf-8")
            offered.append(decoded.partition(":")[2])
        except Exception:
            pass
    if "token" in request.query_params:
        offered.append(request.query_params["token"])
    return offered


def _authorised(request: Request, token: str) -> bool:
    expected = token.encode()
    return any(hmac.compare_digest(t.encode(), expected) for t in _offered_tokens(request))


async def _raw_message(request: Request) -> bytes:
    body = await request.body()
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/x-www-form-urlencoded":
        form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
        for name in FORM_FIELDS:
            if form.get(name):
                return form[name][0].encode("utf-8")
        raise BadMessage("no email field in the form")
    return body


def endpoint(runtime: Any) -> Any:
    async def receive(request: Request) -> JSONResponse:
        settings = runtime.settings.inbound
        if settings.token is None:
            return JSONResponse({"error": "inbound email is not configured"}, status_code=404)
        if not _authorised(request, settings.token.get_secret_value()):
            return JSONResponse(
                {"error": "unauthorised"},
                status_code=401,
                headers={"WWW-Authenticate": 'Bearer realm="inbound"'},
            )
        try:
            raw = await _raw_message(request)
            if not raw.strip():
                raise BadMessage("empty body")
            outcome = await services.receive(
                raw,
                runtime.state.get("inbound_handlers", []),
                max_attachment_bytes=settings.max_attachment_bytes,
                max_attachments=settings.max_attachments,
            )
        except BadMessage as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse(
            {
                "status": outcome.status,
                "messageId": outcome.message_id,
                "office": outcome.office,
            }
        )

    return receive


def routes(runtime: Any) -> list[Route]:
    return [Route(PATH, endpoint(runtime), methods=["POST"])]
