"""Commands that write more than one file write all of them or none: `gwr
site` (a folder swapped whole), `collect template --all` and `draft`
(several files among the user's own). A failure injected midway leaves what
was there byte for byte; a leftover of a killed run never breaks the next."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from gwr_cli import whole_writes
from gwr_cli.html import site_write
from gwr_cli.html.site_write import MARKER


def tree(root: Path) -> dict[str, object]:
    """Every file (its bytes), link (its target) and folder under root."""
    found: dict[str, object] = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[name] = ("link", os.readlink(path))
        elif path.is_dir():
            found[name] = "folder"
        elif path.is_fifo():  # never opened: reading it would wait for a writer
            found[name] = "fifo"
        else:
            found[name] = path.read_bytes()
    return found


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".gwr-" in p.name)


def fail_pages_after(monkeypatch, writes: int | str, error: BaseException) -> None:
    """Make the site's writer fail after `writes` new files, or at the marker,
    the last file written before the swap."""
    real, count = site_write.write_page, iter(range(10**6))

    def failing(path, data, mode):
        if path.name == writes or (isinstance(writes, int) and next(count) >= writes):
            raise error
        real(path, data, mode)

    monkeypatch.setattr(site_write, "write_page", failing)


@pytest.fixture
def old_site(gwr, tmp_path):
    """A site written at 2021-05-16, with a user's own files beside its pages."""
    site = tmp_path / "out" / "site"
    gwr.ok("--as-of", "2021-05-16", "site", "--output", str(site))
    (site / "CNAME").write_text("tracker.example.org\n")
    (site / "notes").mkdir()
    (site / "notes" / "草稿.txt").write_text("mine", encoding="utf-8")
    (site / "tasks" / "extra.html").write_text("my page")  # inside gwr's folder
    (site / "latest").symlink_to("index.html")
    return site


@pytest.mark.parametrize(
    "error",
    [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()],
    ids=["full-disk", "ctrl-c"],
)
@pytest.mark.parametrize("writes", [0, 3, MARKER])
def test_a_site_rewrite_cut_midway_leaves_the_old_site_byte_for_byte(
    gwr, old_site, monkeypatch, error, writes
):
    gwr.ok("progress", "sewer-pipes-50km", "30", "--on", "2021-05-20")  # changes pages
    before = tree(old_site)
    with monkeypatch.context() as failing:
        fail_pages_after(failing, writes, error)
        result = gwr("--as-of", "2021-05-31", "site", "--output", str(old_site))
    assert result.exit_code == (130 if isinstance(error, KeyboardInterrupt) else 1)
    assert "Traceback" not in result.stderr
    assert tree(old_site) == before
    assert leftovers(old_site.parent) == []


def test_a_site_rewrite_is_complete_keeps_the_users_files_and_unchanged_pages(gwr, old_site):
    old = {p: (p.read_bytes(), p.stat().st_ino) for p in old_site.rglob("*.html")}
    gwr.ok("progress", "sewer-pipes-50km", "30", "--on", "2021-05-20")
    result = gwr.ok("--as-of", "2021-05-31", "site", "--output", str(old_site))
    files = tree(old_site)
    listed = (old_site / MARKER).read_text(encoding="utf-8").splitlines()[1:]
    pages = {name for name, value in files.items() if isinstance(value, bytes)}
    assert pages == {*listed, MARKER, "CNAME", "notes/草稿.txt", "tasks/extra.html"}
    assert f"({len(listed)} files)" in result.stdout
    assert b"2021-05-31" in files["index.html"] and b"30" in files["tasks/sewer-pipes-50km.html"]
    assert files["notes/草稿.txt"] == b"mine" and files["CNAME"].startswith(b"tracker")
    assert files["latest"] == ("link", "index.html")
    same = [p for p, (data, _) in old.items() if p.read_bytes() == data]
    assert same and all(p.stat().st_ino == old[p][1] for p in same)  # not rewritten
    assert leftovers(old_site.parent) == []


