"""The project's own exception types.

Core modules raise these; the CLI turns them into a one-line message on stderr
and an exit code, in one place (`app.GwrGroup`). Every message is written for
the person at the terminal: what was wrong, and what would be right.

An error carries a message key of `messages.py` and its parameters, as jrnl's
MsgText does, and is worded in the language in force (--lang, else GWR_LANG,
else the locale) only at the exit point:

    raise InputError("lookup.unknown", kind=Msg("kind.task"), typed="sewr", hint="")

A parameter that is itself a `messages.Msg` is worded in the same language.
A first argument that is no key is taken as a message already worded (the few
errors a command builds with `messages.text` in the language it knows).

errors.py is the bottom of the import graph: `messages` installs the wording
function (`GwrError.wording`) when it is imported, which the exit point always
has done.
"""

from __future__ import annotations


class GwrError(Exception):
    """Anything gwr reports to the user instead of a traceback."""

    exit_code = 1
    # (key, params, lang) -> text; installed by gwr_cli.messages on import.
    wording: object = None
    # () -> the language when --lang is unknown; installed by gwr_cli.messages.
    default_lang: object = None

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def text(self, lang: str) -> str:
        """The one-line message in `lang` ("zh" or "en")."""
        if GwrError.wording is None:  # messages not imported: key and values
            return " ".join([self.key, *(f"{k}={v!r}" for k, v in self.params.items())])
        return GwrError.wording(self.key, self.params, lang)

    def __str__(self) -> str:
        return self.text(GwrError.default_lang() if GwrError.default_lang else "en")


class InputError(GwrError):
    """The user asked for something that does not exist or is not allowed."""


class UsageError(InputError):
    """Options that cannot go together on one command line: exit 2, as every
    usage error (Click's own included)."""

    exit_code = 2


class RegistryError(GwrError):
    """The registry file is missing, unreadable or invalid."""


class AssignmentsError(GwrError):
    """The assignments file (分工, $GWR_HOME/assignments.toml) is unreadable or invalid."""


class LedgerError(GwrError):
    """The progress ledger cannot be read or written safely."""


class LockTimeout(LedgerError):
    """Another process held the ledger lock for too long."""
