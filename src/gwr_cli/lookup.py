"""Turn what a user typed into a registry entry, or a helpful error.

Exact id first, then a unique prefix; otherwise "did you mean" suggestions
drawn from near spellings and from ids and titles that contain the text.
Case does not matter: ids, area keys and choices are lowercase by the
registry's rules, so `SEWER`, `Sewer` and `sewer` name the same task.
"""

from __future__ import annotations

from collections.abc import Sequence

from gwr_cli.errors import InputError
from gwr_cli.messages import Listing, Msg, Quoted
from gwr_cli.registry import Indicator, Registry, Task

# The kinds of names a user types; each has a message "kind.<kind>".
KINDS = ("task", "indicator", "area", "status", "schedule")


def _likeness(typed: str, candidate: str) -> float:
    """How close a typo is to an id, its start, or one of its hyphenated words."""
    import difflib

    parts = [candidate, candidate[: len(typed)], *candidate.split("-")]
    return max(difflib.SequenceMatcher(None, typed, part).ratio() for part in parts)


def _suggest(typed: str, ids: Sequence[str], titles: dict[str, str]) -> list[str]:
    if not typed:
        return []
    scored = sorted(((_likeness(typed, i), i) for i in ids), reverse=True)
    close = [i for score, i in scored if score >= 0.75]
    containing = [i for i in ids if typed in i or typed in titles.get(i, "")]
    return list(dict.fromkeys(close + containing))[:3]


# The command that lists each kind's ids (areas and indicators are not in `gwr list`).
_LISTS = {"task": "gwr list", "area": "gwr areas", "indicator": "gwr indicator list"}


def _resolve(typed: str, ids: Sequence[str], titles: dict[str, str], kind: str) -> str:
    shown = typed.strip()  # errors quote what the user typed
    typed = shown.lower()
    if typed in titles:
        return typed
    matches = [i for i in ids if i.startswith(typed)] if typed else []
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        more = Msg("lookup.more") if len(matches) > 6 else ""
        raise InputError(
            "lookup.ambiguous",
            kind=Msg(f"kind.{kind}"),
            typed=Quoted(shown),
            matches=Listing(matches[:6]),
            more=more,
        )
    suggestions = _suggest(typed, ids, titles)
    hint = (
        Msg("lookup.did_you_mean", ids=Listing([Quoted(s) for s in suggestions], final_or=True))
        if suggestions
        else Msg("lookup.see_list", kind=Msg(f"kind.{kind}"), command=_LISTS[kind])
    )
    raise InputError("lookup.unknown", kind=Msg(f"kind.{kind}"), typed=Quoted(shown), hint=hint)


def resolve_task(registry: Registry, typed: str) -> Task:
    key = typed.strip().lower()
    if registry.task(key) is None and registry.indicator(key) is not None:
        # `gwr show gdp-growth`: an indicator's id, said so rather than "unknown task".
        raise InputError("lookup.is_indicator", typed=Quoted(typed))
    return _resolve_entry(registry.tasks, registry.task, typed, "task")


def resolve_indicator(registry: Registry, typed: str) -> Indicator:
    key = typed.strip().lower()
    if registry.indicator(key) is None and registry.task(key) is not None:
        raise InputError("lookup.is_task", typed=Quoted(typed))
    return _resolve_entry(registry.indicators, registry.indicator, typed, "indicator")


def _resolve_entry(entries, find, typed: str, kind: str):
    """The task or indicator (`kind`) among `entries` that `typed` names (see
    `_resolve`; titles feed the suggestions); `find` looks the chosen id up."""
    # An exact id (the common case) is found without listing 10,000 ids and titles.
    exact = find(typed.strip().lower())
    if exact is not None:
        return exact
    ids = [e.id for e in entries]
    titles = {e.id: f"{e.title} {e.title_en.lower()}" for e in entries}
    found = find(_resolve(typed, ids, titles, kind))
    assert found is not None
    return found


def resolve_area(registry: Registry, typed: str) -> str:
    keys = list(registry.areas)
    names = {k: f"{a.name} {a.name_en.lower()}" for k, a in registry.areas.items()}
    for key, area in registry.areas.items():  # people also type the Chinese name
        if typed in (area.name, area.name_en):
            return key
    return _resolve(typed, keys, names, "area")


def resolve_choice(typed: str, choices: Sequence[str], kind: str) -> str:
    shown, typed = typed, typed.strip().lower()
    if typed in choices:
        return typed
    import difflib

    close = difflib.get_close_matches(typed, choices, n=1, cutoff=0.5)
    hint = Msg("lookup.did_you_mean", ids=Quoted(close[0])) if close else ""
    raise InputError(
        "lookup.unknown_choice",
        kind=Msg(f"kind.{kind}"),
        typed=Quoted(shown),
        hint=hint,
        choices=Listing(list(choices)),
    )
