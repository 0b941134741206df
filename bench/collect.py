"""Time the collection round through Excel with the real commands.

    python bench/collect.py [--units 30] [--rows 500] [--runs 3] [--json]

Setup (bench/generate.py): a synthetic registry of --rows tasks plus 30 that
carry a ledger of 2,000 events by 5 authors; a 分工 in which --units units
lead the --rows fresh tasks in turn (each supported by the next unit).
Measured, each as a whole `gwr` process:
1. `gwr collect template --all`: one workbook per unit (median of --runs);
2. every unit fills its lead rows (value, status, three texts, date) with
   openpyxl, then one `gwr collect import` of all the workbooks records the
   --rows rows; importing them again (nothing new: every row read and
   validated, nothing written); a corrected re-submission of every row.
The ledger is only appended to: the other authors' files keep their bytes and
the importer's file after the re-submission starts with its bytes before it
(`ledger_only_grew`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

from gwr_cli.collect import COLUMNS

BENCH = Path(__file__).resolve().parent
FRESH_AFTER = 30  # tasks task-00000..00029 carry the generated ledger


def gwr_command() -> list[str]:
    found = shutil.which("gwr", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "gwr_cli"]


def run(env: dict[str, str], *args: str) -> float:
    """One gwr process; its wall time in milliseconds (raises if it fails)."""
    start = time.perf_counter()
    done = subprocess.run([*gwr_command(), *args], env=env, capture_output=True, text=True)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise SystemExit(f"gwr {' '.join(args)} failed:\n{done.stderr}")
    return elapsed


def setup(folder: Path, units: int, rows: int) -> tuple[dict[str, str], dict[str, float | None]]:
    subprocess.run(
        [sys.executable, str(BENCH / "generate.py"), str(folder), "--tasks",
         str(rows + FRESH_AFTER), "--events", "2000", "--authors", "5", "--reserve", str(rows)],
        check=True, capture_output=True,
    )  # fmt: skip
    import tomllib

    registry = tomllib.loads((folder / "tasks.toml").read_text(encoding="utf-8"))
    targets = {t["id"]: t.get("target") for t in registry["tasks"]}
    names = [f"第{n + 1:02d}单位" for n in range(units)]
    lines = ["schema = 1\n"]
    for index in range(rows):
        task = f"task-{FRESH_AFTER + index:05d}"
        lead, partner = names[index % units], names[(index + 1) % units]
        extra = f'partners = ["{partner}"]\n' if partner != lead else ""
        lines.append(f'[[assignments]]\ntask = "{task}"\nlead = ["{lead}"]\n{extra}')
    home = folder / "home"
    (home / "assignments.toml").write_text("\n".join(lines), encoding="utf-8")
    env = {**os.environ, "GWR_HOME": str(home), "GWR_REGISTRY": str(folder / "tasks.toml"),
           "GWR_USER": "bench", "GWR_LANG": "zh"}  # fmt: skip
    return env, targets


def fill_lead_rows(folder: Path, targets: dict[str, float | None], share: float) -> list[Path]:
    """Each unit types its lead rows: share of the target (or share as a percent)."""
    column = {name: index + 1 for index, name in enumerate(COLUMNS)}
    filled = []
    for path in sorted(folder.glob("*.xlsx")):
        workbook = openpyxl.load_workbook(path)
        sheet = workbook.worksheets[0]
        for number in range(3, sheet.max_row + 1):
            task = sheet.cell(number, column["id"]).value
            if not str(sheet.cell(number, column["task"]).value).endswith("（牵头）"):
                continue
            target = targets[task]
            value = round(target * share, 2) if target else round(100 * share)
            for key, typed in (
                ("value", value), ("status", "推进中"), ("note", f"{task}完成第一阶段"),
                ("problems", "征地拆迁滞后"), ("next", "协调街道加快推进"),
                ("date", dt.datetime(2021, 5, 20)),
            ):  # fmt: skip
                sheet.cell(number, column[key]).value = typed
        target_path = folder.parent / f"filled-{share}" / path.name
        target_path.parent.mkdir(exist_ok=True)
        workbook.save(target_path)
        filled.append(target_path)
    return filled


def ledger_state(ledger: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in ledger.glob("*.toml")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=30)
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        env, targets = setup(folder, args.units, args.rows)
        templates = folder / "templates"
        template_args = ("collect", "template", "--all", "--month", "2021-05",
                         "--output", str(templates))  # fmt: skip
        run(env, *template_args)  # warm-up (and the parse caches)
        template_ms = statistics.median(run(env, *template_args) for _ in range(args.runs))
        written = len(list(templates.glob("*.xlsx")))
        first = [str(p) for p in fill_lead_rows(templates, targets, 0.4)]
        ledger = Path(env["GWR_HOME"]) / "ledger"
        before = ledger_state(ledger)
        import_ms = run(env, "collect", "import", *first)
        after_first = ledger_state(ledger)
        again_ms = run(env, "collect", "import", *first)
        unchanged = ledger_state(ledger) == after_first
        second = [str(p) for p in fill_lead_rows(templates, targets, 0.6)]
        resubmit_ms = run(env, "collect", "import", *second)
        after = ledger_state(ledger)
        mine = [name for name in after if name.startswith("bench.")]
        grew = all(after[name] == data for name, data in before.items()) and all(
            after[name].startswith(after_first[name]) and len(after[name]) > len(after_first[name])
            for name in mine
        )
        events = sum(after[name].count(b"\n[[events]]") for name in mine)
    result = {
        "units": args.units,
        "workbooks": written,
        "template_all_ms": round(template_ms, 1),
        "template_per_unit_ms": round(template_ms / max(written, 1), 1),
        "rows": args.rows,
        "import_ms": round(import_ms, 1),
        "import_per_row_ms": round(import_ms / args.rows, 2),
        "reimport_nothing_new_ms": round(again_ms, 1),
        "reimport_recorded_nothing": unchanged,
        "resubmission_ms": round(resubmit_ms, 1),
        "events_recorded": events,
        "ledger_only_grew": grew,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"gwr collect template --all: {written} workbooks in {result['template_all_ms']} ms "
              f"({result['template_per_unit_ms']} ms each)")  # fmt: skip
        print(f"gwr collect import of {written} workbooks, {args.rows} filled rows: "
              f"{result['import_ms']} ms ({result['import_per_row_ms']} ms per row)")  # fmt: skip
        print(f"the same files again (nothing new, nothing written: {unchanged}): "
              f"{result['reimport_nothing_new_ms']} ms")  # fmt: skip
        print(f"a corrected re-submission of every row: {result['resubmission_ms']} ms; "
              f"{events} events recorded; ledger only appended to: {grew}")  # fmt: skip
    return 0 if grew and unchanged and events == 2 * args.rows else 1


if __name__ == "__main__":
    sys.exit(main())
