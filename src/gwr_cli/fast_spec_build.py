"""Write `fast_spec.py`, the fast path's table of commands, from the Typer app.

    python -m gwr_cli.fast_spec_build        # rewrites src/gwr_cli/fast_spec.py

The Typer declarations (`gwr_cli.commands`) stay the one definition of gwr's
command line; the fast path (`fast_path.py`) reads this table, derived from
them, so that a run need not import Typer to parse. A command is in the table
only when every parameter is of a kind the fast path parses exactly as Click
does (one value of text, a whole number, a decimal or a choice; an option
given again for more values of text or numbers; an on-flag; a positional
argument of one value), and its declaration runs a handler
(`app.runs`); the others always run through Typer. `tests/test_fast_path.py`
fails when the file differs from what this writes.
"""

from __future__ import annotations

import pprint
import sys
import typing
from enum import Enum
from pathlib import Path
from typing import Any

SPEC_FILE = Path(__file__).with_name("fast_spec.py")

HEADER = '''"""The fast path's table of commands (see `fast_path.py`). Generated from the
Typer declarations by `python -m gwr_cli.fast_spec_build`: do not edit.

ROOT_OPTIONS: option -> parameter of the root (each takes one value of text).
COMMANDS: words -> (handler module, handler function, options, arguments,
required options); options: option -> (parameter, kind); arguments:
((parameter, required), ...); required options: (parameter, ...).
A kind is "text", "int", "float", "flag", ("choice", values, case_sensitive,
"module:Enum") or ("many", "text"|"int"|"float"): an option that may be given
again, its values in a list in the order typed."""

'''


def _kind(param: Any, declaration: Any) -> Any:
    """The fast path's kind of a Click parameter, or None when it cannot parse it."""
    from typer._click import types
    from typer._types import TyperChoice

    if param.nargs != 1 or param.envvar or param.callback or param.is_eager:
        return None
    if param.multiple:
        # `--unit A --unit B`: every value, in a list (Typer's None when none
        # is given, as the handler's default says).
        if param.default is not None or getattr(param, "is_flag", False):
            return None
        inner = _kind(_one_value(param), declaration)
        return ("many", inner) if inner in ("text", "int", "float") else None
    if getattr(param, "secondary_opts", None):
        return None
    if getattr(param, "is_flag", False):
        plain = param.is_bool_flag and not param.count and param.default is False
        return "flag" if plain else None
    if isinstance(param.type, TyperChoice):
        hint = typing.get_type_hints(declaration, include_extras=True)[param.name]
        enum = getattr(hint, "__origin__", hint)
        if not (isinstance(enum, type) and issubclass(enum, Enum)):
            return None
        values = tuple(str(member.value) for member in enum)
        return (
            "choice",
            values,
            param.type.case_sensitive,
            f"{enum.__module__}:{enum.__qualname__}",
        )
    if isinstance(param.type, types.StringParamType):
        return "text"
    if isinstance(param.type, types.IntParamType) and not isinstance(param.type, types.IntRange):
        return "int"
    if isinstance(param.type, types.FloatParamType) and not isinstance(
        param.type, types.FloatRange
    ):
        return "float"
    return None


def _one_value(param: Any) -> Any:
    """A copy of a multiple option as one of its values parses (for `_kind`)."""
    import copy

    one = copy.copy(param)
    one.multiple = False
    return one


def build_spec() -> tuple[dict[str, str], dict[str, tuple]]:
    """(ROOT_OPTIONS, COMMANDS) as the Typer app declares them."""
    from typer.main import get_command

    from gwr_cli.cli import _command_name, whole_app

    app = whole_app()
    group = get_command(app)
    root = {}
    for param in group.params:
        if param.expose_value and not getattr(param, "is_flag", False):
            assert _kind(param, None) == "text", param.name
            (option,) = param.opts
            root[option] = param.name
    # Every command, and every command of a group (`collect status`), by the
    # words that name it on the command line.
    declared = [(_command_name(info), info, group.commands) for info in app.registered_commands]
    for sub in app.registered_groups:
        commands_of_group = group.commands[sub.name].commands
        for info in sub.typer_instance.registered_commands:
            declared.append((f"{sub.name} {_command_name(info)}", info, commands_of_group))
    commands = {}
    for name, info, click_commands in declared:
        handler = getattr(info.callback, "handler", None)
        if handler is None:
            continue
        command = click_commands[name.split()[-1]]
        options, arguments, required = {}, [], []
        for param in command.params:
            kind = _kind(param, info.callback)
            if kind is None:
                break
            if param.param_type_name == "argument":
                if kind != "text":
                    break
                arguments.append((param.name, param.required))
            else:
                for option in param.opts:
                    assert option not in root, f"{name} {option} shadows a root option"
                    options[option] = (param.name, kind)
                if param.required:
                    required.append(param.name)
        else:
            commands[name] = (
                handler.__module__, handler.__name__, options, tuple(arguments), tuple(required)
            )  # fmt: skip
    return root, commands


def spec_text() -> str:
    """The text of fast_spec.py."""
    root, commands = build_spec()
    body = "ROOT_OPTIONS = " + pprint.pformat(root, width=88, sort_dicts=False) + "\n\n"
    body += "COMMANDS = " + pprint.pformat(commands, width=88, sort_dicts=False) + "\n"
    return HEADER + body


def main() -> None:
    SPEC_FILE.write_text(spec_text(), encoding="utf-8")
    sys.stdout.write(f"wrote {SPEC_FILE}\n")


if __name__ == "__main__":
    main()
