"""What `gwr draft` does: a registry (and 分工 file) drafted from a report's text.

Declared for Typer in `gwr_cli.commands.draft` (its paths are parsed by
Typer: the fast path leaves it to Typer)."""

from __future__ import annotations

from pathlib import Path

from gwr_cli.command_io import echo
from gwr_cli.errors import InputError
from gwr_cli.messages import text

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from gwr_cli.workspace import Workspace


def draft(
    session: Workspace,
    report: Path,
    output: str = "tasks.toml",
    assignments: str | None = None,
    force: bool = False,
) -> None:
    """Draft a registry from a work report's text, for a person to review.
    `output` and `assignments` as typed: a name ending in a separator (a
    folder) or in another format's suffix (d.csv) is refused, nothing written."""
    import os

    from gwr_cli.draft.errors import DraftError
    from gwr_cli.output import STDOUT_NAME, check_output_name

    lang = session.lang
    named = [("--output", output, "tasks.toml")]
    if assignments is not None:
        named.append(("--assignments", assignments, "assignments.toml"))
    for option, name, example in named:
        # "-" is the screen elsewhere; the registry names the report's text by
        # a path relative to its own folder, so a draft is always files.
        if name == STDOUT_NAME:
            raise InputError(text("output.screen_draft", lang, option=option, example=example))
        check_output_name(name, lang, option)
        if os.path.isdir(name):  # worded as every command's --output folder
            raise InputError(text("output.is_folder", lang, option=option, path=name))
    try:
        _draft(report, Path(output), Path(assignments) if assignments else None, force, lang)
    except DraftError as error:
        values = {"path": report, **error.values}
        raise InputError(text(f"draft.error.{error.key}", lang, **values)) from None


def _draft(report: Path, output: Path, assignments: Path | None, force: bool, lang: str) -> None:
    import os

    from gwr_cli.draft.build import draft_report
    from gwr_cli.draft.reading import read_report, unwrap
    from gwr_cli.draft.saving import check_targets, write_all
    from gwr_cli.draft.writer import assignments_toml, registry_toml
    from gwr_cli.output import check_registry_suffix

    content = read_report(report)
    report_text = unwrap(content.text)
    unwrapped = report_text != content.text
    text_file = report
    files: list[tuple[Path, str]] = []
    if content.encoding != "utf-8" or unwrapped:
        # gwr reads a registry's report text as UTF-8, and quotes must be found
        # verbatim in it: a copy beside the registry, in UTF-8, lines joined.
        suffix = "joined" if unwrapped else "utf8"
        text_file = output.parent / f"{report.stem}.{suffix}.txt"
        if not _holds(text_file, report_text):  # the same copy from an earlier draft is fine
            files.append((text_file, report_text))
    try:
        text_ref = os.path.relpath(text_file.resolve(), output.resolve().parent)
    except ValueError:  # another drive on Windows
        text_ref = str(text_file.resolve())
    result = draft_report(report_text, text_ref.replace(os.sep, "/"), report.stem)
    files.append((output, registry_toml(result)))
    if assignments is not None:
        files.append((assignments, assignments_toml(result)))
    copy = text_file if text_file != report else None
    outputs = [output, *([assignments] if assignments is not None else [])]
    written = any(path is text_file for path, _ in files)
    check_targets(report, outputs, force, copy, copy_written=written)
    # After check_targets: `--output report.txt` is named as the report itself.
    check_registry_suffix(str(output), "--output", lang)
    if assignments is not None:
        check_registry_suffix(str(assignments), "--assignments", lang)
    write_all(files)
    if content.encoding != "utf-8":
        echo(text("draft.encoding", lang, encoding=content.encoding.upper(), path=text_file))
    if unwrapped:
        echo(text("draft.unwrapped", lang, path=text_file))
    if result.unread:
        items = ("、" if lang == "zh" else ", ").join(result.unread)
        key = "draft.unread.one" if len(result.unread) == 1 else "draft.unread.many"
        echo(text(key, lang, items=items, path=output))
    checks = sum(1 for task in result.tasks if task.checks)
    echo(
        text(
            "draft.wrote",
            lang,
            tasks=len(result.tasks),
            indicators=len(result.indicators),
            checks=checks,
            path=output,
        )
    )
    if assignments is not None:
        echo(text("draft.wrote_assignments", lang, count=len(result.assignments), path=assignments))
    elif result.assignments:
        echo(text("draft.assignments_found", lang, count=len(result.assignments)))
    echo(text("draft.next", lang, path=output))


def _holds(path: Path, content: str) -> bool:
    try:
        return path.read_bytes() == content.encode("utf-8")
    except OSError:
        return False
