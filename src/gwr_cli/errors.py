"""The project's own exception types.

Core modules raise these; the CLI turns them into a one-line message on stderr
and an exit code, in one place (`cli.GwrGroup`). Every message is written for
the person at the terminal: what was wrong, and what would be right.
"""

from __future__ import annotations


class GwrError(Exception):
    """Anything gwr reports to the user instead of a traceback."""

    exit_code = 1


class InputError(GwrError):
    """The user asked for something that does not exist or is not allowed."""


class RegistryError(GwrError):
    """The registry file is missing, unreadable or invalid."""


class AssignmentsError(GwrError):
    """The assignments file (分工, $GWR_HOME/assignments.toml) is unreadable or invalid."""


class LedgerError(GwrError):
    """The progress ledger cannot be read or written safely."""


class LockTimeout(LedgerError):
    """Another process held the ledger lock for too long."""
