"""Time whole `gwr` processes against floors measured in the same run.

    python bench/run.py [--runs 7] [--tasks 10000] [--events 100000] [--json]
                        [--workdir DIR] [--skip-growth] [--check]

For each size — the shipped registry with a year of weekly updates, a synthetic
registry of --tasks tasks with --events events, and (for growth) the same
registry with twice the events — every command runs once to warm up, then
--runs times. Reported: median and spread (min-max) of wall time, peak memory
of the process, the ratio to its floor, and the budget it is held to.

Floors: `python -c "import typer, rich.console, rich.table"` for commands that
draw a table, `python -c "import typer"` for the others.

When Taskwarrior's `task` is installed (Debian: `apt-get install taskwarrior`),
the synthetic size is also compared with it on matched data (bench/taskwarrior.py:
same tasks, same number of modifications, same done count): gwr and `task`
run alternately (paired whole processes), and each gwr/TW ratio is printed
with its budget. Without `task` (or with --skip-taskwarrior) the rest runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESERVED = 40  # tasks the generator leaves untouched, for `done` and `progress` runs

RENDERING = {"list", "list --area", "status", "show", "status --by unit", "units", "collect status"}
FLOOR_RENDER = [sys.executable, "-c", "import typer, rich.console, rich.table"]
FLOOR_PLAIN = [sys.executable, "-c", "import typer"]


@dataclass
class Row:
    size: str
    command: str
    median_ms: float
    min_ms: float
    max_ms: float
    peak_mb: float
    floor_ms: float
    ratio: float
    budget: str
    ok: bool


def gwr_command() -> list[str]:
    script = shutil.which("gwr", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "gwr_cli"]


# A child forked from this (large) Python starts with its resident pages, and
# the kernel counts them in the child's peak. GNU time is a small parent, so its
# figure is the command's own; without it, wait4's figure is an upper bound.
GNU_TIME = shutil.which("time", path="/usr/bin:/bin")


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one process."""
    command = [GNU_TIME, "-f", "%M", *argv] if GNU_TIME else argv
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    errors = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(argv)}\n{errors}")
    if GNU_TIME:
        peak_kb = float(errors.strip().splitlines()[-1])
    else:
        peak_kb = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss / 1024
    return elapsed, peak_kb / 1024


def measure(argvs: list[list[str]], env: dict[str, str]) -> tuple[list[float], float]:
    """Run argvs[0] as warm-up, then the rest; times in ms and the peak MB."""
    run_once(argvs[0], env)
    times, peak = [], 0.0
    for argv in argvs[1:]:
        elapsed, mb = run_once(argv, env)
        times.append(elapsed * 1000)
        peak = max(peak, mb)
    return times, peak


def generate(out: Path, *extra: str) -> None:
    subprocess.run([sys.executable, str(HERE / "generate.py"), str(out), *extra], check=True)
    settle()


# gwr_cli.cache.RACY_NS in seconds (held equal by tests/test_bench.py): the
# harness may run under another gwr than the ones it measures (paired.py).
RACY_SECONDS = 3


def settle() -> None:
    """Wait until the files just written are older than gwr's racy window
    (cache.RACY_NS): a file changed within it is read again by its bytes on
    the next command, a cost of the first seconds after a change (a pull, a
    copy, an edit) that a warm measurement leaves out."""
    time.sleep(RACY_SECONDS)


@dataclass
class Size:
    label: str
    registry: Path
    home: Path
    area: str
    show_id: str
    reserved: list[str]
    numeric_reserved: str
    numeric_target: float
    doubled: bool = False


