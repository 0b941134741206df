"""Remake docs/report.png and docs/task-page.png from a made-up office.

    .venv/bin/python docs/screenshots.py [chromium]

A temporary GWR_HOME gets a 分工 for every task (lead units and leaders by
area), progress recorded through the gwr on PATH next to this Python (spread
so that the week of 2021-05-10 has something of every kind), one unit's
report with 存在问题 and 下步措施; then the weekly report (1280 px wide) and a
task page on a phone (390 × 844) are shot in headless Chromium. The data are
invented for the picture; nothing here is real progress.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
GWR = str(Path(sys.executable).with_name("gwr"))
UNITS = {  # area -> (lead unit, responsible leader)
    "industry": ("区科技和工业信息化局", "区领导甲"),
    "innovation": ("区科技和工业信息化局", "区领导甲"),
    "commerce": ("区商务局", "区领导乙"),
    "culture": ("区文化广电旅游体育局", "区领导乙"),
    "investment": ("区发展和改革局", "区领导甲"),
    "planning": ("区自然资源局", "区领导丙"),
    "roads": ("区住房和城乡建设局", "区领导丙"),
    "education": ("区教育局", "区领导丁"),
    "housing": ("区住房和城乡建设局", "区领导丙"),
    "water": ("区水务局", "区领导丙"),
    "environment": ("区生态环境局", "区领导丙"),
    "city-management": ("区城市管理和综合执法局", "区领导丙"),
    "renewal": ("区城市更新局", "区领导丙"),
    "parks": ("区城市管理和综合执法局", "区领导丙"),
    "elderly-care": ("区民政局", "区领导丁"),
    "social-services": ("区民政局", "区领导丁"),
    "governance": ("区政府办公室", "区领导甲"),
}
PERCENTS = [40, 30, 28, 12, 0, 35, 20, 100, 0, 45]  # cycled over the tasks
UNIT_REPORT = """
[[events]]
id = "demo-unit-report"
task = "admin-centre-demolition"
action = "progress"
value = 20
note = "完成东侧附属楼拆除"
problems = "主楼搬迁补偿尚未谈妥"
next = "5月下旬召开专题协调会"
unit = "区城市更新局"
on = 2021-05-12
at = 2021-05-12T08:00:00+00:00
by = "城市更新局"
"""


def gwr(*args: str) -> str:
    result = subprocess.run([GWR, *args], capture_output=True, text=True, check=True)
    return result.stdout


def record(home: Path) -> None:
    import json

    tasks = json.loads(gwr("--as-of", "2021-05-16", "list", "--format", "json"))
    entries = []
    for index, task in enumerate(tasks):
        unit, leader = UNITS[task["area"]]
        entries.append(f'[[assignments]]\ntask = "{task["id"]}"\nlead = ["{unit}"]\n'
                       f'leader = ["{leader}"]\n')  # fmt: skip
        percent = PERCENTS[index % len(PERCENTS)]
        if percent == 0 or task["id"] == "admin-centre-demolition":
            continue
        day = 10 + index % 7  # the week of 2021-05-10 (Monday) to 16
        gwr("start", task["id"], "--on", f"2021-03-{1 + index % 28:02d}")
        if percent == 100:
            gwr("done", task["id"], "--on", f"2021-{4 + index % 2:02d}-{day:02d}")
            continue
        target = task.get("target")
        value = f"{round(target * percent / 100)}" if target else f"{percent}%"
        gwr("progress", task["id"], value, "--on", f"2021-05-{day:02d}", "--note", "按计划推进")
    gwr("block", "hotel-hilton-wanzai", "--on", "2021-05-13", "--note", "资金未到位")
    (home / "assignments.toml").write_text("schema = 1\n\n" + "\n".join(entries), "utf-8")
    (home / "ledger" / "demo-unit.toml").write_text("schema = 1\n" + UNIT_REPORT, "utf-8")


def shoot(chromium: str, page: Path, png: Path, size: tuple[int, int], profile: Path) -> None:
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--disable-background-networking", f"--user-data-dir={profile}",
         f"--window-size={size[0]},{size[1]}", f"--screenshot={png}", page.as_uri()],
        check=True, capture_output=True,
    )  # fmt: skip


def main() -> None:
    chromium = sys.argv[1] if len(sys.argv) > 1 else "chromium"
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        os.environ.update(GWR_HOME=str(home), GWR_USER="督查室", GWR_LANG="zh")
        record(home)
        report, site = Path(folder) / "report.html", Path(folder) / "site"
        gwr("--as-of", "2021-05-16", "summary", "--format", "html", "--output", str(report))
        gwr("--as-of", "2021-05-16", "site", "--output", str(site))
        profile = Path(folder) / "profile"
        shoot(chromium, report, DOCS / "report.png", (1280, 2200), profile)
        task_page = site / "tasks" / "admin-centre-demolition.html"
        shoot(chromium, task_page, DOCS / "task-page.png", (390, 844), profile)


if __name__ == "__main__":
    main()
