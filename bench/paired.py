"""Before/after: two gwr installations on two copies of the same data, run alternately.

    python bench/paired.py BEFORE_GWR AFTER_GWR DATA [--runs 7] [--cold-runs 3]
                           [--only status,list,...]

DATA is a folder written by bench/generate.py (with --reserve 40); it is copied
twice, one copy per installation, so that recording commands never meet.
Each command runs once per side to warm up, then `--runs` times per side, the
two sides alternating (which goes first alternates too); the cold `status`
deletes the cache before each run. Printed: median wall ms and peak MB of each
side, and the median of the paired after/before ratios. When DATA has a 分工
file (bench/generate.py --units), the commands that read it run too.
`--only` names the commands to run (as printed, separated by ',' or ';':
`--only "status, cold"` runs the cold one alone), `--cold-runs 0` skips it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import run_once, settle


def chosen(only: str, names: list[str]) -> list[str]:
    """The command names `--only` asks for, in the order of `names`.

    Names are separated by ';', or by ',' when there is no ';' — but a name
    that itself holds a comma ("status, cold") is matched whole first, so
    `--only "status, cold"` and `--only "list,status, cold"` work too.
    Surrounding spaces do not count.
    """
    if ";" in only:
        return [name for name in names if name in {part.strip() for part in only.split(";")}]
    rest = only
    picked = set()
    for name in sorted(names, key=len, reverse=True):  # "status, cold" before "status"
        parts = [part.strip() for part in rest.split(",")]
        width = name.count(",") + 1
        for start in range(len(parts) - width + 1):
            if ", ".join(parts[start : start + width]) == name:
                picked.add(name)
                del parts[start : start + width]
                rest = ",".join(parts)
                break
    return [name for name in names if name in picked]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("data", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument(
        "--only",
        help="command names as printed, separated by ',' or ';' (e.g. 'status, cold;list')",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="gwr-paired-"))
    sides = {}
    for name, binary in (("before", args.before), ("after", args.after)):
        shutil.copytree(args.data, work / name)
        env = {**os.environ, "GWR_HOME": str(work / name / "home"),
               "GWR_REGISTRY": str(work / name / "tasks.toml"), "GWR_USER": "bench",
               "GWR_LANG": "zh", "GWR_LOCK_TIMEOUT": "60"}  # fmt: skip
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        sides[name] = (binary, env)
    settle()  # both copies older than gwr's racy window (cache.RACY_NS)
    tasks = tomllib.loads((args.data / "tasks.toml").read_text(encoding="utf-8"))["tasks"]
    reserved = tasks[-40:]
    numeric = max((t for t in reserved if "target" in t), key=lambda t: t["target"])
    done_ids = [t["id"] for t in reserved if t is not numeric][: args.runs + 1]
    n = args.runs + 1
    commands = {
        "status": [["status"]] * n,
        "list": [["list"]] * n,
        "list --area": [["list", "--area", tasks[0]["area"]]] * n,
        "show": [["show", tasks[0]["id"]]] * n,
        "summary": [["summary", "--week", "2021-W40"]] * n,
        "export": [["export"]] * n,
        "done": [["done", t, "--on", "2021-11-01"] for t in done_ids],
        "progress": [
            [
                "progress",
                numeric["id"],
                f"{numeric['target'] * (i + 1) / (n + 2):g}",
                "--on",
                "2021-11-01",
            ]
            for i in range(n)
        ],
        "status, cold": [["status"]] * (args.cold_runs + 1),
    }
    if (args.data / "home" / "assignments.toml").exists():
        commands |= {
            "status --by unit": [["status", "--by", "unit"]] * n,
            "units": [["units"]] * n,
            "summary --month": [["summary", "--month", "2021-10"]] * n,
            "collect status": [["collect", "status", "--month", "2021-10"]] * n,
        }
    if not args.cold_runs:
        del commands["status, cold"]
    if args.only:
        commands = {name: commands[name] for name in chosen(args.only, list(commands))}
    print(f"{'command':<14} {'before':>9} {'after':>9} {'after/before':>13} {'peak MB':>15}")
    for command, argvs in commands.items():
        times = {"before": [], "after": []}
        peaks = {"before": 0.0, "after": 0.0}
        for index, argv in enumerate(argvs):
            order = ("before", "after") if index % 2 else ("after", "before")
            for name in order:
                binary, env = sides[name]
                if command.endswith("cold"):
                    shutil.rmtree(Path(env["GWR_HOME"]) / "cache", ignore_errors=True)
                elapsed, peak = run_once([binary, *argv], env)
                if index:  # the first is the warm-up
                    times[name].append(elapsed * 1000)
                    peaks[name] = max(peaks[name], peak)
        pairs = zip(times["after"], times["before"], strict=True)
        ratio = statistics.median(a / b for a, b in pairs)
        b, a = statistics.median(times["before"]), statistics.median(times["after"])
        print(f"{command:<14} {b:7.0f}ms {a:7.0f}ms {ratio:12.2f}x "
              f"{peaks['before']:6.1f} -> {peaks['after']:5.1f}", flush=True)  # fmt: skip
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
