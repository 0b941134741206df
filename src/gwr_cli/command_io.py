"""What every command shares, without Typer: the workspace from the root
options, the one JSON encoding, and writing to the screen.

Kept apart from `app.py` (the Typer app) so that the commands' handlers
(`gwr_cli.handlers`) run on the fast path (`fast_path.py`) without importing
Typer, which is most of gwr's start-up.
"""

from __future__ import annotations

from enum import StrEnum

from gwr_cli.messages import detect_lang

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from gwr_cli.render import Output
    from gwr_cli.workspace import Workspace


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


def open_workspace(
    home: str | None, registry: str | None, as_of: str | None, lang: str | None
) -> Workspace:
    """The workspace the root options (--home, --registry, --as-of, --lang) name.

    Raises InputError for an --as-of that is no date or a --lang that is not
    zh or en; nothing is read yet (the workspace reads on demand).
    """
    from gwr_cli.workspace import Workspace

    as_of_date = None
    if as_of is not None:
        from gwr_cli.dates import parse_date

        as_of_date = parse_date(as_of, "--as-of")
    return Workspace(
        home_option=home, registry_option=registry, as_of_option=as_of_date, lang=detect_lang(lang)
    )


def new_output() -> Output:
    from gwr_cli.render import Output

    return Output()


def echo(line: str) -> None:
    from gwr_cli.output import write_text

    write_text(line + "\n")


def json_text(data: object) -> str:
    """The one JSON encoding: readable Chinese, no NaN or Infinity (not JSON)."""
    import json

    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=2) + "\n"


def dump_json(data: object) -> None:
    """JSON to standard output as UTF-8 bytes, whatever the console's code page."""
    from gwr_cli.output import write_bytes

    write_bytes(json_text(data).encode("utf-8"))