def prepare_size(
    label: str, folder: Path, generate_args: list[str], registry: Path | None, doubled: bool = False
) -> Size:
    generate(folder, *generate_args)
    registry = registry or folder / "tasks.toml"
    tasks = tomllib.loads(registry.read_text(encoding="utf-8"))["tasks"]
    reserved = [t["id"] for t in tasks[-RESERVED:]]
    numeric = max((t for t in tasks[-RESERVED:] if "target" in t), key=lambda t: t["target"])
    return Size(
        label=label,
        registry=registry,
        home=folder / "home",
        area=tasks[0]["area"],
        show_id=tasks[0]["id"],
        reserved=reserved,
        numeric_reserved=numeric["id"],
        numeric_target=numeric["target"],
        doubled=doubled,
    )


def commands_for(size: Size, runs: int) -> dict[str, list[list[str]]]:
    base = gwr_command()
    done_ids = [t for t in size.reserved if t != size.numeric_reserved][: runs + 1]
    if len(done_ids) < runs + 1:
        raise SystemExit(f"--runs {runs} needs more reserved tasks than {RESERVED}")
    same = lambda *args: [[*base, *args]] * (runs + 1)  # noqa: E731
    return {
        "list": same("list"),
        "list --area": same("list", "--area", size.area),
        "status": same("status"),
        "show": same("show", size.show_id),
        "summary": same("summary", "--week", "2021-W40"),
        "export": same("export"),
        "done": [[*base, "done", task, "--on", "2021-11-01"] for task in done_ids],
        "progress": [  # rising values that stay below the target
            [*base, "progress", size.numeric_reserved, f"{value:g}", "--on", "2021-11-01"]
            for value in (size.numeric_target * (i + 1) / (runs + 3) for i in range(runs + 1))
        ],
        # the commands that read the 分工 file (every size has one: --units)
        "status --by unit": same("status", "--by", "unit"),
        "units": same("units"),
        "summary --month": same("summary", "--month", "2021-10"),
        "collect status": same("collect", "status", "--month", "2021-10"),
    }


def budget_for(size: Size, command: str) -> tuple[str, float | None, float | None]:
    """(description, max ratio to floor, max milliseconds)."""
    if size.label == "shipped":
        return "<= 1.2x floor", 1.2, None
    if size.doubled:
        return "(growth, below)", None, None
    if command in ("done", "progress"):
        return "< 300 ms", None, 300.0
    if command in ("list", "list --area", "status", "summary"):
        return "< 600 ms", None, 600.0
    return "(measured)", None, None


def _bench_env(size: Size, home: Path | None = None) -> dict[str, str]:
    env = {
        **os.environ,
        "GWR_HOME": str(home or size.home),
        "GWR_REGISTRY": str(size.registry),
        "GWR_USER": "bench",
        "GWR_LANG": "zh",
        "GWR_LOCK_TIMEOUT": "60",
    }
    env.pop("NO_COLOR", None)
    # pip compiles bytecode when it installs gwr; an editable checkout under
    # PYTHONDONTWRITEBYTECODE would instead compile every module on every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("TASKRC", None)
    return env


def bench_size(size: Size, runs: int, floors: dict[str, float]) -> list[Row]:
    env = _bench_env(size)
    rows = []
    for command, argvs in commands_for(size, runs).items():
        times, peak = measure(argvs, env)
        floor = floors["render" if command in RENDERING else "plain"]
        median = statistics.median(times)
        description, max_ratio, max_ms = budget_for(size, command)
        ratio = median / floor
        ok = (max_ratio is None or ratio <= max_ratio) and (max_ms is None or median < max_ms)
        if size.label != "shipped" and not size.doubled:
            ok = ok and peak < 150
            description += ", < 150 MB"
        rows.append(
            Row(
                size.label,
                command,
                median,
                min(times),
                max(times),
                peak,
                floor,
                ratio,
                description,
                ok,
            )
        )
    return rows


@dataclass
class PairRow:
    command: str  # gwr's command; Taskwarrior's in `theirs`
    theirs: str
    gwr_ms: float
    tw_ms: float
    ratio: float  # median of the paired gwr/TW ratios
    gwr_peak_mb: float
    budget: float
    ok: bool


