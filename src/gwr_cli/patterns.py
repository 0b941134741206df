"""Regular expressions compiled on first use.

Why: a compiled pattern lives only as long as the process, and gwr is a new
process for every command. Compiling its fourteen module-level patterns took
about 1.6 ms of every start-up (measured at 10,000 tasks, issue 15), though
most commands use two or three of them, and many none.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import Any

# What gwr calls on a pattern; each is bound once, on first use, so that later
# calls cost what they cost on a compiled pattern.
_METHODS = ("match", "fullmatch", "search", "sub", "subn", "split", "finditer", "findall")


class LazyPattern:
    """`re.compile(pattern, flags)` when first used; behaves like the compiled
    pattern for its methods and attributes (`pattern`, `flags`, `groups`)."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        # Called only for what the instance does not hold yet: compile once,
        # keep the bound methods on the instance.
        if name.startswith("__") or name == "_compiled":
            raise AttributeError(name)
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self._compiled = re.compile(*self._source)
            for method in _METHODS:
                setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r}, {self._source[1]!r})"
