"""Files that are not what gwr expects: a `.gwr-clone` that links to itself, is a
folder or a FIFO; a FIFO or device where a ledger file, the registry, the report
text, the 分工 file or the lock should be (refused in one line, never a hang);
system error reasons worded in both languages."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from conftest import copy_registry, run_installed
from gwr_cli.messages import _TEXT, OS_ERRORS, os_reason
from gwr_cli.regular import NotRegularFile, read_regular

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def one_line_refusal(result, *said: str) -> None:
    """Exit 1, exactly one line on stderr holding every `said`, no traceback."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    for words in said:
        assert words in result.stderr, result.stderr


def files_under(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# --- 1. `.gwr-clone` linking to itself (ELOOP) -------------------------------------


def test_check_lists_a_clone_link_to_itself_and_exits_1(gwr, ledger_dir):
    ledger_dir.mkdir(parents=True)
    clone = ledger_dir / ".gwr-clone"
    clone.symlink_to(".gwr-clone")
    for lang, problem, reason, unwritten in (
        (
            "en",
            "this copy's id file has a problem",
            "Too many levels of symbolic links",
            "nothing was written",
        ),
        ("zh", "本副本的编号文件有问题", "符号链接层数过多", "未写入任何内容"),
    ):
        result = gwr("--lang", lang, "check")
        assert result.exit_code == 1, (result.stdout, result.stderr)
        assert problem in result.stdout and reason in result.stdout, result.stdout
        assert str(clone) in result.stdout
        assert unwritten not in result.stdout  # a check writes nothing anyway
    assert clone.is_symlink() and os.readlink(clone) == ".gwr-clone"


def test_note_refuses_a_clone_link_to_itself_in_one_line(gwr, ledger_dir):
    ledger_dir.mkdir(parents=True)
    clone = ledger_dir / ".gwr-clone"
    clone.symlink_to(".gwr-clone")
    for lang, said in (
        ("en", "(a link to '.gwr-clone') (Too many levels of symbolic links"),
        ("zh", "（指向“.gwr-clone”的链接）（符号链接层数过多"),
    ):
        result = gwr("--lang", lang, "note", "school-no16", "a note")
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
        assert said in result.stderr, result.stderr
    assert not list(ledger_dir.glob("*.toml"))


# --- 3. the clone-id refusal's wording ---------------------------------------------


def test_a_clone_folder_is_not_called_a_file(gwr, ledger_dir):
    (ledger_dir / ".gwr-clone").mkdir(parents=True)
    for lang, said, wrong in (
        ("en", "is a folder", "delete the file"),
        ("zh", "是文件夹", "删除该文件后"),
    ):
        result = gwr("--lang", lang, "note", "school-no16", "a note")
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
        assert said in result.stderr and wrong not in result.stderr, result.stderr
    assert files_under(ledger_dir) == [".gitignore", ".gwr-clone", ".gwr.lock"]


def test_a_clone_link_names_its_target_and_the_link(gwr, ledger_dir, tmp_path):
    ledger_dir.mkdir(parents=True)
    garbage = tmp_path / "elsewhere-id"
    garbage.write_text("not an id\n", encoding="ascii")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    clone = ledger_dir / ".gwr-clone"
    for target in (garbage, folder):
        if clone.is_symlink():
            clone.unlink()
        clone.symlink_to(target)
        result = gwr("--lang", "en", "note", "school-no16", "a note")
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
        assert f"(a link to '{target}')" in result.stderr, result.stderr
        assert "delete the link" in result.stderr and "the file" not in result.stderr
        zh = gwr("--lang", "zh", "note", "school-no16", "a note")
        assert f"（指向“{target}”的链接）" in zh.stderr and "删除该链接" in zh.stderr, zh.stderr
    assert not list(ledger_dir.glob("*.toml"))


def test_upper_case_hex_is_refused_and_the_message_says_lower_case(gwr, ledger_dir):
    ledger_dir.mkdir(parents=True)
    (ledger_dir / ".gwr-clone").write_text("ABCD1234\n", encoding="ascii")
    for lang, said in (("en", "8 lower-case hex digits"), ("zh", "8位小写十六进制数字")):
        result = gwr("--lang", lang, "note", "school-no16", "a note")
        assert result.exit_code == 1 and said in result.stderr, result.stderr
    assert not list(ledger_dir.glob("*.toml"))


def test_check_words_the_clone_problem_for_a_check(gwr, ledger_dir):
    ledger_dir.mkdir(parents=True)
    (ledger_dir / ".gwr-clone").write_text("garbage\n", encoding="ascii")
    en = gwr("--lang", "en", "check")
    assert en.exit_code == 1 and "nothing was written" not in en.stdout
    assert "recording commands refuse to write until it is fixed" in en.stdout, en.stdout
    zh = gwr("--lang", "zh", "check")
    assert zh.exit_code == 1 and "未写入任何内容" not in zh.stdout
    assert "修正之前，记录命令会拒绝写入" in zh.stdout, zh.stdout


# --- 2. FIFOs and devices: refused, never a hang ------------------------------------


@needs_fifo
def test_a_fifo_clone_file_is_refused_by_note_and_check(isolated_home, ledger_dir):
    ledger_dir.mkdir(parents=True)
    os.mkfifo(ledger_dir / ".gwr-clone")
    for lang, said in (("en", "named pipe (FIFO)"), ("zh", "命名管道（FIFO）")):
        note = run_installed("--lang", lang, "note", "school-no16", "a note", timeout=20)
        one_line_refusal(note, said, ".gwr-clone")
        check = run_installed("--lang", lang, "check", timeout=20)
        assert check.returncode == 1 and said in check.stdout, (check.stdout, check.stderr)
    assert not list(ledger_dir.glob("*.toml"))


@needs_fifo
@pytest.mark.parametrize("command", [("note", "school-no16", "a note"), ("status",), ("check",)])
def test_a_fifo_ledger_file_is_refused_not_read(isolated_home, ledger_dir, command):
    assert run_installed("start", "school-no16").returncode == 0
    fifo = ledger_dir / "someone.toml"
    os.mkfifo(fifo)
    before = {p.name: p.read_bytes() for p in ledger_dir.glob("tester.*.toml")}
    for lang, said in (("en", "named pipe (FIFO)"), ("zh", "命名管道（FIFO）")):
        result = run_installed("--lang", lang, *command, timeout=20)
        if command == ("check",):  # check lists each file that does not read, and goes on
            assert result.returncode == 1 and not result.stderr
            [line] = [line for line in result.stdout.splitlines() if str(fifo) in line]
            assert said in line
        else:
            one_line_refusal(result, said, str(fifo))
    assert {p.name: p.read_bytes() for p in ledger_dir.glob("tester.*.toml")} == before


@needs_fifo
def test_a_fifo_own_author_file_is_refused_by_a_write(isolated_home, ledger_dir):
    assert run_installed("start", "school-no16").returncode == 0
    (own,) = ledger_dir.glob("tester.*.toml")
    own.unlink()
    os.mkfifo(own)
    result = run_installed("--lang", "zh", "note", "school-no16", "a note", timeout=20)
    one_line_refusal(result, "命名管道（FIFO）")


@needs_fifo
@pytest.mark.parametrize("name", [".gwr.lock", ".gitignore", ".someone.toml.journal"])
def test_a_fifo_lock_gitignore_or_journal_is_refused(isolated_home, ledger_dir, name):
    ledger_dir.mkdir(parents=True)
    os.mkfifo(ledger_dir / name)
    result = run_installed("--lang", "zh", "note", "school-no16", "a note", timeout=20)
    one_line_refusal(result, "命名管道（FIFO）", name)
    assert not list(ledger_dir.glob("*.toml"))


@needs_fifo
def test_a_fifo_assignments_file_is_refused(isolated_home):
    isolated_home.mkdir(parents=True)
    os.mkfifo(isolated_home / "assignments.toml")
    for lang, said in (("en", "named pipe (FIFO)"), ("zh", "命名管道（FIFO）")):
        result = run_installed("--lang", lang, "check", timeout=20)
        assert result.returncode == 1, (result.stdout, result.stderr)
        assert said in result.stdout + result.stderr, (result.stdout, result.stderr)
        assert "Traceback" not in result.stderr


@needs_fifo
@pytest.mark.parametrize("which", ["tasks.toml", "report.txt"])
def test_a_fifo_registry_or_report_text_is_refused(tmp_path, which):
    folder = tmp_path / "reg"
    registry = copy_registry(folder)
    (folder / which).unlink()
    os.mkfifo(folder / which)
    env = {"GWR_REGISTRY": str(registry)}
    for lang, said in (("en", "named pipe (FIFO)"), ("zh", "命名管道（FIFO）")):
        result = run_installed("--lang", lang, "status", env=env, timeout=20)
        one_line_refusal(result, said)


def test_read_regular_refuses_a_device_without_opening_it():
    with pytest.raises(NotRegularFile) as raised:
        read_regular(Path(os.devnull))
    assert raised.value.kind == "device"
    assert os_reason(raised.value).text("zh") == "这是设备，不是普通文件"


# --- 4. system error reasons in both languages ------------------------------------


def test_every_worded_errno_has_both_wordings():
    for name in OS_ERRORS:
        for lang in ("zh", "en"):
            assert _TEXT[lang].get(f"os.errno.{name}"), (lang, name)
    for name in (
        "ELOOP",
        "ENAMETOOLONG",
        "EEXIST",
        "ENOTEMPTY",
        "EBUSY",
        "ETXTBSY",
        "EMFILE",
        "ENFILE",
        "EFBIG",
        "EXDEV",
        "EAGAIN",
        "EINVAL",
        "ESTALE",
    ):
        assert name in OS_ERRORS, name


@pytest.mark.parametrize(
    "number, zh",
    [
        (errno.ELOOP, "符号链接层数过多"),
        (errno.ENAMETOOLONG, "文件名过长"),
        (errno.EXDEV, "跨文件系统"),
    ],
)
def test_os_reason_words_errno_in_chinese(number, zh):
    reason = os_reason(OSError(number, os.strerror(number)))
    assert zh in reason.text("zh")
    assert reason.text("en")[0].isupper()


def test_a_too_long_output_name_gets_a_chinese_reason(gwr, tmp_path, monkeypatch):
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path / "out")
    name = "a" * 300 + ".csv"
    result = gwr("--lang", "zh", "export", "--output", name)
    assert result.exit_code != 0 and result.stderr.count("\n") == 1, result.stderr
    assert "文件名过长" in result.stderr and "File name too long" not in result.stderr
    assert "Traceback" not in result.stderr
    assert os.listdir(tmp_path / "out") == []


