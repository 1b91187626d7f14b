"""Lodging business rules, a module per aggregate: every write is transactional and audited, no
GraphQL here. The names below keep ``services.<name>`` working for the rest of the office."""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING

from sportello_lodging.services import clock, limits, rates, search
from sportello_lodging.services._common import CENT, money, related
from sportello_lodging.services.clock import expected_at, nights, site_today
from sportello_lodging.services.config import configure, settings
from sportello_lodging.services.corrections import refund_payment, void_line
from sportello_lodging.services.desk import check_in, check_out
from sportello_lodging.services.events import (
    FOLIO_CLOSED,
    FOLIO_PAYMENT_ADDED,
    RESERVATION_CHECKED_IN,
    RESERVATION_CHECKED_OUT,
    ROOM_STATUS_CHANGED,
)
from sportello_lodging.services.folio import (
    CREDITS,
    Folio,
    Totals,
    add_charge,
    add_payment,
    folio_of,
    folio_totals,
    line_pages,
    load_folio,
)
from sportello_lodging.services.lifecycle import FINISHED, HOLDING, TRANSITIONS
from sportello_lodging.services.limits import MAX_AMENITIES, MAX_AMENITY_LENGTH
from sportello_lodging.services.moves import move
from sportello_lodging.services.nights import city_tax_persons
from sportello_lodging.services.privacy import (
    REGISTRY_FIELDS,
    REGISTRY_LAW,
    TAX_RECORDS,
    party_data,
    party_erase,
    purge_registry,
)
from sportello_lodging.services.rack_chart import rack_chart, rack_nights
from sportello_lodging.services.reads import (
    RACK_MAX_DAYS,
    Availability,
    arrival_status,
    arrivals_for_hook,
    arriving,
    availability,
    closed_today,
    departing,
    find_reservations,
    in_house,
    present_for_hook,
    rack_days,
    rack_spans,
    registered_guests,
)
from sportello_lodging.services.registry import (
    DOCUMENT_TYPES,
    REGISTRABLE,
    RegistryEntry,
    is_registry_complete,
    register_guests,
)
from sportello_lodging.services.reservations import (
    BACKDATE,
    GuestInput,
    cancel,
    change_dates,
    confirm,
    create_reservation,
    no_show,
)
from sportello_lodging.services.rooms import (
    CLEANLINESS,
    create_closure,
    create_room,
    create_room_type,
    delete_closure,
    set_cleanliness,
)
from sportello_lodging.services.settlement import DepositHandling
from sportello_lodging.services.stays import NO_OVERLAP, NO_SELF_OVERLAP, room_is_free


def payment_methods() -> tuple[str, ...]:
    """The payment method codes the desk may use (fixed ones, then the configured ones)."""
    return settings().all_payment_methods()


if TYPE_CHECKING:
    from sportello_lodging.services.clock import now, today

__all__ = [
    "BACKDATE",
    "CENT",
    "CLEANLINESS",
    "CREDITS",
    "DOCUMENT_TYPES",
    "FINISHED",
    "FOLIO_CLOSED",
    "FOLIO_PAYMENT_ADDED",
    "HOLDING",
    "MAX_AMENITIES",
    "MAX_AMENITY_LENGTH",
    "NO_OVERLAP",
    "NO_SELF_OVERLAP",
    "RACK_MAX_DAYS",
    "REGISTRABLE",
    "REGISTRY_FIELDS",
    "REGISTRY_LAW",
    "RESERVATION_CHECKED_IN",
    "RESERVATION_CHECKED_OUT",
    "ROOM_STATUS_CHANGED",
    "TAX_RECORDS",
    "TRANSITIONS",
    "Availability",
    "DepositHandling",
    "Folio",
    "GuestInput",
    "RegistryEntry",
    "Totals",
    "add_charge",
    "add_payment",
    "arrival_status",
    "arrivals_for_hook",
    "arriving",
    "availability",
    "cancel",
    "change_dates",
    "check_in",
    "check_out",
    "city_tax_persons",
    "closed_today",
    "configure",
    "confirm",
    "create_closure",
    "create_reservation",
    "create_room",
    "create_room_type",
    "delete_closure",
    "departing",
    "expected_at",
    "find_reservations",
    "folio_of",
    "folio_totals",
    "in_house",
    "is_registry_complete",
    "line_pages",
    "load_folio",
    "money",
    "move",
    "nights",
    "no_show",
    "now",
    "party_data",
    "party_erase",
    "present_for_hook",
    "limits",
    "purge_registry",
    "rates",
    "refund_payment",
    "search",
    "rack_days",
    "rack_chart",
    "rack_nights",
    "rack_spans",
    "register_guests",
    "registered_guests",
    "related",
    "room_is_free",
    "set_cleanliness",
    "settings",
    "site_today",
    "today",
    "void_line",
    "payment_methods",
]


class _Services(types.ModuleType):
    """``services.today`` and ``services.now`` are the clock's own: setting them here (a test's
    ``monkeypatch.setattr(services, "today", ...)``, as before the split) sets them in ``clock``,
    which every module calls, instead of leaving a copy nobody reads."""

    today = property(lambda self: clock.today, lambda self, f: setattr(clock, "today", f))
    now = property(lambda self: clock.now, lambda self, f: setattr(clock, "now", f))


sys.modules[__name__].__class__ = _Services
