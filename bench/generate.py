"""Write a synthetic registry and ledger for benchmarks.

    python bench/generate.py OUT [--tasks 10000] [--areas 20] [--events 100000]
                                [--authors 20] [--registry PATH] [--reserve 0] [--seed 1]
                                [--units 0]

OUT gets `tasks.toml` and `report.txt` (unless --registry names an existing
registry, whose tasks then receive the events) and `home/ledger/<author>.toml`.
Titles are Chinese and of realistic length; events span the report's year,
each author's file in recording order. The last --reserve tasks get no events,
so a benchmark can mark them done or record progress on them. With --units N,
`home/assignments.toml` (分工) gives every task one or two of N lead units, up
to two supporting units, a responsible leader, and one task in ten a node.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tomllib
from pathlib import Path

import tomli_w

PLACES = [
    "香洲",
    "拱北",
    "吉大",
    "翠香",
    "梅华",
    "前山",
    "湾仔",
    "狮山",
    "南屏",
    "唐家",
    "凤山",
    "红旗",
    "斗门",
    "金湾",
    "横琴",
    "高新",
    "三溪",
    "九洲",
    "情侣",
    "白沙",
]
THINGS = [
    ("新建、改建污水管网", "公里"),
    ("完成道路改造", "条"),
    ("建成社区公园", "个"),
    ("新增公办学位", "个"),
    ("改造老旧小区", "个"),
    ("建设人才保障房", "套"),
    ("新增充电桩", "个"),
    ("培育高新技术企业", "家"),
]
PLAIN = ["推进智慧城市建设", "出台专项扶持政策", "开展市容环境整治行动", "完善社区养老服务体系"]
ACTIONS = ["progress"] * 12 + ["note"] * 5 + ["start"] * 2 + ["block", "done"]


def write_registry(out: Path, tasks: int, areas: int, rng: random.Random) -> dict:
    area_keys = [f"area-{i:02d}" for i in range(areas)]
    sentences, records = [], []
    for number in range(tasks):
        place = rng.choice(PLACES)
        if rng.random() < 0.6:
            thing, unit = rng.choice(THINGS)
            target = rng.choice([5, 8, 10, 20, 50, 100, 1000])
            title = f"{place}片区{thing}{target}{unit}(第{number}项)"
            extra = {"target": target, "unit": unit, "unit_en": "units"}
        else:
            title = f"{place}片区{rng.choice(PLAIN)}(第{number}项)"
            extra = {}
        sentences.append(f"{title}。")
        record = {
            "id": f"task-{number:05d}",
            "title": title,
            "title_en": f"Synthetic task {number} in {place}",
            "area": rng.choice(area_keys),
            "chapter": rng.randint(1, 6),
            "deadline": rng.choice([dt.date(2021, 6, 30), dt.date(2021, 12, 31)]),
            "source": title,
            **extra,
        }
        if rng.random() < 0.2:
            record["investment_yuan"] = rng.randint(1, 500) * 10_000_000
        records.append(record)
    (out / "report.txt").write_text("".join(sentences), encoding="utf-8")
    document = {
        "schema": 1,
        "report": {
            "id": "synthetic",
            "title": "合成基准报告",
            "title_en": "Synthetic benchmark report",
            "region": "基准区",
            "year": 2021,
            "delivered": dt.date(2021, 2, 24),
            "text": "report.txt",
            "chapters": [
                {"number": n, "title": f"第{n}章", "title_en": f"Chapter {n}"} for n in range(1, 7)
            ],
        },
        "areas": {key: {"name": f"领域{key[-2:]}", "name_en": key} for key in area_keys},
        "tasks": records,
    }
    (out / "tasks.toml").write_text(tomli_w.dumps(document), encoding="utf-8")
    return document


def write_ledger(
    ledger_dir: Path,
    document: dict,
    events: int,
    authors: int,
    reserve: int,
    rng: random.Random,
) -> None:
    ledger_dir.mkdir(parents=True, exist_ok=True)
    tasks = document["tasks"][: len(document["tasks"]) - reserve]
    start = dt.datetime(2021, 2, 25, 9, tzinfo=dt.UTC)
    span = dt.timedelta(days=300).total_seconds()
    per_author = [events // authors + (1 if i < events % authors else 0) for i in range(authors)]
    for author_number, count in enumerate(per_author):
        author = f"author{author_number:02d}"
        moments = sorted(rng.random() * span for _ in range(count))
        records = []
        for index, offset in enumerate(moments):
            at = start + dt.timedelta(seconds=offset)
            task = rng.choice(tasks)
            action = rng.choice(ACTIONS)
            record = {
                "id": f"{author}-{index:06d}",
                "task": task["id"],
                "action": action,
            }
            if action == "progress":
                top = task.get("target", 100)
                record["value"] = rng.randint(0, max(1, top - 1))
            if action in ("note", "block"):
                record["note"] = rng.choice(
                    ["已召开协调会", "资金拨付中", "施工进度正常", "用地待交付"]
                )
            record.update(on=at.date(), at=at.replace(microsecond=0), by=author)
            records.append(record)
        text = f"schema = 1\n\n{tomli_w.dumps({'events': records})}"
        (ledger_dir / f"{author}.toml").write_text(text, encoding="utf-8")


def write_assignments(home: Path, document: dict, units: int, rng: random.Random) -> None:
    names = [f"基准单位{i:03d}" for i in range(units)]
    leaders = [f"区领导{i}" for i in range(max(1, units // 5))]
    delivered = document["report"]["delivered"]
    entries = []
    for task in document["tasks"]:
        lead = rng.sample(names, 2 if rng.random() < 0.1 else 1)
        others = [n for n in names if n not in lead]
        entry = {
            "task": task["id"],
            "lead": lead,
            "partners": rng.sample(others, rng.randint(0, 2)),
            "leader": [rng.choice(leaders)],
        }
        opens = task.get("start", delivered)
        by = opens + (task["deadline"] - opens) / 2
        if rng.random() < 0.1 and opens < by < task["deadline"]:
            entry["nodes"] = [{"by": by, "percent": 50, "text": "过半"}]
        entries.append(entry)
    home.mkdir(parents=True, exist_ok=True)
    text = tomli_w.dumps({"schema": 1, "assignments": entries})
    (home / "assignments.toml").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--areas", type=int, default=20)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--authors", type=int, default=20)
    parser.add_argument("--registry", type=Path, help="use this registry's tasks instead")
    parser.add_argument("--reserve", type=int, default=0, help="last tasks left untouched")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--units", type=int, default=0, help="write a 分工 file with N lead units")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.registry:
        document = tomllib.loads(args.registry.read_text(encoding="utf-8"))
    else:
        document = write_registry(args.out, args.tasks, args.areas, rng)
    write_ledger(
        args.out / "home" / "ledger", document, args.events, args.authors, args.reserve, rng
    )
    if args.units:
        write_assignments(args.out / "home", document, args.units, rng)


if __name__ == "__main__":
    main()
