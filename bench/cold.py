"""The cold path: what the first command costs when the cache cannot help.

    python bench/cold.py [--tasks 10000] [--events 100000] [--runs 3] [--workdir DIR]

Measures whole `gwr status` processes on generated data (bench/generate.py):
- `cold`: the cache deleted (a fresh clone, a cleared cache);
- `touched`: every ledger file's modification time changed, bytes the same;
- `recopied`: every ledger file replaced by an identical copy (a checkout);
- `warm`: nothing changed;
and the registry load without a cache at 1,250 to 10,000 tasks (the verbatim
quote check was quadratic). Prints medians in milliseconds; `--json` as data.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import gwr_command, settle  # noqa: E402


def _run(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - started) * 1000


def _median(prepare, argv: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        prepare()
        times.append(_run(argv, env))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    work = args.workdir or Path(os.environ.get("TMPDIR", "/tmp")) / "gwr-bench-cold"
    data = work / f"{args.tasks}-{args.events}"
    if not (data / "home" / "ledger").is_dir():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(data), "--tasks", str(args.tasks),
             "--events", str(args.events)],
            check=True,
        )  # fmt: skip
    home, registry = data / "home", data / "tasks.toml"
    env = {**os.environ, "GWR_HOME": str(home), "GWR_REGISTRY": str(registry), "GWR_LANG": "en"}
    argv = [*gwr_command(), "status", "--as-of", "2021-12-31"]
    cache = home / "cache"
    ledger = sorted((home / "ledger").glob("*.toml"))

    def clear() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    def touch() -> None:
        for path in ledger:
            os.utime(path)

    def recopy() -> None:
        for path in ledger:
            copy = path.with_name(f".{path.name}.copy")
            shutil.copyfile(path, copy)
            os.replace(copy, path)

    rows = {"cold": _median(clear, argv, env, args.runs)}
    _run(argv, env)
    rows["touched"] = _median(touch, argv, env, args.runs)
    rows["recopied"] = _median(recopy, argv, env, args.runs)
    settle()  # the recopied files older than gwr's racy window (cache.RACY_NS)
    _run(argv, env)
    rows["warm"] = _median(lambda: None, argv, env, args.runs)
    for tasks in (1250, 2500, 5000, 10000):
        folder = work / f"registry-{tasks}"
        if not (folder / "tasks.toml").exists():
            subprocess.run(
                [sys.executable, str(HERE / "generate.py"), str(folder), "--tasks", str(tasks),
                 "--events", "0"],
                check=True,
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
        code = (
            "import sys,time; from pathlib import Path; from gwr_cli.registry_load import "
            "load_registry; t=time.perf_counter(); load_registry(Path(sys.argv[1])); "
            "print((time.perf_counter()-t)*1000)"
        )
        times = [
            float(subprocess.run([sys.executable, "-c", code, str(folder / "tasks.toml")],
                                 check=True, capture_output=True, text=True).stdout)
            for _ in range(args.runs)
        ]  # fmt: skip
        rows[f"registry {tasks} tasks"] = statistics.median(times)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    for name, ms in rows.items():
        print(f"{name:24s} {ms:8.0f} ms")


if __name__ == "__main__":
    main()
