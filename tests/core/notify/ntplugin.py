"""A test office that declares notification kinds (with templates in four languages) and an SMS
adapter that keeps what it was asked to send."""

from __future__ import annotations

from typing import Any

from sportello import api

#: (to, text) of every text message the adapter sent
SMS: list[tuple[str, str]] = []
#: how many sends the adapter refuses before it works (a provider having a bad minute)
SMS_FAILS: list[int] = [0]


class CollectingSms:
    name = "ntest"

    async def send(self, to: str, text: str) -> None:
        if SMS_FAILS[0] > 0:
            SMS_FAILS[0] -= 1
            raise api.SmsError("provider_down")
        SMS.append((to, text))


def reset() -> None:
    SMS.clear()
    SMS_FAILS[0] = 0


ARRIVED = api.NotificationKind(
    name="ntest.visitor_arrived",
    title="Visitor arrived",
    audience="staff",
    channels=("email", "sms", "in_app"),
    params=("visitor",),
    description="A visitor checked in: tell the host.",
)
CONFIRMED = api.NotificationKind(
    name="ntest.booking_confirmed",
    title="Booking confirmed",
    audience="party",
    channels=("email", "sms"),
    params=("day",),
)
QUIET = api.NotificationKind(
    name="ntest.quiet", title="Off unless switched on", default_enabled=False
)

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "notify.ntest.visitor_arrived.subject": "Your visitor {visitor} has arrived",
        "notify.ntest.visitor_arrived.body": "{visitor} is waiting for you at the front desk.",
        "notify.ntest.booking_confirmed.subject": "Your booking is confirmed",
        "notify.ntest.booking_confirmed.body": "See you on {day}.",
        "notify.ntest.quiet.subject": "Quiet",
        "notify.ntest.quiet.body": "Quiet.",
    },
    "it": {
        "notify.ntest.visitor_arrived.subject": "Il tuo ospite {visitor} è arrivato",
        "notify.ntest.visitor_arrived.body": "{visitor} ti aspetta alla reception.",
        "notify.ntest.booking_confirmed.subject": "La tua prenotazione è confermata",
        "notify.ntest.booking_confirmed.body": "Ci vediamo il {day}.",
    },
    "es": {
        "notify.ntest.visitor_arrived.subject": "Tu visitante {visitor} ha llegado",
        "notify.ntest.visitor_arrived.body": "{visitor} te espera en recepción.",
        "notify.ntest.booking_confirmed.subject": "Tu reserva está confirmada",
        "notify.ntest.booking_confirmed.body": "Nos vemos el {day}.",
    },
    "el": {
        "notify.ntest.visitor_arrived.subject": "Ο επισκέπτης σας {visitor} έφτασε",
        "notify.ntest.visitor_arrived.body": "Ο/Η {visitor} σας περιμένει στην υποδοχή.",
        "notify.ntest.booking_confirmed.subject": "Η κράτησή σας επιβεβαιώθηκε",
        "notify.ntest.booking_confirmed.body": "Τα λέμε στις {day}.",
    },
}

office = api.Office(
    name="ntest",
    title="Notifications test office",
    translations=MESSAGES,
    notifications=[ARRIVED, CONFIRMED, QUIET],
)


@api.hookimpl
def sportello_sms_adapters() -> list[Any]:
    return [CollectingSms()]
