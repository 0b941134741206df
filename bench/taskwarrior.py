"""Taskwarrior data matched to a gwr benchmark size, and the paired commands.

Used by bench/run.py when `task` is installed (Debian: `apt-get install
taskwarrior`). The data is written in Taskwarrior 2.6's own files (FF4 lines
in pending.data / completed.data, the change log in undo.data), so that it
holds what gwr's holds:
- the same tasks (the registry's titles, the area as the project);
- the same number of modifications: every gwr event is one entry of
  undo.data, as `task modify` would log it, and every note an annotation;
- the same done count: the tasks gwr folds to done are completed.
Commands compared (gwr → Taskwarrior): status → summary, list → list,
done → done, progress → modify.
"""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

# gwr command -> (Taskwarrior equivalent, the most gwr/TW may be)
GOALS = {"status": ("summary", 0.8), "list": ("list", 0.7), "done": ("done", 0.6),
         "progress": ("modify", 0.6)}  # fmt: skip


def task_binary() -> str | None:
    return shutil.which("task")


@dataclass
class TwData:
    folder: Path
    taskrc: Path
    pending_uuids: list[str]  # tasks left pending, in registry order


def _quote(text: str) -> str:
    """An FF4 attribute value: double quotes and brackets escaped as TW does."""
    return text.replace('"', "&dquot;").replace("[", "&open;").replace("]", "&close;")


def _epoch(moment: dt.datetime) -> int:
    return int(moment.timestamp())


def _line(attributes: dict[str, str]) -> str:
    return "[" + " ".join(f'{k}:"{_quote(v)}"' for k, v in sorted(attributes.items())) + "]\n"


def write_matched(folder: Path, tasks: list[dict], events: list, done: set[str]) -> TwData:
    """Taskwarrior files holding `tasks` (registry records), one modification per
    gwr `events` entry (notes as annotations) and `done` completed.

    Returns the folder, a taskrc pointing at it, and the pending tasks' uuids.
    """
    folder.mkdir(parents=True, exist_ok=True)
    created = dt.datetime(2021, 2, 24, tzinfo=dt.UTC)
    by_task: dict[str, list] = {}
    for event in events:
        by_task.setdefault(event.task, []).append(event)
    pending, completed, undo, pending_uuids = [], [], [], []
    for record in tasks:
        ident = str(uuid.uuid5(uuid.NAMESPACE_URL, record["id"]))
        attributes = {
            "description": record["title"],
            "entry": str(_epoch(created)),
            "project": record["area"],
            "status": "pending",
            "uuid": ident,
            "due": str(_epoch(dt.datetime.combine(record["deadline"], dt.time(), dt.UTC))),
        }
        for event in sorted(by_task.get(record["id"], ()), key=lambda e: e.at):
            before = _line(attributes)
            attributes["modified"] = str(_epoch(event.at))
            if event.note:
                attributes[f"annotation_{_epoch(event.at)}"] = event.note
            undo.append(f"time {_epoch(event.at)}\nold {before}new {_line(attributes)}---\n")
        if record["id"] in done:
            attributes["status"] = "completed"
            attributes["end"] = attributes.get("modified", attributes["entry"])
            completed.append(_line(attributes))
        else:
            pending.append(_line(attributes))
            pending_uuids.append(ident)
    (folder / "pending.data").write_text("".join(pending), encoding="utf-8")
    (folder / "completed.data").write_text("".join(completed), encoding="utf-8")
    (folder / "undo.data").write_text("".join(undo), encoding="utf-8")
    (folder / "backlog.data").write_text("", encoding="utf-8")
    taskrc = folder / "taskrc"
    taskrc.write_text(
        f"data.location={folder}\nconfirmation=off\nverbose=nothing\nhooks=off\n"
        "recurrence=off\nbulk=0\nnag=\n",
        encoding="utf-8",
    )
    return TwData(folder, taskrc, pending_uuids)


def commands(data: TwData, runs: int, reserved_uuids: list[str]) -> dict[str, list[list[str]]]:
    """Taskwarrior argvs, a warm-up then `runs`, for each gwr command compared."""
    binary = task_binary() or "task"
    base = [binary, f"rc:{data.taskrc}"]
    same = lambda *args: [[*base, *args]] * (runs + 1)  # noqa: E731
    done_uuids = reserved_uuids[: runs + 1]
    modify_uuid = reserved_uuids[runs + 1]
    return {
        "status": same("summary"),
        "list": same("list"),
        "done": [[*base, ident, "done"] for ident in done_uuids],
        "progress": [
            [*base, modify_uuid, "modify", f"priority:{'HML'[i % 3]}"] for i in range(runs + 1)
        ],
    }