def compare_taskwarrior(size: Size, runs: int, folder: Path) -> list[PairRow]:
    """gwr and Taskwarrior on matched data, run alternately; warm (one warm-up each)."""
    sys.path.insert(0, str(HERE))
    import taskwarrior
    from gwr_cli.ledger import read_ledger
    from gwr_cli.registry_load import load_registry
    from gwr_cli.status import task_states

    home = folder / "gwr-home"
    # A kept --workdir holds the last comparison: start it afresh from this run's data.
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(size.home, home)  # the benchmark's own runs append to size.home
    settle()
    registry = load_registry(size.registry)
    events = read_ledger(home / "ledger").events
    done = {k for k, s in task_states(registry, events, None).items() if s.status == "done"}
    records = tomllib.loads(size.registry.read_text(encoding="utf-8"))["tasks"]
    data = taskwarrior.write_matched(folder / "taskwarrior", records, list(events), done)
    import uuid

    reserved = [t for t in size.reserved if t != size.numeric_reserved]
    reserved_uuids = [str(uuid.uuid5(uuid.NAMESPACE_URL, t)) for t in reserved]
    theirs = taskwarrior.commands(data, runs, reserved_uuids)
    ours = commands_for(size, runs)
    env = _bench_env(size, home)
    rows = []
    for command, (their_name, budget) in taskwarrior.GOALS.items():
        pairs = list(zip(ours[command], theirs[command], strict=True))
        run_once(pairs[0][0], env)
        run_once(pairs[0][1], env)
        gwr_times, tw_times, peak = [], [], 0.0
        for gwr_argv, tw_argv in pairs[1:]:
            elapsed, mb = run_once(gwr_argv, env)
            gwr_times.append(elapsed * 1000)
            peak = max(peak, mb)
            tw_times.append(run_once(tw_argv, env)[0] * 1000)
        ratio = statistics.median(g / t for g, t in zip(gwr_times, tw_times, strict=True))
        rows.append(
            PairRow(command, their_name, statistics.median(gwr_times),
                    statistics.median(tw_times), ratio, peak, budget, ratio <= budget)
        )  # fmt: skip
    return rows


def print_pairs(rows: list[PairRow], label: str) -> None:
    print(f"\nTaskwarrior ({label}, matched data, paired runs, warm):")
    print(f"{'gwr':<10} {'task':<8} {'gwr':>9} {'task':>9} {'gwr/TW':>7}  budget")
    for r in rows:
        mark = "ok" if r.ok else "OVER"
        print(
            f"{r.command:<10} {r.theirs:<8} {r.gwr_ms:7.1f}ms {r.tw_ms:7.1f}ms "
            f"{r.ratio:6.2f}x  <= {r.budget}x {mark}"
        )


def growth_rows(base: list[Row], doubled: list[Row]) -> list[Row]:
    """Read commands may grow at most linearly when the events double."""
    rows = []
    doubled_by_command = {row.command: row for row in doubled}
    for row in base:
        if row.command in ("done", "progress"):
            continue
        other = doubled_by_command[row.command]
        ratio = other.median_ms / row.median_ms
        # status and list read the folded state: they must not grow with events
        # (1.3x leaves room for a shared machine's noise); others at most linearly.
        flat = row.command in ("status", "list", "list --area")
        limit = 1.3 if flat else 2.0
        rows.append(
            Row(
                "growth 2x events",
                row.command,
                other.median_ms,
                other.min_ms,
                other.max_ms,
                other.peak_mb,
                row.median_ms,
                ratio,
                f"<= {limit}x the 1x time" + (" (flat)" if flat else ""),
                ratio <= limit,
            )
        )
    return rows


