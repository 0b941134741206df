"""The fast path (fast_path.py): plain command lines run without Typer, and
mean exactly what they mean to Typer."""

from __future__ import annotations

import contextlib
import importlib
import inspect
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import installed_gwr, run_installed
from gwr_cli import fast_path
from gwr_cli.cli import _command_name, whole_app
from gwr_cli.fast_spec import COMMANDS, ROOT_OPTIONS
from gwr_cli.fast_spec_build import build_spec


def test_the_table_is_what_the_typer_declarations_generate():
    # Regenerate with `python -m gwr_cli.fast_spec_build` (then ruff format).
    assert build_spec() == (ROOT_OPTIONS, COMMANDS)


def test_the_everyday_commands_are_on_the_fast_path():
    everyday = {"list", "show", "status", "units", "summary", "export", "done", "progress"}
    assert everyday <= set(COMMANDS)
    assert set(ROOT_OPTIONS) == {"--home", "--registry", "--as-of", "--lang"}


def _declarations() -> list:
    """Every command's registration, groups' commands included."""
    app = whole_app()
    groups = [
        info for sub in app.registered_groups for info in sub.typer_instance.registered_commands
    ]
    return [*app.registered_commands, *groups]


def test_every_command_is_a_declaration_and_a_handler():
    for info in _declarations():
        handler = getattr(info.callback, "handler", None)
        assert handler is not None, _command_name(info)
        assert handler.__module__.startswith("gwr_cli.handlers."), _command_name(info)
        declared = list(inspect.signature(info.callback).parameters.values())
        taken = list(inspect.signature(handler).parameters.values())
        assert declared[0].name == "ctx" and taken[0].name == "session", _command_name(info)
        assert [(p.name, p.default) for p in declared[1:]] == [
            (p.name, p.default) for p in taken[1:]
        ], _command_name(info)
    # All but the two whose paths Typer parses (`collect import`, `draft`) run fast.
    assert len(COMMANDS) == len(_declarations()) - 2


class _Called(BaseException):
    """Raised by the spies: what the Typer path would have run."""


