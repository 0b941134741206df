"""The drafter's error: a message key and its values, worded by the command.

The core does not know the user's language; the command turns the key into a
sentence from messages.py (`draft.error.<key>`).
"""

from __future__ import annotations

from gwr_cli.errors import InputError


class DraftError(InputError):
    """Input gwr cannot draft from: missing, binary, or without any task."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values