def print_table(rows: list[Row], floors: dict[str, float]) -> None:
    print(
        f"floors: import typer {floors['plain']:.1f} ms; "
        f"import typer, rich.console, rich.table {floors['render']:.1f} ms"
    )
    header = (
        f"{'size':<18} {'command':<12} {'median':>8} {'min-max':>15} {'peak':>8} "
        f"{'vs':>9} {'ratio':>6}  budget"
    )
    print(header)
    print("-" * len(header) + "-" * 12)
    for r in rows:
        spread = f"{r.min_ms:.0f}-{r.max_ms:.0f}"
        mark = "ok" if r.ok else "OVER"
        print(
            f"{r.size:<18} {r.command:<12} {r.median_ms:6.1f}ms {spread:>13}ms "
            f"{r.peak_mb:6.1f}MB {r.floor_ms:7.1f}ms {r.ratio:5.2f}x  {r.budget} {mark}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument(
        "--shipped-events",
        type=int,
        default=2_000,
        help="events on the shipped registry (a year of weekly updates)",
    )
    parser.add_argument("--skip-growth", action="store_true")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--check", action="store_true", help="exit 1 when a budget is missed")
    parser.add_argument("--workdir", type=Path, help="keep generated data here")
    parser.add_argument(
        "--skip-taskwarrior", action="store_true", help="no comparison even if `task` is installed"
    )
    parser.add_argument(
        "--taskwarrior-only", action="store_true", help="only the comparison with Taskwarrior"
    )
    args = parser.parse_args()

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="gwr-bench-"))
    from gwr_cli.paths import packaged_registry

    shipped = packaged_registry()
    sizes = [
        prepare_size(
            "shipped",
            workdir / "shipped",
            [
                "--registry",
                str(shipped),
                "--events",
                str(args.shipped_events),
                "--authors",
                "5",
                "--reserve",
                str(RESERVED),
                "--units",
                "12",
            ],
            shipped,
        ),
        prepare_size(
            f"{args.tasks}t/{args.events}e",
            workdir / "synthetic",
            [
                "--tasks",
                str(args.tasks),
                "--events",
                str(args.events),
                "--reserve",
                str(RESERVED),
                "--units",
                "60",
            ],
            None,
        ),
    ]
    if not args.skip_growth and not args.taskwarrior_only:
        doubled = workdir / "doubled"
        sizes.append(
            prepare_size(
                f"{args.tasks}t/{2 * args.events}e",
                doubled,
                [
                    "--tasks",
                    str(args.tasks),
                    "--events",
                    str(2 * args.events),
                    "--reserve",
                    str(RESERVED),
                    "--units",
                    "60",
                ],
                None,
                doubled=True,
            )
        )

    floor_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    floors_plain, _ = measure([FLOOR_PLAIN] * (args.runs + 1), floor_env)
    floors_render, _ = measure([FLOOR_RENDER] * (args.runs + 1), floor_env)
    floors = {"plain": statistics.median(floors_plain), "render": statistics.median(floors_render)}

    pairs: list[PairRow] = []
    if not args.skip_taskwarrior and shutil.which("task"):
        pairs = compare_taskwarrior(sizes[1], args.runs, workdir / "compare")
    rows: list[Row] = []
    if args.taskwarrior_only:
        sizes = []
    results = [bench_size(size, args.runs, floors) for size in sizes]
    for result in results:
        rows += result
    if len(results) == 3:
        rows += growth_rows(results[1], results[2])
    if args.json:
        document = {"floors_ms": floors, "rows": [asdict(r) for r in rows],
                    "taskwarrior": [asdict(p) for p in pairs]}  # fmt: skip
        print(json.dumps(document, indent=2))
    else:
        print_table(rows, floors)
        if pairs:
            print_pairs(pairs, f"{args.tasks}t/{args.events}e")
        elif not args.skip_taskwarrior:
            print("\nTaskwarrior: `task` is not installed (apt-get install taskwarrior); skipped")
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    if args.check and not all(r.ok for r in [*rows, *pairs]):
        sys.exit(1)


if __name__ == "__main__":
    main()
