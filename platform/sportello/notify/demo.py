"""Demo notifications: the morning's delivery log (sent mail and text messages, one failure
the mail server refused) and unread in-app notifications for the demo admin. Idempotent: the
rows carry demo keys, and a second load finds them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sportello.identity.models import User
from sportello.notify import models
from sportello.parties.models import Party, Site

KEY = "demo:"

# (key, kind, channel, status, error class, minutes ago, language, subject, body)
LOG: list[tuple[str, str, str, str, str | None, int, str, str, str]] = [
    (
        "visit-1",
        "visitors.visitor_arrived",
        "email",
        models.SENT,
        None,
        95,
        "it",
        "Il tuo ospite Marco Bianchi è arrivato",
        "Marco Bianchi (Adriatica Forniture) ti aspetta alla reception.",
    ),
    (
        "appointment-1",
        "counter.appointment_confirmed",
        "email",
        models.SENT,
        None,
        80,
        "it",
        "Appuntamento confermato: oggi alle 11:30",
        "Il tuo appuntamento allo sportello Anagrafe è confermato per oggi alle 11:30.",
    ),
    (
        "appointment-1-sms",
        "counter.appointment_reminder",
        "sms",
        models.SENT,
        None,
        40,
        "it",
        "Promemoria appuntamento",
        "Promemoria: oggi alle 11:30 allo sportello Anagrafe.",
    ),
    (
        "booking-1",
        "lodging.booking_confirmed",
        "email",
        models.SENT,
        None,
        30,
        "en",
        "Your booking is confirmed",
        "Thank you: your room is booked from Friday to Sunday.",
    ),
    (
        "booking-2",
        "lodging.booking_confirmed",
        "email",
        models.FAILED,
        "recipient_refused",
        25,
        "es",
        "Tu reserva está confirmada",
        "Gracias: tu habitación está reservada del viernes al domingo.",
    ),
]

INBOX: list[tuple[str, int, str, str]] = [
    (
        "visitors.visitor_arrived",
        95,
        "Your visitor Marco Bianchi has arrived",
        "Marco Bianchi (Adriatica Forniture) is waiting for you at the front desk.",
    ),
    (
        "lodging.booking_confirmed",
        25,
        "A booking confirmation could not be delivered",
        "The guest's mail server refused the confirmation: check the email address.",
    ),
]


async def load(runtime: Any = None) -> None:
    if await models.Delivery.filter(key__startswith=KEY).exists():
        return
    admin = await User.filter(email="admin@demo.example").first()
    guest = await Party.filter(display_name="Chiara Ferri", anonymised_at=None).first()
    site = await Site.all().order_by("id").first()
    now = dt.datetime.now(dt.UTC)
    for key, kind, channel, status, error, ago, lang, subject, body in LOG:
        at = now - dt.timedelta(minutes=ago)
        staff = kind.startswith("visitors.")
        user = admin if staff else None
        party_id = (admin.party_id if admin else None) if staff else (guest.id if guest else None)
        address = (
            "admin@demo.example"
            if staff
            else "+393331234567"
            if channel == "sms"
            else f"guest{len(key)}@mail.example"
        )
        delivery = await models.Delivery.create(
            kind=kind,
            channel=channel,
            user_id=user.id if user else None,
            party_id=party_id,
            site_id=site.id if site else None,
            address=address,
            language=lang,
            subject=subject,
            body=body,
            key=KEY + key,
            status=status,
            attempts=1,
            error_class=error,
            sent_at=at if status == models.SENT else None,
        )
        await models.Delivery.filter(id=delivery.id).update(created_at=at)
        await models.DeliveryAttempt.create(
            delivery_id=delivery.id,
            number=1,
            at=at,
            ok=status == models.SENT,
            error_class=error,
            latency_ms=180 + ago,
        )
    if admin is not None:
        for kind, ago, title, body in INBOX:
            note = await models.Notification.create(
                user_id=admin.id,
                kind=kind,
                title=title,
                body=body,
            )
            at = now - dt.timedelta(minutes=ago)
            await models.Notification.filter(id=note.id).update(created_at=at)
