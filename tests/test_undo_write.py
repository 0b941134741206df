"""`gwr undo` takes back a whole write: an import's events share a batch id
(events.Event.batch) and one undo cancels them all, appending one undo per
event in one journaled write; undo after undo goes on to the action before,
as the README's rules say. Old ledgers without batch ids read and undo as before.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import stored_event
from gwr_cli.ledger import append_event, append_events, read_ledger
from test_collect_cli import (  # noqa: F401 (office: the 分工 every test here needs)
    DEMOLITION,
    SEWER,
    WATER,
    fill,
    ledger_bytes,
    office,
    sewer_report,
    template_for,
)

UNDONE = {
    "zh": "共撤销2项变化：同一次导入记录的全部变化（原记录保留在台账中，不再计入）",
    "en": "2 changes undone: everything one import recorded "
    "(kept in the ledger, no longer counted)",
}


def _states(gwr, *tasks: str) -> dict[str, str]:
    listed = json.loads(gwr.ok("list", "--format", "json").stdout)
    return {t["id"]: t["status"] for t in listed if t["id"] in tasks}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_undo_takes_back_a_whole_import_and_says_how_many(gwr, tmp_path, ledger_dir, lang):
    gwr.ok("progress", "preschool-5080", "10%", "--on", "2021-05-01")
    filled = fill(template_for(gwr, tmp_path), sewer_report())
    gwr.ok("collect", "import", str(filled))
    gwr.ok("status")  # the caches are warm before the undo, as on a user's machine
    before = ledger_bytes(ledger_dir)

    result = gwr.ok("--lang", lang, "undo")
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and lines[-1] == UNDONE[lang]
    assert SEWER in lines[1] and DEMOLITION in lines[0]  # latest first
    # Append-only: the import's events stay, one undo per event follows them.
    (name,) = before
    assert ledger_bytes(ledger_dir)[name].startswith(before[name])
    events = read_ledger(ledger_dir).events
    imported = [e for e in events if e.unit == WATER]
    undos = [e for e in events if e.action == "undo"]
    assert {e.cancels for e in undos} == {e.id for e in imported}
    assert len({e.batch for e in imported}) == 1 and imported[0].batch
    assert _states(gwr, SEWER, "preschool-5080") == {
        SEWER: "not-started",
        "preschool-5080": "in-progress",
    }
    assert "24" not in gwr.ok("show", SEWER).stdout.split("history")[0]

    # Undo after undo: the action before the import (an undo is never undone).
    again = gwr.ok("--lang", lang, "undo").stdout
    assert "preschool-5080" in again and UNDONE[lang] not in again
    assert _states(gwr, "preschool-5080") == {"preschool-5080": "not-started"}
    assert gwr("undo").exit_code == 1


def test_an_import_refused_whole_when_a_later_record_rests_on_it(gwr, tmp_path, ledger_dir):
    blocked = {SEWER: {"status": "受阻", "problems": "资金未到位"}, DEMOLITION: {"note": "x"}}
    gwr.ok("collect", "import", str(fill(template_for(gwr, tmp_path), blocked)))
    # Someone else reopens the blocked task: the reopen rests on the import's block.
    gwr.ok("reopen", SEWER, env={"GWR_USER": "li"})
    before = ledger_bytes(ledger_dir)
    for lang, words in (("zh", "重新打开"), ("en", "reopen")):
        result = gwr("--lang", lang, "undo")
        assert result.exit_code == 1 and words in result.stderr and "li" in result.stderr
        assert ledger_bytes(ledger_dir) == before  # not even the note's undo


def test_the_rest_of_an_import_partly_undone_before_is_undone(gwr, tmp_path, ledger_dir):
    """A ledger where an older gwr undid only the import's last event: the
    next undo takes back what is left of that import."""
    gwr.ok("collect", "import", str(fill(template_for(gwr, tmp_path), sewer_report())))
    last = read_ledger(ledger_dir).events[-1]
    undo = stored_event(task=last.task, action="undo", cancels=last.id)
    append_event(ledger_dir, "tester", lambda ledger: undo)
    result = gwr.ok("--lang", "zh", "undo")
    assert SEWER in result.stdout and "共撤销1项变化" in result.stdout
    assert _states(gwr, SEWER) == {SEWER: "not-started"}


def test_ledgers_without_batch_ids_read_and_undo_one_event_at_a_time(gwr, ledger_dir):
    """Events written before batch ids (no `batch` key) read as before; each
    is its own write, so undo cancels the latest only."""
    at = dt.datetime(2021, 5, 31, 8, tzinfo=dt.UTC)
    old = [
        stored_event(task=SEWER, action="progress", value=24.0, at=at, unit=WATER),
        stored_event(task=DEMOLITION, at=at + dt.timedelta(seconds=1), note="n", unit=WATER),
    ]
    append_events(ledger_dir, "tester", lambda ledger: old)
    assert b"batch" not in b"".join(ledger_bytes(ledger_dir).values())
    assert [e.batch for e in read_ledger(ledger_dir).events] == ["", ""]
    result = gwr.ok("undo")
    assert DEMOLITION in result.stdout and SEWER not in result.stdout
    assert "undone:" in result.stdout and "changes undone" not in result.stdout
    assert _states(gwr, SEWER) == {SEWER: "in-progress"}


def test_a_batch_id_round_trips_through_the_file_and_is_written_only_when_set(ledger_dir):
    with_batch = stored_event(note="a", batch="0123456789abcdef")
    append_events(ledger_dir, "tester", lambda ledger: [with_batch, stored_event(note="b")])
    text = b"".join(ledger_bytes(ledger_dir).values()).decode("utf-8")
    assert text.count('batch = "0123456789abcdef"') == 1
    events = read_ledger(ledger_dir).events
    assert [e.batch for e in events] == ["0123456789abcdef", ""]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "试运行（--dry-run）：未记录任何内容"),
        ("en", "dry run (--dry-run): nothing recorded"),
    ],
)
def test_a_dry_run_says_nothing_was_recorded_and_writes_nothing(
    gwr, tmp_path, ledger_dir, lang, said
):
    filled = fill(template_for(gwr, tmp_path), sewer_report())
    result = gwr.ok("--lang", lang, "collect", "import", str(filled), "--dry-run")
    assert result.stdout.splitlines()[-1] == said
    assert ledger_bytes(ledger_dir) == {}
    # Nothing new in a dry run says it too.
    gwr.ok("collect", "import", str(filled))
    before = ledger_bytes(ledger_dir)
    again = gwr.ok("--lang", lang, "collect", "import", str(filled), "--dry-run")
    assert again.stdout.splitlines()[-1] == said and ledger_bytes(ledger_dir) == before
