"""Run a command without importing Typer, when its command line is plain.

Importing Typer (and the Click it vendors, and the standard modules they
pull in) is most of what a gwr command costs on a small registry: about
25 ms of a 70 ms `gwr status` (measured in bench/). Most command lines are
plain — a command name, its arguments, options written out in full — and
for those this module parses the line itself with the table Typer's own
declarations generate (`fast_spec.py`), builds the workspace as the root
callback does, and calls the command's handler (`gwr_cli.handlers`), the
same function the Typer command calls.

Anything else goes to Typer: help (`-h`, `--help`, no command), `--version`,
shell completion, `--`, a short or abbreviated or unknown option, an option
of one value given twice (refused by Typer: `app.GwrCommand`; one declared
for several values, `gwr list --unit A --unit B`, collects them here as
Typer does), a root option given twice, an option value that starts with "-", a value Click would
refuse (not a number, not one of the choices), a missing or extra argument,
`collect import` and `draft` (their paths are Typer's to parse), and every
command not in the table. Typer then parses the line itself and,
for a mistake, says what is wrong in its usual words. So the fast path never
words a usage error and never accepts a line Typer would refuse:
`tests/test_fast_path.py` holds its parse equal to Click's on many lines.
"""

from __future__ import annotations

import importlib
import os
import sys

from gwr_cli.fast_spec import COMMANDS, ROOT_OPTIONS
from gwr_cli.records import Record

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import Any

# The groups whose commands are in the table (`collect`, `indicator`).
GROUPS = frozenset(words.split()[0] for words in COMMANDS if " " in words)


def completing() -> bool:
    """Whether the shell asks for completions (Click's `_GWR_COMPLETE` variable):
    only Typer answers those."""
    return any(name.startswith("_GWR_COMPLETE") for name in os.environ)


class Plan(Record):
    """A parsed command line: the root options, the handler and its parameters."""

    root: dict[str, str]
    module: str
    function: str
    params: dict[str, Any]


def plan_of(argv: list[str]) -> Plan | None:
    """The plan for argv, or None when Typer must parse it (see the module doc)."""
    root: dict[str, str] = {}
    params: dict[str, Any] = {}
    positionals: list[str] = []
    command = None
    group = ""  # "collect " once `collect` is read: the next word names its command
    index = 0
    while index < len(argv):
        token = argv[index]
        index += 1
        if token[:1] != "-" or token == "-":
            if command is not None:
                positionals.append(token)
            elif not group and token in GROUPS:
                group = token + " "
            else:
                command = COMMANDS.get(group + token)
                if command is None:
                    return None
            continue
        name, equals, value = token.partition("=")
        if name in ROOT_OPTIONS:
            dest, kind, into = ROOT_OPTIONS[name], "text", root
        elif command is not None and name in command[2]:
            (dest, kind), into = command[2][name], params
        else:
            return None
        many = type(kind) is tuple and kind[0] == "many"
        if dest in into and not many:  # one value given twice: Typer refuses it
            return None
        if kind == "flag":
            if equals:
                return None
            into[dest] = True
            continue
        if not equals:
            if index == len(argv):
                return None
            value = argv[index]
            index += 1
        if value[:1] == "-" and value != "-":
            return None
        converted = _converted(value, kind[1] if many else kind)
        if converted is None:
            return None
        if many:
            into.setdefault(dest, []).append(converted)
        else:
            into[dest] = converted
    if command is None:
        return None
    module, function, _, arguments, required_options = command
    if len(positionals) > len(arguments) or not all(o in params for o in required_options):
        return None
    for position, (dest, required) in enumerate(arguments):
        if position < len(positionals):
            params[dest] = positionals[position]
        elif required:
            return None
    return Plan(root, module, function, params)


def _converted(value: str, kind: Any) -> Any:
    """The value as Click and Typer convert it to the parameter's type, or None
    when they would refuse it (Typer words that error)."""
    if kind == "text":
        return value
    if kind in ("int", "float"):
        try:
            return int(value) if kind == "int" else float(value)
        except ValueError:
            return None
    _, values, case_sensitive, enum_path = kind
    typed = value if case_sensitive else value.casefold()
    for choice in values:
        if typed == (choice if case_sensitive else choice.casefold()):
            module, _, name = enum_path.partition(":")
            return getattr(importlib.import_module(module), name)(choice)
    return None


def run(argv: list[str]) -> bool:
    """Run argv on the fast path; False (nothing done) when Typer must run it.

    Ends as the Typer path does: gwr's own errors are one line on stderr in
    the language in force and SystemExit(1); a bug is one line and
    SystemExit(70) (`failure.py`); otherwise it returns True.
    """
    if completing():
        return False
    plan = plan_of(argv)
    if plan is None:
        return False
    from gwr_cli.command_io import open_workspace
    from gwr_cli.errors import GwrError
    from gwr_cli.failure import fail, fail_as_bug, fail_with
    from gwr_cli.messages import lang_of_argv, text

    lang = lang_of_argv(argv)  # until the workspace knows it, as on the Typer path
    try:
        root = plan.root
        session = open_workspace(
            root.get("home"), root.get("registry"), root.get("as_of"), root.get("lang")
        )
        lang = session.lang
        handler = getattr(importlib.import_module(plan.module), plan.function)
        handler(session, **plan.params)
    except GwrError as error:
        fail_with(error, lang)
    except SystemExit:
        raise
    # What Click's main does with these on the Typer path, done alike here.
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except BrokenPipeError:  # `gwr list | head`: the reader left early
        raise SystemExit(1) from None
    except EOFError:
        sys.stderr.write("\n")  # Click ends the line a prompt left open first
        fail(text("usage.aborted", lang), 1, lang)
    except Exception:
        fail_as_bug(lang)
    return True