def _typer_parse(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple | None:
    """(root options, handler, params) as Typer parses argv, or None when Typer
    refuses it or runs no handler (help, a usage error)."""
    import gwr_cli.app as app_module

    seen: dict = {}

    def open_workspace(home, registry, as_of, lang):
        given = (("home", home), ("registry", registry), ("as_of", as_of), ("lang", lang))
        seen["root"] = {name: value for name, value in given if value is not None}
        return object()

    def spy(name):
        def handler(session, **params):
            seen["call"] = (name, params)
            raise _Called

        return handler

    app = whole_app()
    with monkeypatch.context() as patches:
        patches.setattr(app_module, "open_workspace", open_workspace)
        for info in _declarations():
            handler = getattr(info.callback, "handler", None)
            if handler is not None:
                name = f"{handler.__module__}:{handler.__name__}"
                patches.setattr(info.callback, "handler", spy(name))
        with contextlib.suppress(_Called):
            CliRunner().invoke(app, argv)
    if "call" not in seen:
        return None
    name, params = seen["call"]
    return seen["root"], name, params


def _fast_parse(argv: list[str]) -> tuple | None:
    plan = fast_path.plan_of(argv)
    if plan is None:
        return None
    handler = getattr(importlib.import_module(plan.module), plan.function)
    defaults = {
        name: parameter.default
        for name, parameter in inspect.signature(handler).parameters.items()
        if parameter.default is not inspect.Parameter.empty
    }
    return plan.root, f"{plan.module}:{plan.function}", {**defaults, **plan.params}


PLAIN_LINES = [
    ["status"],
    ["list"],
    ["list", "--area", "education", "--overdue", "--key"],
    ["list", "--chapter", "3", "--format", "JSON"],
    ["list", "--chapter= 3 "],
    ["list", "--search", "学校", "--light=red", "--unit", "区教育局"],
    # A filter given again: every value, in order (the tasks of either unit).
    ["list", "--area", "a", "--area", "b"],
    [
        "list",
        "--unit",
        "区教育局",
        "--status=done",
        "--unit=区水务局",
        "--chapter",
        "3",
        "--chapter= 4",
    ],
    ["--lang", "en", "status", "--by", "Unit"],
    ["status", "--by=leader", "--as-of", "2021-06-30"],
    ["--home", "/tmp/x", "--registry", "r.toml", "show", "school-no16"],
    ["show", "school-no16", "--lang=zh"],
    ["show", ""],
    ["done", "school-no16", "--note", "竣工验收", "--on", "2021-06-30"],
    ["progress", "sewer", "32", "--note", "", "--problems", "资金", "--next", "加快"],
    ["progress", "sewer", "40%", "--unit", "区住建局"],
    ["note", "sewer", "说明", "--on=2021-05-09"],
    ["undo", "--note", "录错了"],
    ["summary", "--month", "2021-05", "--format", "markdown", "--output", "-"],
    ["summary", "--week", "last"],
    ["export", "--format", "CSV", "--output", "out.csv"],
    ["units", "--format", "json"],
    ["areas"],
    ["check"],
    ["where"],
    ["indicator", "list", "--format", "json"],
    ["indicator", "set", "gdp-growth", "6.5", "--note", "一季度"],
    ["collect", "status", "--month", "2021-05"],
    ["--lang", "en", "collect", "template", "--all", "--output", "out", "--week", "last"],
    ["site", "--output", "public", "--internal", "--base-url=https://example.org/"],
]

TYPER_LINES = [
    [],
    ["--help"],
    ["status", "--help"],
    ["status", "-h"],
    ["--version"],
    ["stat"],
    ["status", "--by", "nosuch"],
    ["list", "--chapter", "three"],
    ["list", "--overdue=yes"],
    ["list", "--area"],
    # An option of one value given twice: Typer refuses it (app.GwrCommand).
    ["list", "--format", "json", "--format", "table"],
    ["summary", "--week", "2021-W19", "--week", "2021-W20"],
    ["done", "school-no16", "--note", "a", "--note=b"],
    ["collect", "template", "--unit", "a", "--unit", "b", "--output", "x.xlsx"],
    ["list", "--overdue", "--overdue"],
    ["--lang", "en", "--lang", "zh", "status"],
    ["show"],
    ["show", "a", "b"],
    ["progress", "sewer", "-5"],
    ["done", "school-no16", "--note", "-x"],
    ["done", "--", "school-no16"],
    ["list", "--are", "education"],
    ["--format", "json", "status"],
    ["indicator"],
    ["collect", "--month", "2021-05", "status"],
    ["collect", "import", "a.xlsx"],
    ["collect", "nosuch"],
    ["site"],
    ["draft", "report.txt"],
]


@pytest.mark.parametrize("argv", PLAIN_LINES, ids=" ".join)
def test_a_plain_line_runs_fast_and_means_what_it_means_to_typer(argv, monkeypatch):
    fast = _fast_parse(argv)
    assert fast is not None
    assert fast == _typer_parse(argv, monkeypatch)


@pytest.mark.parametrize("argv", TYPER_LINES, ids=" ".join)
def test_help_mistakes_and_other_commands_go_to_typer(argv):
    assert fast_path.plan_of(argv) is None


def _values():
    odd = ["", "-x", "-5", "JSON", "json", "Area", "3", " 3", "1_0", "３", "2.5", "nan", "学校"]
    return st.sampled_from(odd) | st.text(max_size=6)


@st.composite
def command_lines(draw):
    """Command lines built from the table, right and wrong: options before or
    after the command, repeated, without a value, with odd values."""
    name = draw(st.sampled_from(sorted(COMMANDS)))
    _, _, options, arguments, _ = COMMANDS[name]
    words = [*options, *ROOT_OPTIONS, "--help", "--", "-h", "--nosuch"]
    tokens = ["x" for _ in arguments]
    for _ in range(draw(st.integers(0, 4))):
        word = draw(st.sampled_from(words))
        if draw(st.booleans()):
            tokens.append(f"{word}={draw(_values())}")
        else:
            tokens.extend([word, draw(_values())][: draw(st.integers(1, 2))])
    tokens = draw(st.permutations(tokens))
    front = []
    if draw(st.booleans()):
        front = [draw(st.sampled_from(list(ROOT_OPTIONS))), draw(_values())]
    return [*front, *name.split(), *tokens]


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(argv=command_lines())
def test_whatever_the_fast_path_takes_typer_takes_alike(argv, monkeypatch):
    fast = _fast_parse(argv)
    if fast is not None:
        assert fast == _typer_parse(argv, monkeypatch), argv


def test_a_fast_run_imports_no_typer(isolated_home):
    # In a fresh process: the fast path ran the command, and Typer (with the
    # Click it vendors) was never imported.
    script = (
        "import sys; from gwr_cli import fast_path; ran = fast_path.run(sys.argv[1:]); "
        "print(ran, sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'click')))"
    )
    fast = subprocess.run([sys.executable, "-c", script, "status"], capture_output=True, text=True)
    assert fast.stdout.splitlines()[-1] == "True []", fast.stderr
    helped = subprocess.run(
        [sys.executable, "-c", script, "status", "-h"], capture_output=True, text=True
    )
    assert helped.stdout.splitlines()[-1] == "False []", helped.stderr
    # The installed entry point, as a user runs it (-X importtime lists imports).
    python = [sys.executable, "-X", "importtime", "-m", "gwr_cli"]
    entry = subprocess.run([*python, "status"], capture_output=True, text=True, check=True)
    assert "gwr_cli.fast_path" in entry.stderr and "typer" not in entry.stderr
    help_run = subprocess.run([*python, "status", "--help"], capture_output=True, text=True)
    assert help_run.returncode == 0 and "typer" in help_run.stderr


TYPER_ONLY = (
    "import sys, gwr_cli.fast_path as fast; fast.run = lambda argv: False; "
    "sys.argv[0] = 'gwr'; from gwr_cli.cli import main; main()"
)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "argv",
    [
        ["status"],
        ["status", "--by", "unit", "--format", "json"],
        ["list", "--area", "education"],
        ["list", "--area", "education", "--area", "water", "--status", "not-started"],
        ["summary", "--week", "last", "--week", "this"],
        ["show", "school-no16"],
        ["summary", "--month", "2021-05"],
        ["export", "--format", "json"],
        ["show", "nosuch"],
        ["list", "--status", "nosuch"],
        ["--as-of", "2021-13-01", "status"],
        ["--lang", "xx", "status"],
        ["summary", "--month", "2021-13"],
        ["done", "school-no16", "--on", "2021-02-30"],
        ["progress", "school-no16", "abc"],
        ["indicator", "list"],
        ["indicator", "set", "nosuch", "1"],
        ["collect", "status", "--month", "2021-05"],
        ["collect", "template", "--unit", "x"],
        ["site", "--output", ""],
    ],
    ids=" ".join,
)
def test_the_fast_and_the_typer_path_say_the_same(argv, lang, isolated_home):
    env = {"GWR_LANG": lang, "GWR_USER": "tester"}
    fast = run_installed("--as-of", "2021-06-30", *argv, env=env)
    typer_run = subprocess.run(
        [sys.executable, "-c", TYPER_ONLY, "--as-of", "2021-06-30", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**__import__("os").environ, **env},
    )
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        typer_run.returncode,
        typer_run.stdout,
        typer_run.stderr,
    )