@needs_fifo
def test_fifo_cache_entries_are_misses_not_hangs(isolated_home):
    assert run_installed("start", "school-no16").returncode == 0
    before = run_installed("status")  # fills the caches
    assert before.returncode == 0
    entries = [p for p in (isolated_home / "cache").rglob("*.marshal")]
    assert entries
    for entry in entries:
        entry.unlink()
        os.mkfifo(entry)
    status = run_installed("status", timeout=20)
    assert status.returncode == 0 and status.stdout == before.stdout, status.stderr
    assert run_installed("note", "school-no16", "a note", timeout=20).returncode == 0


@needs_fifo
@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_lock_file_that_is_no_file_is_named_by_a_read(isolated_home, ledger_dir, kind):
    """Readers share the writers' lock (journal.reading_lock): a FIFO or a
    folder at `.gwr.lock` made `status` a "bug in gwr" (exit 70). It is named
    in one line, as a write names it, and never hangs."""
    assert run_installed("start", "school-no16").returncode == 0
    lock = ledger_dir / ".gwr.lock"
    lock.unlink()
    os.mkfifo(lock) if kind == "fifo" else lock.mkdir()
    said = {"fifo": ("命名管道（FIFO）", "named pipe (FIFO)"), "folder": ("", "Is a directory")}
    for lang, words in zip(("zh", "en"), said[kind], strict=True):
        for command in (["status"], ["list"]):
            result = run_installed("--lang", lang, *command, timeout=20)
            one_line_refusal(result, str(lock), words)