def test_a_leftover_of_a_killed_run_is_cleaned_and_an_old_site_set_aside_is_put_back(gwr, old_site):
    parent = old_site.parent
    half_built = parent / ".site.gwr-new-99999-0"
    (half_built / "tasks").mkdir(parents=True)
    (half_built / "index.html").write_text("half")
    gwr.ok("--as-of", "2021-05-16", "site", "--output", str(old_site))
    assert leftovers(parent) == [] and (old_site / "CNAME").is_file()
    # Killed between the two renames where no exchange exists: the old site is
    # aside, none in place. The next run puts it back (the user's files with
    # it), says so, and writes the new one over it.
    aside = parent / ".site.gwr-old-99999-0"
    old_site.rename(aside)
    result = gwr.ok("--lang", "zh", "--as-of", "2021-05-31", "site", "--output", str(old_site))
    assert "已先恢复" in result.stdout
    assert (old_site / "notes" / "草稿.txt").read_text(encoding="utf-8") == "mine"
    assert "2021年5月31日".encode() in (old_site / "index.html").read_bytes()
    assert leftovers(parent) == []


def test_the_swap_without_an_exchange_renames_twice_and_undoes_a_failed_second(
    gwr, old_site, monkeypatch
):
    before = tree(old_site)
    real_rename, calls = os.rename, []

    def rename(source, target):
        calls.append(Path(target).name)
        if Path(target) == old_site and ".gwr-new-" in Path(source).name:
            raise OSError(errno.EIO, "Input/output error")
        real_rename(source, target)

    with monkeypatch.context() as patched:
        patched.setattr(whole_writes, "_exchange", lambda first, second: False)
        patched.setattr(whole_writes.os, "rename", rename)
        result = gwr("--as-of", "2021-05-31", "site", "--output", str(old_site))
    assert result.exit_code == 1 and "cannot write" in result.stderr
    assert tree(old_site) == before and leftovers(old_site.parent) == []
    with monkeypatch.context() as patched:
        patched.setattr(whole_writes, "_exchange", lambda first, second: False)
        gwr.ok("--as-of", "2021-05-31", "site", "--output", str(old_site))
    assert b"2021-05-31" in (old_site / "index.html").read_bytes()
    assert (old_site / "CNAME").is_file() and leftovers(old_site.parent) == []


def test_a_concurrent_site_run_waits_then_says_so_in_one_line(gwr, old_site, monkeypatch):
    before = tree(old_site)
    monkeypatch.setenv("GWR_LOCK_TIMEOUT", "0")
    with whole_writes.folder_lock(old_site.parent, 0):
        result = gwr("--lang", "zh", "site", "--output", str(old_site))
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "另一个gwr site正在" in result.stderr
    assert tree(old_site) == before


def test_a_fifo_in_the_site_folder_stops_the_run_and_the_folder_is_kept(gwr, old_site):
    os.mkfifo(old_site / "pipe")
    before = tree(old_site)
    result = gwr("--lang", "zh", "site", "--output", str(old_site))
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1
    assert f"{old_site / 'pipe'}无法在替换网站时保留（这是命名管道" in result.stderr
    assert tree(old_site) == before and leftovers(old_site.parent) == []


# --- collect template --all and draft: several files among the user's own --------------

ASSIGNMENTS = Path(__file__).parent / "data" / "assignments.toml"
TEMPLATE_ARGS = ("--lang", "zh", "collect", "template", "--all", "--month", "2021-05")


@pytest.fixture
def office(isolated_home):
    import shutil

    isolated_home.mkdir(parents=True, exist_ok=True)
    shutil.copy(ASSIGNMENTS, isolated_home / "assignments.toml")
    return isolated_home


@pytest.fixture
def template_folder(gwr, office, tmp_path):
    """Last month's blank templates, a unit's filled workbook and a note of the office's."""
    folder = tmp_path / "填报表"
    gwr.ok(*TEMPLATE_ARGS, "--output", str(folder), "--as-of", "2021-05-10")
    (folder / "区水务局-2021-04.xlsx").write_bytes(b"PK\x03\x04 a filled April workbook")
    (folder / "说明.txt").write_text("本月25日前报送", encoding="utf-8")
    return folder


def fail_after(monkeypatch, module, name: str, calls: int, error: BaseException) -> None:
    real, count = getattr(module, name), iter(range(10**6))

    def failing(*args, **kwargs):
        if next(count) >= calls:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, failing)


