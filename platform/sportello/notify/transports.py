"""The channels' transports: email over SMTP (aiosmtplib) and SMS through the chosen adapter.

Failures become ``SendError(error_class, permanent)``: the delivery log keeps the class, never
the server's text (it may echo addresses or credentials).
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

import aiosmtplib

from sportello.notify.contract import SmsAdapter, SmsError
from sportello.settings import SmtpSettings

log = logging.getLogger("sportello.notify")


class SendError(Exception):
    def __init__(self, error_class: str, permanent: bool = False) -> None:
        super().__init__(error_class)
        self.error_class = error_class
        self.permanent = permanent


class LogSmsAdapter:
    """For development: writes the text message to the server log instead of sending it."""

    name = "log"

    async def send(self, to: str, text: str) -> None:
        log.info("sms (log adapter) to %s: %s", to, text)


def smtp_error_class(exc: BaseException) -> SendError:
    """The class of an SMTP failure, and whether retrying can help."""
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused):
        return SendError("recipient_refused", permanent=True)
    if isinstance(exc, aiosmtplib.SMTPSenderRefused):
        return SendError("sender_refused", permanent=True)
    if isinstance(exc, aiosmtplib.SMTPAuthenticationError):
        return SendError("auth_failed")
    if isinstance(exc, aiosmtplib.SMTPTimeoutError | TimeoutError):
        return SendError("timeout")
    if isinstance(exc, aiosmtplib.SMTPConnectError | ConnectionError):
        return SendError("connection")
    if isinstance(exc, ssl.SSLError):
        return SendError("tls")
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        # 5xx: the server refuses this message for good; 4xx: try again later
        return SendError("rejected" if 500 <= exc.code < 600 else "temporary", exc.code >= 500)
    if isinstance(exc, aiosmtplib.SMTPException):
        return SendError("smtp_error")
    if isinstance(exc, OSError):
        return SendError("connection")
    return SendError("error")


@dataclass
class Transports:
    smtp: SmtpSettings
    sms: SmsAdapter

    def message(
        self, to: str, subject: str, body: str, headers: Mapping[str, str] | None = None
    ) -> EmailMessage:
        extra = dict(headers or {})
        msg = EmailMessage()
        msg["From"] = self.smtp.sender
        msg["To"] = to
        msg["Subject"] = subject
        msg["Date"] = formatdate(localtime=False)
        msg["Message-ID"] = extra.pop("Message-ID", None) or make_msgid(domain="sportello.invalid")
        for name, value in extra.items():  # threading headers (api.notify's email_headers)
            msg[name] = value
        msg.set_content(body)
        return msg

    async def send_email(
        self, to: str, subject: str, body: str, headers: Mapping[str, str] | None = None
    ) -> None:
        if not self.smtp.host:
            raise SendError("not_configured", permanent=True)
        try:
            await aiosmtplib.send(
                self.message(to, subject, body, headers),
                hostname=self.smtp.host,
                port=self.smtp.port,
                username=self.smtp.username or None,
                password=self.smtp.password or None,
                use_tls=self.smtp.security == "tls",
                start_tls=self.smtp.security == "starttls",
                timeout=self.smtp.timeout,
            )
        except Exception as exc:
            raise smtp_error_class(exc) from exc

    async def send_sms(self, to: str, text: str) -> None:
        try:
            await self.sms.send(to, text)
        except SmsError as exc:
            raise SendError(exc.error_class[:40], exc.permanent) from exc
        except TimeoutError as exc:
            raise SendError("timeout") from exc
        except Exception as exc:
            raise SendError("error") from exc