def test_a_record_on_the_fast_path_is_in_the_ledger(isolated_home):
    done = run_installed("done", "school-no16", "--note", "验收", "--on", "2021-06-01")
    assert done.returncode == 0, done.stderr
    shown = run_installed("--as-of", "2021-06-30", "show", "school-no16", "--lang", "zh")
    assert "验收" in shown.stdout
    assert installed_gwr()


@pytest.mark.parametrize(
    ("raised", "code", "said"),
    [
        (RuntimeError("boom"), 70, "this is a bug in gwr"),
        (KeyboardInterrupt(), 130, ""),
        (BrokenPipeError(), 1, ""),
    ],
)
def test_the_fast_path_ends_as_click_and_the_exit_point_end_the_typer_path(
    raised, code, said, monkeypatch, capsys
):
    import gwr_cli.handlers.reading as reading

    def broken(session, **params):
        raise raised

    monkeypatch.setattr(reading, "status", broken)
    with pytest.raises(SystemExit) as stopped:
        fast_path.run(["status"])
    assert stopped.value.code == code
    err = capsys.readouterr().err
    assert said in err.lower() and err.count("\n") == (1 if said else 0)
    monkeypatch.setenv("GWR_DEBUG", "1")
    if code == 70:
        with pytest.raises(RuntimeError):
            fast_path.run(["status"])