@pytest.mark.parametrize(
    ("step", "calls"),
    [("stage", 0), ("stage", 3), ("commit", 0), ("commit", 2), ("commit", 4)],
)
@pytest.mark.parametrize(
    "error",
    [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()],
    ids=["full-disk", "ctrl-c"],
)
def test_templates_into_an_existing_folder_are_written_all_or_none(
    gwr, template_folder, monkeypatch, step, calls, error
):
    from gwr_cli import output

    gwr.ok("progress", "sewer-pipes-50km", "24", "--on", "2021-05-20")  # every sheet of 水务 new
    before = tree(template_folder)
    with monkeypatch.context() as failing:
        fail_after(failing, output, step, calls, error)
        result = gwr(*TEMPLATE_ARGS, "--output", str(template_folder), "--as-of", "2021-05-31")
    assert result.exit_code == (130 if isinstance(error, KeyboardInterrupt) else 1)
    assert "Traceback" not in result.stderr and "已写入" not in result.stdout
    assert tree(template_folder) == before  # no template replaced, no temporary file left


def test_templates_into_an_existing_folder_replace_their_own_and_keep_the_rest(
    gwr, template_folder
):
    before = tree(template_folder)
    gwr.ok("progress", "sewer-pipes-50km", "24", "--on", "2021-05-20")
    result = gwr.ok(*TEMPLATE_ARGS, "--output", str(template_folder), "--as-of", "2021-05-31")
    after = tree(template_folder)
    assert result.stdout.count("已写入") == 5 and after.keys() == before.keys()
    assert after["区水务局-2021-04.xlsx"] == before["区水务局-2021-04.xlsx"]
    assert after["说明.txt"] == before["说明.txt"]
    assert after["区水务局-2021-05.xlsx"] != before["区水务局-2021-05.xlsx"]


@pytest.mark.parametrize("calls", [0, 2, 4])
def test_templates_into_a_new_folder_leave_no_folder_when_cut_midway(
    gwr, office, tmp_path, monkeypatch, calls
):
    folder = tmp_path / "new" / "填报表"
    with monkeypatch.context() as failing:
        fail_after(failing, whole_writes, "write_new", calls, OSError(errno.ENOSPC, "full"))
        result = gwr(*TEMPLATE_ARGS, "--output", str(folder))
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1
    assert not folder.exists() and leftovers(folder.parent) == []
    (folder.parent / ".填报表.gwr-new-99999-0").mkdir()  # as a killed run leaves it
    gwr.ok(*TEMPLATE_ARGS, "--output", str(folder))
    assert len(list(folder.iterdir())) == 5 and leftovers(folder.parent) == []


def test_a_draft_cut_between_its_renames_puts_back_the_file_it_replaced(gwr, tmp_path, monkeypatch):
    from gwr_cli import output

    report = tmp_path / "report.txt"
    report.write_text(
        "2021年政府工作报告\n一、2021年工作安排\n（一）加快建设\n新建污水管网50公里。\n",
        encoding="utf-8",
    )
    registry, assignments = tmp_path / "tasks.toml", tmp_path / "assignments.toml"
    registry.write_text("# an earlier draft, edited by hand\n", encoding="utf-8")
    args = ("draft", str(report), "--output", str(registry), "--assignments", str(assignments))
    with monkeypatch.context() as failing:
        fail_after(failing, output, "commit", 1, OSError(errno.EIO, "Input/output error"))
        result = gwr(*args, "--force")
    assert result.exit_code != 0 and "Traceback" not in result.stderr
    assert registry.read_text(encoding="utf-8") == "# an earlier draft, edited by hand\n"
    assert not assignments.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    gwr.ok(*args, "--force")
    assert "污水管网" in registry.read_text(encoding="utf-8") and assignments.is_file()


def test_site_output_dot_replaces_the_current_folder_whole(gwr, old_site, monkeypatch):
    monkeypatch.chdir(old_site)
    gwr.ok("--as-of", "2021-05-31", "site", "--output", ".")
    assert b"2021-05-31" in (old_site / "index.html").read_bytes()
    assert (old_site / "CNAME").is_file() and leftovers(old_site.parent) == []
