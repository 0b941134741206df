"""Parsing TOML as tomllib does, with a compiled parser when one is installed.

Every large TOML file gwr reads without its cache — the ledger files, the
registry, the 分工 file — is parsed here (issue 15: the cold path). tomllib
stays the reference: it decides every text the fast parser refuses, and so
words every error, with the line and column that gwr's messages quote.
"""

from typing import Any

_FAST_PARSERS = ("rtoml", "tomli")  # fastest first: 7.8x and 4x tomllib on bench data
_fast_loads: Any = None


def _fast_parser() -> Any:
    global _fast_loads
    if _fast_loads is None:
        _fast_loads = False
        for name in _FAST_PARSERS:
            try:
                _fast_loads = __import__(name).loads
                break
            except ImportError:
                continue
    return _fast_loads


def loads_toml(text: str) -> dict[str, Any]:
    """Parse TOML text as tomllib does; raise ValueError (tomllib.TOMLDecodeError,
    whose message ends with "(at line L, column C)" or "(at end of document)").

    A compiled parser (rtoml, else tomli) does the work when installed (the
    `fast` extra). tomllib parses every text the fast parser refuses (so the
    error is tomllib's), and every text with a carriage return, whose
    multi-line strings rtoml keeps with CRLF where tomllib gives LF.
    """
    if "\r" not in text:
        fast = _fast_parser()
        if fast:
            try:
                return fast(text)
            except Exception:
                pass
    import tomllib  # parsed only when the cache does not already hold the file

    return tomllib.loads(text)
