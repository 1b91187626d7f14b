"""Rate plans: how a site sells its rooms (flexible, non-refundable, breakfast included), their
prices per room type, season and day of the week, minimum stays and closed-to-arrival days, the
channels selling them, and the fees their policy charges when a stay is cancelled or a no-show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tortoise.exceptions import IntegrityError

from sportello import api
from sportello_lodging import models as m
from sportello_lodging.services import clock
from sportello_lodging.services._common import money

FLEXIBLE = "flexible"
NON_REFUNDABLE = "non_refundable"
POLICIES = (FLEXIBLE, NON_REFUNDABLE)
#: Set a nightly rate by hand instead of the plan's or the base rate.
MANUAL_RATE = "lodging.rates.manual"
#: The most channels a plan lists.
MAX_CHANNELS = 20


@dataclass(frozen=True)
class PlanInput:
    code: str
    name: str
    policy: str = FLEXIBLE
    channels: Sequence[str] = ()
    free_cancellation_days: int = 1
    cancellation_fee_nights: int = 1
    no_show_fee_nights: int = 1
    breakfast_included: bool = False
    min_stay: int = 1


def _check_plan(data: PlanInput) -> tuple[str, list[str]]:
    problems: list[api.Problem] = []
    code = data.code.strip().upper()
    if not code:
        problems.append(api.Problem("REQUIRED", "core.required", "code"))
    if not data.name.strip():
        problems.append(api.Problem("REQUIRED", "core.required", "name"))
    if data.policy not in POLICIES:
        problems.append(api.Problem("INVALID", "lodging.invalid_policy", "policy"))
    for name, value, low in (
        ("freeCancellationDays", data.free_cancellation_days, 0),
        ("cancellationFeeNights", data.cancellation_fee_nights, 0),
        ("noShowFeeNights", data.no_show_fee_nights, 0),
        ("minStay", data.min_stay, 1),
    ):
        if not low <= value <= 365:
            problems.append(api.Problem("OUT_OF_RANGE", "lodging.out_of_range", name))
    channels = list(dict.fromkeys(c.strip().lower() for c in data.channels if c.strip()))
    if len(channels) > MAX_CHANNELS or any(len(c) > 32 for c in channels):
        problems.append(api.Problem("INVALID", "lodging.invalid_channels", "channels"))
    if problems:
        raise api.ServiceError("INVALID", problems=problems)
    return code, channels


async def create_plan(actor: api.Actor, site_id: int, data: PlanInput) -> m.RatePlan:
    api.require_site(actor, site_id)
    code, channels = _check_plan(data)
    try:
        async with api.atomic():
            plan = await m.RatePlan.create(
                site_id=site_id,
                code=code,
                name=data.name.strip(),
                policy=data.policy,
                channels=channels,
                free_cancellation_days=data.free_cancellation_days,
                cancellation_fee_nights=data.cancellation_fee_nights,
                no_show_fee_nights=data.no_show_fee_nights,
                breakfast_included=data.breakfast_included,
                min_stay=data.min_stay,
            )
            await api.record(
                actor,
                "ratePlanCreate",
                plan,
                after={"code": code, "policy": data.policy, "channels": channels},
            )
    except IntegrityError:
        raise api.ServiceError("CONFLICT", "lodging.code_taken", "code") from None
    return plan


def _prices(values: Sequence[Decimal]) -> list[str]:
    if len(values) != 7:
        raise api.ServiceError("INVALID", "lodging.weekday_prices", "weekdayPrices")
    out = []
    for i, value in enumerate(values):
        try:
            price = money(value)
        except InvalidOperation:
            price = Decimal(-1)
        if price <= 0:
            raise api.ServiceError("INVALID", "lodging.invalid_amount", f"weekdayPrices.{i}")
        out.append(str(price))
    return out


async def set_price(
    actor: api.Actor,
    rate_plan_id: int,
    room_type_id: int,
    start: dt.date,
    end: dt.date,
    weekday_prices: Sequence[Decimal],
    min_stay: int | None = None,
    closed_to_arrival: Sequence[int] = (),
) -> m.RatePrice:
    """A season's prices of one room type on a plan. A season overlapping another of the same
    plan and room type replaces it on the overlap: the older one is cut around the new one."""
    if end <= start:
        raise api.ServiceError("INVALID_DATES", "lodging.departure_before_arrival", "end")
    if (end - start).days > 3 * 366:
        raise api.ServiceError("INVALID_DATES", "lodging.season_too_long", "end")
    prices = _prices(weekday_prices)
    if min_stay is not None and not 1 <= min_stay <= 365:
        raise api.ServiceError("OUT_OF_RANGE", "lodging.out_of_range", "minStay")
    days = sorted(set(closed_to_arrival))
    if any(not 0 <= d <= 6 for d in days):
        raise api.ServiceError("INVALID", "lodging.invalid_weekday", "closedToArrival")
    plan = await m.RatePlan.get_or_none(id=rate_plan_id)
    if plan is None or not actor.may_see_site(plan.site_id):
        raise api.ServiceError("NOT_FOUND", "core.not_found", "ratePlanId")
    api.require_site(actor, plan.site_id)
    room_type = await m.RoomType.get_or_none(id=room_type_id, site_id=plan.site_id)
    if room_type is None:
        raise api.ServiceError("NOT_FOUND", "core.not_found", "roomTypeId")
    async with api.atomic():
        # Lock the plan: two seasons set at once are cut around each other in order.
        await m.RatePlan.filter(id=plan.id).select_for_update().first()
        overlapping = await m.RatePrice.filter(
            rate_plan_id=plan.id, room_type_id=room_type.id, start__lt=end, end__gt=start
        )
        for old in overlapping:
            if old.start < start and old.end > end:  # the new season splits it in two
                await m.RatePrice.create(
                    rate_plan_id=plan.id,
                    room_type_id=room_type.id,
                    start=end,
                    end=old.end,
                    weekday_prices=old.weekday_prices,
                    min_stay=old.min_stay,
                    closed_to_arrival=old.closed_to_arrival,
                )
                old.end = start
                await old.save(update_fields=["end"])
            elif old.start < start:
                old.end = start
                await old.save(update_fields=["end"])
            elif old.end > end:
                old.start = end
                await old.save(update_fields=["start"])
            else:
                await old.delete()
        price = await m.RatePrice.create(
            rate_plan_id=plan.id,
            room_type_id=room_type.id,
            start=start,
            end=end,
            weekday_prices=prices,
            min_stay=min_stay,
            closed_to_arrival=days,
        )
        await api.record(
            actor,
            "ratePlanPriceSet",
            price,
            after={
                "rate_plan_id": plan.id,
                "room_type_id": room_type.id,
                "start": start,
                "end": end,
                "weekday_prices": prices,
                "min_stay": min_stay,
                "closed_to_arrival": days,
            },
            site_id=plan.site_id,
        )
    return price


@dataclass(frozen=True)
class Quote:
    plan: m.RatePlan
    nightly: dict[str, str]

    @property
    def first(self) -> Decimal:
        return Decimal(next(iter(self.nightly.values())))

    @property
    def total(self) -> Decimal:
        return money(sum((Decimal(v) for v in self.nightly.values()), Decimal(0)))


async def visible_plan(actor: api.Actor, rate_plan_id: int, site_id: int) -> m.RatePlan:
    plan = await m.RatePlan.get_or_none(id=rate_plan_id)
    if plan is None or not actor.may_see_site(plan.site_id) or plan.site_id != site_id:
        raise api.ServiceError("NOT_FOUND", "core.not_found", "ratePlanId")
    return plan


async def quote(
    plan: m.RatePlan, room_type_id: int, arrival: dt.date, departure: dt.date, channel: str
) -> Quote:
    """Each night's price of a stay on the plan, or the reason it cannot be sold: the channel
    (RATE_PLAN_CLOSED), a night without a price (NO_RATE), the minimum stay (MIN_STAY), an
    arrival day closed to arrival (CLOSED_TO_ARRIVAL)."""
    if not plan.active or (plan.channels and channel.strip().lower() not in plan.channels):
        raise api.ServiceError("RATE_PLAN_CLOSED", "lodging.rate_plan_channel", "ratePlanId")
    rows = await m.RatePrice.filter(
        rate_plan_id=plan.id, room_type_id=room_type_id, start__lt=departure, end__gt=arrival
    ).order_by("start")
    nightly: dict[str, str] = {}
    arriving: m.RatePrice | None = None
    for night in clock.nights(arrival, departure):
        row = next((r for r in rows if r.start <= night < r.end), None)
        if row is None:
            raise api.ServiceError(
                "NO_RATE", "lodging.no_rate", "ratePlanId", night=night.isoformat()
            )
        if night == arrival:
            arriving = row
        nightly[night.isoformat()] = row.weekday_prices[night.weekday()]
    assert arriving is not None
    need = max(plan.min_stay, arriving.min_stay or 0)
    if len(nightly) < need:
        raise api.ServiceError("MIN_STAY", "lodging.min_stay", "departure", nights=need)
    if arrival.weekday() in arriving.closed_to_arrival:
        raise api.ServiceError("CLOSED_TO_ARRIVAL", "lodging.closed_to_arrival", "arrival")
    return Quote(plan, nightly)


def night_price(res: m.Reservation, night: dt.date) -> Decimal:
    value = (res.nightly_rates or {}).get(night.isoformat())
    return money(value if value is not None else res.rate)


def stay_price(res: m.Reservation, nights: Sequence[dt.date]) -> Decimal:
    return money(sum((night_price(res, n) for n in nights), Decimal(0)))


async def policy_fee(res: m.Reservation, no_show: bool) -> Decimal | None:
    """The fee the reservation's plan charges for a cancellation (today at the site) or a
    no-show: None without a plan."""
    if res.rate_plan_id is None:
        return None
    plan = await m.RatePlan.get(id=res.rate_plan_id)
    nights = clock.nights(res.arrival, res.departure)
    if plan.policy == NON_REFUNDABLE:
        return stay_price(res, nights)
    if no_show:
        return stay_price(res, nights[: plan.no_show_fee_nights])
    ahead = (res.arrival - await clock.site_today(res.site_id)).days
    if ahead >= plan.free_cancellation_days:
        return Decimal("0.00")
    return stay_price(res, nights[: plan.cancellation_fee_nights])