def test_an_error_before_the_workspace_is_worded_in_the_language_of_the_line(capsys):
    with pytest.raises(SystemExit) as stopped:
        fast_path.run(["--lang", "zh", "--as-of", "2021-02-30", "status"])
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("gwr：错误：") and "2021-02-30" in err


# A handler that writes a line and raises; run by the installed main on the
# fast path ("fast") or with the fast path off ("typer"), in a fresh process.
_RAISING = """
import errno, sys
from gwr_cli.errors import InputError
import gwr_cli.handlers.reading as reading

def broken(session, **params):
    sys.stdout.write("partial\\n")
    raise {raised}

reading.status = broken
if sys.argv.pop(1) == "typer":
    import gwr_cli.fast_path
    from gwr_cli.cli import whole_app

    gwr_cli.fast_path.run = lambda argv: False
    for info in whole_app().registered_commands:
        if getattr(info.callback, "handler", None) is not None:
            if info.callback.handler.__name__ == "status":
                info.callback.handler = broken
sys.argv[0] = "gwr"
from gwr_cli.cli import main
main()
"""


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "raised",
    [
        "RuntimeError('boom')",
        "KeyboardInterrupt()",
        "EOFError()",
        "BrokenPipeError(errno.EPIPE, 'Broken pipe')",
        "BrokenPipeError(errno.ESHUTDOWN, 'Cannot send after transport endpoint shutdown')",
        "BrokenPipeError()",
        "InputError('date.not_date', option='--on', value='x')",
        "SystemExit('bye')",
    ],
)
def test_whatever_a_handler_raises_both_paths_end_alike(raised, lang, isolated_home):
    # Click's main writes an empty line before "aborted" on EOFError; a broken
    # pipe other than EPIPE went past Click's main to a traceback on the Typer
    # path. Each path ends as the other, code, stdout and stderr.
    script = _RAISING.format(raised=raised)
    env = {**__import__("os").environ, "GWR_LANG": lang}
    ended = [
        subprocess.run([sys.executable, "-c", script, path, "status"], capture_output=True, env=env)
        for path in ("fast", "typer")
    ]
    fast, typer_run = ((r.returncode, r.stdout, r.stderr) for r in ended)
    assert fast == typer_run
    assert b"Traceback" not in fast[2] and fast[1] == b"partial\n"


@pytest.mark.parametrize(
    ("patched", "argv"),
    [("_never_fail_on_encoding", ["status"]), ("app_for", ["--help"])],
)
def test_ctrl_c_while_gwr_starts_exits_130_without_a_traceback(patched, argv, isolated_home):
    # Before the fast path (or Click) handles it: while gwr imports Typer or
    # its command modules, or sets up its streams.
    script = (
        "import sys\nimport gwr_cli.cli as cli\n"
        "def interrupted(*args):\n    raise KeyboardInterrupt\n"
        f"cli.{patched} = interrupted\nsys.argv[0] = 'gwr'\ncli.main()\n"
    )
    ended = subprocess.run([sys.executable, "-c", script, *argv], capture_output=True, text=True)
    assert (ended.returncode, ended.stderr) == (130, "")


@pytest.mark.parametrize("closed", [1, 2])
@pytest.mark.parametrize("fast", [True, False])
def test_a_closed_stdout_or_stderr_is_no_failure(closed, fast, isolated_home, ledger_dir):
    # `gwr done ... 2>&-`: Python gives a closed stream as None; writing to it
    # ended in a traceback and exit 1 after the record was made, so a script
    # would record it again. What would go there is dropped, as print drops it.
    script = ("" if fast else TYPER_ONLY.split("sys.argv[0]")[0]) + (
        "import sys; sys.argv[0] = 'gwr'; from gwr_cli.cli import main; main()"
    )

    def run(*argv):
        return subprocess.run(
            [sys.executable, "-c", script, *argv],
            capture_output=True,
            text=True,
            preexec_fn=lambda: __import__("os").close(closed),
        )

    done = run("done", "school-no16", "--on", "2021-06-01")
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert (
        sum(p.read_text().splitlines().count("[[events]]") for p in ledger_dir.glob("*.toml")) == 1
    )
    assert run("status").returncode == 0
    refused = run("show", "nosuch")
    said = "gwr: error: unknown task 'nosuch' (see `gwr list` for the task ids)\n"
    assert (refused.returncode, refused.stderr) == (1, "" if closed == 2 else said)
    assert run("list", "--nosuch").returncode == 2
