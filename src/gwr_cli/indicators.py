"""Pure: the year's indicators (GDP growth and the rest) and their latest values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from gwr_cli.errors import InputError
from gwr_cli.events import Event
from gwr_cli.records import Record
from gwr_cli.registry import Indicator, Registry
from gwr_cli.status import effective_events


class Reading(Record):
    indicator: Indicator
    value: float | None  # latest recorded value as of the date
    on: dt.date | None
    note: str
    by: str

    @property
    def met(self) -> bool | None:
        """Whether the latest value meets the target; None before any value."""
        if self.value is None:
            return None
        return is_met(self.indicator.comparator, self.value, self.indicator.target)


def is_met(comparator: str, value: float, target: float) -> bool:
    if comparator == ">=":
        return value >= target
    if comparator == "<=":
        return value <= target
    return value > target


def readings(registry: Registry, events: Iterable[Event], as_of: dt.date) -> list[Reading]:
    latest: dict[str, Event] = {}
    for event in effective_events(events, as_of):
        if event.action == "indicator":
            latest[event.task] = event  # effective_events is in chronological order
    result = []
    for indicator in registry.indicators:
        event = latest.get(indicator.id)
        result.append(
            Reading(
                indicator=indicator,
                value=event.value if event else None,
                on=event.on if event else None,
                note=event.note if event else "",
                by=event.by if event else "",
            )
        )
    return result


def latest_value(events: Iterable[Event], indicator_id: str, as_of: dt.date | None) -> float | None:
    """The indicator's latest recorded value as of a date (None: every event),
    undo counted; None before any value."""
    value = None
    for event in effective_events(events, as_of):
        if event.action == "indicator" and event.task == indicator_id:
            value = event.value
    return value


def parse_indicator_value(text: str) -> float:
    """A measured value; growth rates may be negative, a trailing % is allowed.
    Full-width digits, signs and ％ (a Chinese input method) read as ASCII.
    Held to the rule of every typed number (events.parse_number): 6.5, -1.2,
    1e3; at most 15 significant digits. InputError otherwise."""
    import unicodedata

    from gwr_cli.events import NumberRefused, parse_number

    raw = unicodedata.normalize("NFKC", text).strip().removesuffix("%").strip()
    try:
        return parse_number(raw)
    except NumberRefused as refused:
        from gwr_cli.messages import Quoted  # worded at the exit point

        raise InputError(
            "indicator.bad_number", value=Quoted(text), problem=refused.problem
        ) from None
