"""Loading a registry: from the cache when the file and its report text are
unchanged since they were last validated, else validated afresh
(registry_check) and cached as rows derived from the record types."""

from __future__ import annotations

from pathlib import Path

from gwr_cli.errors import RegistryError
from gwr_cli.messages import Msg
from gwr_cli.registry import Area, Collection, Indicator, Registry, Report, Task

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import Any


def load_registry(path: Path, cache_dir: Path | None = None) -> Registry:
    """Load a registry or raise RegistryError naming the first problem.

    With a cache_dir, a registry validated before and unchanged since (and its
    report text) is loaded from the cache instead of parsed again.
    """
    if cache_dir is not None:
        cached = _load_cached(path, cache_dir)
        if cached is not None:
            return cached
    try:
        before = path.stat()
    except OSError:
        before = None
    # Validation (three modules) is imported only when the cache cannot answer.
    from gwr_cli.registry_check import _validate

    registry, problems = _validate(path)
    if registry is None:
        more = Msg("reg.more", count=len(problems) - 1) if len(problems) > 1 else ""
        raise RegistryError("reg.first", problem=problems[0], more=more)
    if cache_dir is not None and before is not None:
        _store_cached(registry, before, cache_dir)
    return registry


# --- the cache: a validated registry as plain values ------------------------------


def _codecs() -> dict[str, Any]:
    """Row encodings derived from the record types (see cache.RowCodec)."""
    from gwr_cli import cache

    # Task fields whose values repeat across tasks (always str: TOML has no
    # null) are stored as one string each, which marshal writes once and then
    # refers back to: the cached registry loads in about two thirds of the time
    # at 10,000 tasks.
    repeated = ("area", "deadline", "unit", "unit_en", "milestone", "milestone_en", "zone",
                "lead", "investment_kind")  # fmt: skip
    rows = {
        kind.__name__: cache.RowCodec(kind, repeated if kind is Task else ())
        for kind in (Report, Area, Task, Indicator)
    }
    # "-shared": entries written before equal strings were stored once are
    # rewritten once, so that every cache gets the smaller form (_shared_strings).
    rows["fingerprint"] = cache.fingerprint(*rows.values()) + "-shared"
    return rows


def _store_cached(registry: Registry, registry_stat: Any, cache_dir: Path) -> None:
    from gwr_cli import cache

    try:
        text_stat = registry.report.text_path.stat()
    except OSError:
        return
    rows = _codecs()
    payload = (
        rows["Report"].to_row(registry.report),
        [rows["Area"].to_row(a) for a in registry.areas.values()],
        _shared_strings([rows["Task"].to_row(t) for t in registry.tasks]),
        [rows["Indicator"].to_row(i) for i in registry.indicators],
        registry.tolerance,
        (registry.yellow, registry.red, registry.red_after_days),
        tuple(registry.collection),
    )
    entry = (
        str(registry.path),
        list(cache.identity_to_keep(registry_stat)),
        str(registry.report.text_path),
        list(cache.identity_to_keep(text_stat)),
        payload,
    )
    cache.store(cache.entry_path(cache_dir, "registry", registry.path), entry, rows["fingerprint"])


def _shared_strings(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows with equal strings made one object, which marshal writes once
    and then refers back to: a title is often its source quote word for word
    (22 of the shipped registry's 73 tasks), or the English title the Chinese
    one, and a string read once is a string decoded once on every load."""
    seen: dict[str, str] = {}
    return [
        tuple(seen.setdefault(value, value) if type(value) is str else value for value in row)
        for row in rows
    ]


def _load_cached(path: Path, cache_dir: Path) -> Registry | None:
    from gwr_cli import cache

    rows = _codecs()
    entry = cache.load(cache.entry_path(cache_dir, "registry", path), rows["fingerprint"])
    try:
        if not entry or entry[0] != str(path):
            return None
        if entry[1] != list(cache.identity(path.stat())):
            return None
        if entry[3] != list(cache.identity(Path(entry[2]).stat())):
            return None
        report, areas, tasks, indicators, tolerance, lights, collection = entry[4]
        area_records = rows["Area"].from_rows(areas)
        return Registry(
            path=path,
            report=rows["Report"].from_row(report),
            areas={area.key: area for area in area_records},
            tasks=tuple(rows["Task"].from_rows(tasks)),
            indicators=tuple(rows["Indicator"].from_rows(indicators)),
            tolerance=tolerance,
            yellow=lights[0],
            red=lights[1],
            red_after_days=lights[2],
            collection=Collection(*collection),
        )
    except (OSError, TypeError, ValueError, IndexError):
        return None
