"""The console entry point: `gwr` and `python -m gwr_cli`."""

from __future__ import annotations

import os
import sys
from typing import Any

import typer

from gwr_cli.app import app
from gwr_cli.commands import draft, indicators, reading, recording, reports

# Importing the command modules registers their commands on the app.
COMMAND_MODULES = (reading, recording, reports, indicators, draft)

# For tests and completion, which reach these through the entry point module.
__all__ = ["app", "app_for", "main"]


_ROOT_VALUE_OPTIONS = ("--home", "--registry", "--as-of", "--lang")


def _invoked_name(argv: list[str]) -> str | None:
    """The command argv names, skipping root options and their values."""
    index = 0
    while index < len(argv):
        token = argv[index]
        if token in _ROOT_VALUE_OPTIONS:
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
    name = _invoked_name(argv)
    if name is None or any(v.startswith("_GWR_COMPLETE") for v in os.environ):
        return app
    import copy

    commands = [c for c in app.registered_commands if _command_name(c) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return app
    narrowed = copy.copy(app)
    narrowed.registered_commands, narrowed.registered_groups = commands, groups
    return narrowed


def _command_name(info: Any) -> str:
    return info.name or info.callback.__name__.lower().replace("_", "-")


def main() -> None:
    """Console entry point."""
    # gwr runs for a fraction of a second and builds hundreds of thousands of
    # small objects on a large ledger; the cyclic garbage collector would scan
    # them again and again (a third of the run time, measured) to free nothing
    # that reference counting does not free already.
    import gc

    gc.disable()
    try:
        app_for(sys.argv[1:])(prog_name="gwr")
        code: int | str | None = 0
    except SystemExit as done:
        code = done.code
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
    os._exit(code or 0)
