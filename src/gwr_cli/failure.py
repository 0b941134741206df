"""The one way gwr stops on an error: one line on stderr, an exit code.

Both ways a command runs — through Typer (`app.GwrGroup`) and on the fast
path (`fast_path.py`) — end here, so an error reads the same whichever ran it.
"""

from __future__ import annotations

import os
import sys

from gwr_cli.errors import GwrError
from gwr_cli.messages import printable, text

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import NoReturn

BUG_EXIT_CODE = 70  # EX_SOFTWARE of sysexits.h: an internal error


def fail(message: str, exit_code: int, lang: str = "en") -> NoReturn:
    """Write "Error: message" (in `lang`) as one line on stderr and exit."""
    prefix = text("error.prefix", lang)
    sys.stderr.write(f"{prefix}{printable(message, single_line=True)}\n")
    raise SystemExit(exit_code)


def fail_with(error: GwrError, lang: str) -> NoReturn:
    """gwr's own error, worded in `lang`; the traceback only with GWR_DEBUG=1."""
    if os.environ.get("GWR_DEBUG"):
        raise error
    fail(error.text(lang), error.exit_code, lang)


def fail_as_bug(lang: str) -> NoReturn:
    """Call while handling an unexpected exception: a bug in gwr gets one line
    asking for a report (jrnl's catch-all), exit 70; GWR_DEBUG=1 re-raises it."""
    if os.environ.get("GWR_DEBUG"):
        raise  # the exception being handled
    fail(text("bug", lang), BUG_EXIT_CODE, lang)
