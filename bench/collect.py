"""Time the Excel round trip: templates for every unit, then import of filled rows.

    python bench/collect.py [--units 30] [--rows 500] [--runs 3] [--json]

1. template: one workbook per unit for the shipped registry's 73 tasks, split
   among --units fictional units (each task led by one unit, supported by the
   next), written to a temp folder — what `gwr collect template --all` does.
2. import: a template of --rows synthetic tasks, every row filled in as a unit
   would (value, status, three texts, date), read and validated — what
   `gwr collect import` does before it records; and the same rows from CSV.
Reported: median wall time of --runs runs, and per row for the import. Nothing
here touches a ledger: import's recording is the workspace's append, measured
by bench/run.py.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

from gwr_cli.collect import COLUMNS, Period
from gwr_cli.collect.read import read_submission
from gwr_cli.collect.template import (
    TemplateRow,
    TemplateSpec,
    template_filename,
    write_template,
)
from gwr_cli.collect.validate import TaskFacts, validate_submission
from gwr_cli.paths import packaged_registry
from gwr_cli.registry import load_registry

PERIOD = Period("month", "2021-05", dt.date(2021, 5, 1), dt.date(2021, 5, 31))
TODAY = dt.date(2021, 6, 5)


def timed(runs: int, action) -> float:
    """Median wall time of runs calls, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def unit_specs(units: int) -> list[TemplateSpec]:
    registry = load_registry(packaged_registry())
    names = [f"第{n + 1}单位" for n in range(units)]
    rows: dict[str, list[TemplateRow]] = {name: [] for name in names}
    for index, task in enumerate(registry.tasks):
        for role, owner in (("lead", index % units), ("partner", (index + 1) % units)):
            rows[names[owner]].append(
                TemplateRow(
                    task.id,
                    task.title,
                    task.source,
                    task.deadline,
                    task.target,
                    task.unit,
                    task.milestone,
                    role,
                    "",
                    "",
                    None,
                    "",
                    "green",
                    "",
                )
            )
    for name in names:  # lead tasks first, then the supported ones
        rows[name].sort(key=lambda r: r.role != "lead")
    return [
        TemplateSpec(registry.report.id, registry.report.title, name, PERIOD, "zh", rows[name])
        for name in names
    ]


def bench_templates(units: int, runs: int, folder: Path) -> float:
    specs = unit_specs(units)

    def write_all() -> None:
        for spec in specs:
            write_template(folder / template_filename(spec.unit, PERIOD.key), spec)

    return timed(runs, write_all)


def synthetic(rows: int) -> tuple[TemplateSpec, dict[str, TaskFacts]]:
    template_rows, facts = [], {}
    for n in range(rows):
        task_id = f"task-{n:05d}"
        target = None if n % 3 == 0 else 50.0
        unit = "" if target is None else "公里"
        template_rows.append(
            TemplateRow(
                task_id,
                f"第{n}项任务：新建改建污水管网",
                "新建、改建污水管网50公里",
                dt.date(2021, 12, 31),
                target,
                unit,
                "",
                "lead",
            )
        )
        facts[task_id] = TaskFacts(task_id, target, unit, "in-progress", 10.0)
    spec = TemplateSpec("bench", "基准测试报告", "区水务局", PERIOD, "zh", template_rows)
    return spec, facts


def fill_every_row(path: Path, rows: int) -> None:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    column = {name: COLUMNS.index(name) + 1 for name in COLUMNS}
    for offset in range(rows):
        row = 3 + offset
        sheet.cell(row, column["value"]).value = 20 + offset % 30
        sheet.cell(row, column["status"]).value = "推进中"
        sheet.cell(row, column["note"]).value = f"第{offset}批管网完工，正在验收"
        sheet.cell(row, column["problems"]).value = "征地拆迁滞后"
        sheet.cell(row, column["next"]).value = "协调街道加快推进"
        sheet.cell(row, column["date"]).value = dt.datetime(2021, 5, 25)
    workbook.save(path)


def to_csv(path: Path, target: Path) -> None:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in sheet.iter_rows(values_only=True):
        writer.writerow(
            ["" if v is None else v.date() if isinstance(v, dt.datetime) else v for v in row]
        )
    target.write_text(buffer.getvalue(), encoding="utf-8-sig")


def bench_import(rows: int, runs: int, folder: Path) -> dict[str, float]:
    spec, facts = synthetic(rows)
    path = folder / "filled.xlsx"
    write_template(path, spec)
    fill_every_row(path, rows)
    csv_path = folder / "filled.csv"
    to_csv(path, csv_path)
    unit_tasks = set(facts)
    results = {}
    for label, source, csv_meta in (("xlsx", path, None), ("csv", csv_path, True)):
        meta = read_submission(path, "zh", registry_id="bench").meta._replace(task_ids=None)

        def run(source=source, csv_meta=csv_meta, meta=meta) -> None:
            submission = read_submission(
                source, "zh", registry_id="bench", csv_meta=meta if csv_meta else None
            )
            plan = validate_submission(submission, facts, unit_tasks, TODAY, "zh")
            assert not plan.errors and len(plan.changes) == rows, plan.errors[:3]

        results[label] = timed(runs, run)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=30)
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        template_ms = bench_templates(args.units, args.runs, folder)
        imports = bench_import(args.rows, args.runs, folder)
    result = {
        "units": args.units,
        "template_all_ms": round(template_ms, 1),
        "template_per_unit_ms": round(template_ms / args.units, 1),
        "rows": args.rows,
        "import_xlsx_ms": round(imports["xlsx"], 1),
        "import_csv_ms": round(imports["csv"], 1),
        "import_xlsx_per_row_ms": round(imports["xlsx"] / args.rows, 3),
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"template for {args.units} units: {result['template_all_ms']} ms "
              f"({result['template_per_unit_ms']} ms per unit)")  # fmt: skip
        print(f"import of {args.rows} filled rows (read + validate): "
              f"xlsx {result['import_xlsx_ms']} ms, csv {result['import_csv_ms']} ms")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
