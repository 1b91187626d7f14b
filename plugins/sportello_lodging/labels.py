"""Words lodging shows inside its messages and folios, in the client's language: reservation
status words (``{current:it}`` in a message template formats a ``StatusWord`` in Italian) and
the labels of the folio lines lodging posts itself."""

from __future__ import annotations

import datetime as dt

from sportello_lodging.messages import MESSAGES

STATUS_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "draft": "draft",
        "confirmed": "confirmed",
        "checked_in": "checked in",
        "checked_out": "checked out",
        "cancelled": "cancelled",
        "no_show": "a no-show",
    },
    "it": {
        "draft": "in bozza",
        "confirmed": "confermata",
        "checked_in": "in corso",
        "checked_out": "conclusa",
        "cancelled": "annullata",
        "no_show": "un mancato arrivo",
    },
    "es": {
        "draft": "en borrador",
        "confirmed": "confirmada",
        "checked_in": "en curso",
        "checked_out": "finalizada",
        "cancelled": "cancelada",
        "no_show": "una no presentación",
    },
    "el": {
        "draft": "πρόχειρη",
        "confirmed": "επιβεβαιωμένη",
        "checked_in": "σε εξέλιξη",
        "checked_out": "ολοκληρωμένη",
        "cancelled": "ακυρωμένη",
        "no_show": "μη εμφάνιση",
    },
}


class StatusWord(str):
    """A status code that a message template formats in its language: ``{current:it}``."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        if not spec:
            return str(self)
        return STATUS_WORDS.get(spec, STATUS_WORDS["en"]).get(str(self), str(self))


def text(language: str, key: str, **params: object) -> str:
    template = MESSAGES.get(language, {}).get(key) or MESSAGES["en"][key]
    return template.format(**params)


#: Charge codes whose lines lodging posts, and their label's message key.
CODE_LABELS = {
    "ROOM_NIGHT": "lodging.label.room_night",
    "CITY_TAX": "lodging.label.city_tax",
    "CANCELLATION_FEE": "lodging.label.cancellation_fee",
    "NO_SHOW_FEE": "lodging.label.no_show_fee",
}
KIND_LABELS = {
    "payment": "lodging.label.payment",
    "deposit": "lodging.label.deposit",
}


def folio_label(
    language: str,
    *,
    kind: str,
    charge_code: str,
    description: str,
    night: dt.date | None,
    method: str,
    reverses: bool,
) -> str:
    """The line as the folio prints it in ``language``: lodging's own lines translated, an
    extra's description as typed."""
    night_text = night.isoformat() if night is not None else ""
    if kind in KIND_LABELS:
        credit = "lodging.label.refund" if reverses else KIND_LABELS[kind]
        return text(language, credit, method=method or "-")
    code = CODE_LABELS.get(charge_code)
    if code is None:
        base = description.removeprefix("Void: ") if reverses else description
    else:
        base = text(language, code, night=night_text).strip()
    return text(language, "lodging.label.void", line=base) if reverses else base
