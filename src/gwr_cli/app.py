"""The Typer app, its global options and what every command shares.

Commands live in `gwr_cli.commands`; each parses, calls the core, renders.
Errors: core modules raise GwrError subclasses carrying a message key;
`GwrGroup` words them in the language in force (--lang, else GWR_LANG, else the
locale) as one line on stderr and exit code 1, for every command, in one place.
Usage errors (bad option syntax) keep Click's exit code 2. Anything else is a
bug in gwr: one line asking for a report, exit 70 (EX_SOFTWARE), the traceback
only with GWR_DEBUG=1.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

# Typer vendors its own Click (version range pinned in pyproject.toml): its
# exception types are what a usage error raises.
from typer._click.exceptions import (
    BadOptionUsage,
    ClickException,
    NoArgsIsHelpError,
    UsageError,
)
from typer.core import TyperCommand, TyperGroup

from gwr_cli import __version__
from gwr_cli.command_io import OutputFormat, echo, open_workspace
from gwr_cli.errors import GwrError
from gwr_cli.failure import fail, fail_as_bug, fail_with
from gwr_cli.messages import lang_of_argv, text

if TYPE_CHECKING:
    from gwr_cli.workspace import Workspace


def _value_options(command: Any) -> set[str]:
    return {
        name
        for param in command.params
        if getattr(param, "param_type_name", "") == "option" and not param.is_flag
        for name in param.opts
    }


def hoist_global_options(group: Any, ctx: Any, args: list[str]) -> list[str]:
    """Move root options typed after the command name to just before it.

    People write `gwr status --as-of 2021-06-30` as often as
    `gwr --as-of 2021-06-30 status`; both mean the same. Typed on both sides,
    the last one typed counts, as for any option given twice (they stay in
    the order typed: `gwr --lang zh list --lang en` is English).
    """
    global_options = _value_options(group)
    front: list[str] = []
    rest: list[str] = []
    command: Any = None
    command_at = 0  # where in `rest` the command name is
    index = 0
    while index < len(args):
        token = args[index]
        name = token.split("=", 1)[0]
        if token == "--":
            rest.extend(args[index:])
            break
        if command is not None and name in global_options:
            if "=" not in token and index + 1 == len(args):
                # `gwr list --as-of`: hoisted alone it would take the command
                # name for its value ("Missing command"); say what Click says.
                raise BadOptionUsage(name, f"Option '{name}' requires an argument.", ctx=ctx)
            front.append(token)
            if "=" not in token and index + 1 < len(args):
                front.append(args[index + 1])
                index += 1
        elif command is None and name in global_options:
            rest.append(token)
            if "=" not in token and index + 1 < len(args):
                rest.append(args[index + 1])
                index += 1
        elif token.startswith("-"):
            rest.append(token)
            takes_value = command is not None and name in _value_options(command)
            if takes_value and "=" not in token and index + 1 < len(args):
                rest.append(args[index + 1])
                index += 1
        else:
            rest.append(token)
            found = (
                (command or group).get_command(ctx, token)
                if hasattr(command or group, "get_command")
                else None
            )
            if found is not None:
                if command is None:
                    command_at = len(rest) - 1
                command = found
        index += 1
    return rest[:command_at] + front + rest[command_at:]


def _typed_command(group: Any, argv: list[str]) -> str:
    """`gwr`, and the command of `group` (with its subcommand) named in argv,
    for a help pointer."""
    words, commands = ["gwr"], getattr(group, "commands", {})
    for token in argv:
        if token == "--":
            break
        if token in commands and len(words) < 3:
            words.append(token)
            commands = getattr(commands[token], "commands", {})
    return " ".join(words)


class GwrGroup(TyperGroup):
    """Turns every error into one line on stderr and an exit code, in one place.

    gwr's own errors (GwrError) exit 1; usage errors keep Click's exit code 2;
    an unexpected exception is a bug in gwr and exits 70.
    """

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        argv = kwargs["args"] if "args" in kwargs else (args[0] if args else None)
        argv = list(sys.argv[1:] if argv is None else argv)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except NoArgsIsHelpError as error:
            try:
                echo(error.ctx.get_help() if error.ctx else "")
            except GwrError as failed:  # standard output cannot be written
                fail_with(failed, lang_of_argv(argv))
            sys.exit(0)
        except UsageError as error:
            from gwr_cli.messages import usage_text

            lang = lang_of_argv(argv)
            message = usage_text(error, lang)
            # Click raises some parsing errors without a context: point at the
            # help of the command typed all the same.
            command = error.ctx.command_path if error.ctx else _typed_command(self, argv)
            message += text("usage.see_help", lang, command=command)
            fail(message, error.exit_code, lang)
        except ClickException as error:
            fail(error.format_message(), error.exit_code)
        except typer.Abort:
            lang = lang_of_argv(argv)
            fail(text("usage.aborted", lang), 1, lang)
        except GwrError as error:  # raised outside a command (the root's options)
            fail_with(error, lang_of_argv(argv))
        except (SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            # Click's main quits on EPIPE alone; any other broken pipe (a
            # socket shut down, ESHUTDOWN) would end in a traceback. Quit the
            # same way, as the fast path does.
            sys.exit(1)
        except Exception:
            fail_as_bug(lang_of_argv(argv))
        sys.exit(code if isinstance(code, int) else 0)

    def get_help_option(self, ctx: Any) -> Any:
        return _help_through_gwr(super().get_help_option(ctx))

    def get_params(self, ctx: Any) -> Any:
        params = super().get_params(ctx)
        for param in params:
            if param.name in _TYPER_WRITERS and param.callback is not None:
                param.callback = _stdout_failure_as_error(param.callback)
        return params

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None and not isinstance(command, GwrGroup):  # a group does its own
            _help_through_gwr(command.get_help_option(ctx))
        return command

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if ctx.parent is None:
            args = hoist_global_options(self, ctx, args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except GwrError as error:
            lang = getattr(ctx.find_root().obj, "lang", None)
            if lang is None:  # before the root callback knew --lang: main words it
                raise
            fail_with(error, lang)


class RepeatedOption(BadOptionUsage):
    """An option that takes one value, given more than once: refused rather
    than Click's "the last one counts", which drops what the user typed.
    `worded` is the message in any language (`messages.usage_text` uses it)."""

    def __init__(self, option: str, values: list[str], hint: str, ctx: Any) -> None:
        from gwr_cli.messages import Listing, Msg, Quoted

        self.worded = Msg(
            "usage.repeated",
            option=option,
            count=len(values),
            values=Listing([Quoted(value, width=60) for value in values]),
            hint=Msg(hint) if hint else "",
        )
        super().__init__(option, self.worded.text("en"), ctx=ctx)


# What to do instead, beyond "give it once", where there is more to say:
# (command, parameter) -> message key.
_REPEAT_HINTS = {("template", "unit"): "usage.repeated.template_unit"}


class GwrCommand(TyperCommand):
    """A gwr command: an option that takes one value may be given once.

    Options that take several (`gwr list --unit A --unit B`, declared as a
    list) collect every value; flags may be repeated (`--force --force` means
    `--force`). Any other option given twice is a usage error naming it and
    what was typed (`RepeatedOption`), where Click would keep the last value
    without a word. The fast path hands such a line to Typer (`fast_path.py`).
    Root options are the root group's, not a command's: there the last one
    typed counts (`hoist_global_options`).
    """

    def make_parser(self, ctx: Any) -> Any:
        parser = super().make_parser(ctx)
        # Click stores a one-value option's value over the last; appending
        # instead keeps every value typed, to refuse a repeat and to name them.
        # (The parser's tables are the vendored Click's, pinned with Typer in
        # pyproject.toml; tests/test_repeated_options.py fails if they move.)
        single = {}
        for option in {*parser._long_opt.values(), *parser._short_opt.values()}:
            if option.action == "store" and not option.obj.multiple:
                option.action = "append"
                single[option.dest] = option
        parse = parser.parse_args

        def parse_args(args: list[str]) -> Any:
            opts, largs, order = parse(args=args)
            # Completion parses leniently; `--help` answers whatever else is typed.
            lenient = ctx.resilient_parsing or any(param.is_eager for param in order)
            for dest, option in single.items():
                values = opts.get(dest)
                if values is None:
                    continue
                if len(values) > 1 and not lenient:
                    name = max(option.obj.opts, key=len)
                    hint = _REPEAT_HINTS.get((self.name, option.obj.name), "")
                    raise RepeatedOption(name, [str(v) for v in values], hint, ctx)
                opts[dest] = values[-1]
            return opts, largs, order

        parser.parse_args = parse_args
        return parser


class GwrTyper(typer.Typer):
    """typer.Typer whose commands are `GwrCommand`s unless told otherwise."""

    def command(self, name: str | None = None, *, cls: Any = None, **kwargs: Any) -> Any:
        return super().command(name, cls=cls or GwrCommand, **kwargs)


def _show_help(ctx: Any, param: Any, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        echo(ctx.get_help())
        ctx.exit()


def _help_through_gwr(option: Any) -> Any:
    """`--help` printed as gwr prints everything (`command_io.echo`): standard
    output that cannot be written (`gwr --help > /dev/full`) is one line and
    exit 1, as for any command. Click's own callback wrote it with click.echo,
    whose OSError ended as "a bug in gwr" (exit 70)."""
    if option is not None:
        option.callback = _show_help
    return option


# The root options whose callbacks Typer wrote to print with click.echo.
_TYPER_WRITERS = ("install_completion", "show_completion")


def _stdout_failure_as_error(callback: Any) -> Any:
    """`callback` with an OSError turned into gwr's one line: a file it named
    (install's shell start-up file) cannot be written, else standard output
    cannot (`gwr --show-completion > /dev/full`), never "a bug in gwr"."""
    if getattr(callback, "gwr_wrapped", False):
        return callback

    def run(ctx: Any, param: Any, value: Any) -> Any:
        try:
            return callback(ctx, param, value)
        except BrokenPipeError:
            raise
        except OSError as error:
            from gwr_cli.errors import InputError
            from gwr_cli.output import refused

            if error.filename is not None:
                path = error.filename
                raise InputError("completion.cannot_write", path=path, reason=error) from None
            raise refused(error, sys.stdout) from None

    run.gwr_wrapped = True  # type: ignore[attr-defined]
    return run


app = GwrTyper(
    cls=GwrGroup,
    help="Follow a government work report's promises, task by task.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def session_of(ctx: typer.Context) -> Workspace:
    """The workspace the root callback made from the global options."""
    return ctx.find_root().obj


def runs(handler: Callable[..., None]) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Declare a Typer command whose work is `handler(workspace, **params)`.

    The decorated function is the command's declaration only: its signature
    (parameters, `Annotated` options, defaults) and docstring are what Typer
    reads for parsing and help; its body is never run. The handler lives in
    `gwr_cli.handlers`, which imports no Typer, so the fast path
    (`fast_path.py`) calls the same handler with the same parameters.
    `tests/test_fast_path.py` holds each declaration's parameters (names and
    defaults) equal to its handler's.
    """

    def declare(declaration: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(declaration)
        def command(ctx: typer.Context, **params: Any) -> None:
            # Looked up when called, so that a test can put a spy in its place.
            command.handler(session_of(ctx), **params)

        command.handler = handler  # type: ignore[attr-defined]
        return command

    return declare


def _show_version(value: bool) -> None:
    if value:
        echo(f"gwr {__version__}")
        raise typer.Exit()


def _complete_from_registry(ctx: typer.Context, kind: str) -> list[str]:
    # Completion must never fail loudly: it only reads the registry.
    from gwr_cli.paths import resolve_locations
    from gwr_cli.registry_load import load_registry

    params = ctx.find_root().params
    try:
        registry = load_registry(
            resolve_locations(params.get("home"), params.get("registry")).registry
        )
    except GwrError:
        return []
    if kind == "area":
        return list(registry.areas)
    if kind == "indicator":
        return [i.id for i in registry.indicators]
    return [t.id for t in registry.tasks]


def complete_task(ctx: typer.Context, incomplete: str) -> list[str]:
    return [i for i in _complete_from_registry(ctx, "task") if i.startswith(incomplete)]


def complete_area(ctx: typer.Context, incomplete: str) -> list[str]:
    return [i for i in _complete_from_registry(ctx, "area") if i.startswith(incomplete)]


def complete_indicator(ctx: typer.Context, incomplete: str) -> list[str]:
    return [i for i in _complete_from_registry(ctx, "indicator") if i.startswith(incomplete)]


@app.callback()
def main_options(
    ctx: typer.Context,
    home: Annotated[
        str | None,
        typer.Option(
            "--home", metavar="DIR", help="Data folder (default: GWR_HOME or the user data dir)."
        ),
    ] = None,
    registry: Annotated[
        str | None,
        typer.Option(
            "--registry",
            metavar="FILE",
            help="Registry file (default: GWR_REGISTRY, HOME/tasks.toml, the shipped one).",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", metavar="DATE", help="Compute every view as of this date (YYYY-MM-DD)."
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", metavar="zh|en", help="zh or en (default: GWR_LANG, else your locale)."
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Follow a government work report's promises, task by task."""
    ctx.obj = open_workspace(home, registry, as_of, lang)


# `--format table|json`, the same option on every command that lists.
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", help="table or json.", case_sensitive=False)
]


NoteOption = Annotated[
    str, typer.Option("--note", metavar="TEXT", help="What happened, in your words.")
]
OnOption = Annotated[
    str | None,
    typer.Option("--on", metavar="DATE", help="Date it happened (YYYY-MM-DD; default today)."),
]
