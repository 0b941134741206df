"""The console entry point: `gwr` and `python -m gwr_cli`."""

from __future__ import annotations

import importlib
import os
import sys

# Not `typing.TYPE_CHECKING`: importing typing here would run before `main`
# turns the garbage collector off, which its import then triggers (~1 ms).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import typer

# Importing a command module registers its commands on the app. The command
# (or group) each module registers: a run imports the invoked one's module
# alone (the others cost 1.2 ms of every run, measured); help, completion and
# unknown names import them all (`tests/test_cli.py` holds this table whole).
COMMAND_MODULE = {
    **dict.fromkeys(("list", "show", "status", "areas", "check", "units", "where"), "reading"),
    **dict.fromkeys(("start", "done", "progress", "block", "note", "reopen", "undo"), "recording"),
    **dict.fromkeys(("summary", "export"), "reports"),
    "indicator": "indicators",
    "site": "site",
    "draft": "draft",
    "collect": "collect",
}
COMMAND_MODULES = ("reading", "recording", "reports", "indicators", "site", "draft", "collect")


def _import_commands(*modules: str) -> typer.Typer:
    for module in modules:
        importlib.import_module(f"gwr_cli.commands.{module}")
    from gwr_cli.app import app

    return app


def whole_app() -> typer.Typer:
    """The app with every command registered."""
    return _import_commands(*COMMAND_MODULES)


def __getattr__(name: str) -> Any:
    # `from gwr_cli.cli import app` (tests, completion): the whole app.
    if name == "app":
        return whole_app()
    raise AttributeError(name)


# For tests and completion, which reach these through the entry point module.
__all__ = ["app_for", "main", "whole_app"]  # and `app`, through __getattr__


def _invoked_name(argv: list[str]) -> str | None:
    """The command argv names, skipping root options and their values."""
    from gwr_cli.fast_spec import ROOT_OPTIONS

    index = 0
    while index < len(argv):
        token = argv[index]
        if token in ROOT_OPTIONS:  # each takes a value (fast_spec, from the root's own)
            index += 2
        elif token.startswith("-"):
            index += 1
        else:
            return token
    return None


def app_for(argv: list[str]) -> typer.Typer:
    """The app, holding only the command that argv invokes when that is clear.

    Typer turns every registered function into a Click command on each run;
    building just the one in use saves a sixth of gwr's start-up (measured in
    bench/). Help, completion and unknown commands get the whole app.
    """
    from gwr_cli.fast_path import completing

    name = _invoked_name(argv)
    if name is None or name not in COMMAND_MODULE or completing():
        return whole_app()
    import copy

    app = _import_commands(COMMAND_MODULE[name])
    commands = [c for c in app.registered_commands if _command_name(c) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return whole_app()
    narrowed = copy.copy(app)
    narrowed.registered_commands, narrowed.registered_groups = commands, groups
    return narrowed


def _command_name(info: Any) -> str:
    return info.name or info.callback.__name__.lower().replace("_", "-")


def _closed_streams_discard() -> None:
    """A standard stream closed by the caller (`gwr done ... 2>&-`) is None in
    Python: what would go there is dropped, as `print` drops it, and the exit
    code stays the command's own (it was 1, from a traceback, after the record
    was made, so a script would record it again)."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def _never_fail_on_encoding() -> None:
    """Whatever the console's encoding (GBK, Latin-1), what it cannot show is
    replaced (gwr's markers by ASCII stand-ins), never a UnicodeEncodeError."""
    from gwr_cli.messages import STAND_IN_ERRORS

    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=STAND_IN_ERRORS)


def non_utf8_argument(argv: list[str]) -> str | None:
    """The error for the first argument that was not valid UTF-8, or None.

    On Linux and macOS Python keeps bytes it could not decode as lone
    surrogates ("surrogateescape"); stored in a ledger they could never be
    written as UTF-8 again. A GBK terminal typing into a UTF-8 locale does this.
    """
    for index, token in enumerate(argv):
        if not any("\udc80" <= char <= "\udcff" for char in token):
            continue
        from gwr_cli.messages import lang_of_argv, printable, text

        lang = lang_of_argv(argv)
        option, _, _ = token.partition("=")
        if token.startswith("--") and "=" in token:
            name = text("input.option_value", lang, option=printable(option))
        elif index and argv[index - 1].startswith("-") and "=" not in argv[index - 1]:
            name = text("input.option_value", lang, option=printable(argv[index - 1]))
        else:
            name = text("input.argument", lang, number=index + 1)
        return text("input.not_utf8", lang, name=name, shown=_bytes_shown(os.fsencode(token)))
    return None


_SHOWN_BYTES = 24  # of a long argument: where it stops being UTF-8, not all of it


def _bytes_shown(typed: bytes) -> str:
    """The bytes as typed, ASCII as it is and every other byte as \\xNN; of a
    long argument (a pasted page) only the bytes around the first one that is
    not UTF-8, with "…" where some were left out, so the error stays one line."""
    try:
        typed.decode("utf-8")
        first_bad = 0
    except UnicodeDecodeError as error:
        first_bad = error.start
    start = max(0, first_bad - _SHOWN_BYTES // 3)
    while start < first_bad and 0x80 <= typed[start] < 0xC0:
        start += 1  # not in the middle of a character
    window = typed[start : start + _SHOWN_BYTES]
    shown = "".join(chr(b) if 0x20 <= b < 0x7F else f"\\x{b:02x}" for b in window)
    return ("…" if start else "") + shown + ("…" if start + _SHOWN_BYTES < len(typed) else "")


def main() -> None:
    """Console entry point."""
    # gwr runs for a fraction of a second and builds hundreds of thousands of
    # small objects on a large ledger; the cyclic garbage collector would scan
    # them again and again (a third of the run time, measured) to free nothing
    # that reference counting does not free already.
    import gc

    gc.disable()
    try:
        from gwr_cli.fast_path import run as run_fast

        _closed_streams_discard()
        _never_fail_on_encoding()
        refused = non_utf8_argument(sys.argv[1:])
        if refused:
            from gwr_cli.messages import lang_of_argv, text

            sys.stderr.write(text("error.prefix", lang_of_argv(sys.argv[1:])) + refused + "\n")
            sys.stderr.flush()
            os._exit(1)
        # A plain command line runs without importing Typer (fast_path.py);
        # everything else (help, completion, mistakes, other commands) by Typer.
        if not run_fast(sys.argv[1:]):
            app_for(sys.argv[1:])(prog_name="gwr")
        code: int | str | None = 0
    except SystemExit as done:
        code = done.code
    except KeyboardInterrupt:
        # Ctrl-C before a command's own handling (Click's on the Typer path,
        # fast_path.run's) takes over: while gwr starts and imports. The same
        # exit as theirs, 130, and no traceback.
        code = 130
    if isinstance(code, str):
        sys.stderr.write(code + "\n")
        code = 1
    # Tearing the interpreter down takes longer than most gwr commands run
    # (about 6 ms, measured). Every file gwr writes is closed and fsynced by
    # now and nothing registers exit handlers, so flush the output and leave.
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `gwr list | head`: the reader left early
        code = code or 1
    except OSError as error:  # `gwr where > file` on a full disk
        from gwr_cli.messages import lang_of_argv, text

        lang = lang_of_argv(sys.argv[1:])
        message = text("output.stdout_failed", lang, reason=error)
        sys.stderr.write(text("error.prefix", lang) + message + "\n")
        sys.stderr.flush()
        code = code or 1
    os._exit(code or 0)
