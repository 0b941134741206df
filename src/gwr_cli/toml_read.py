"""Parsing TOML as tomllib does, with a compiled parser when one is installed.

Every large TOML file gwr reads without its cache — the ledger files, the
registry, the 分工 file — is parsed here (issue 15: the cold path). tomllib
stays the reference: it decides every text the fast parser refuses, and so
words every error, with the line and column that gwr's messages quote.

The fast parser is toml-rs held to TOML 1.0, the version tomllib reads. rtoml
and tomli (2.3 and later) read TOML 1.1 and cannot be told not to: they
accepted texts tomllib refuses (a time without seconds, `\\e` and `\\x41`
escapes, a newline or a trailing comma in an inline table), so a hand-edited
ledger line that gwr must refuse was read instead. toml-rs is also faster:
0.26 s for the benchmark's 100,000 events where rtoml took 0.42 s, and its
date-times carry the standard library's `timezone`, which compares and
formats faster than rtoml's own.
"""

from __future__ import annotations

from gwr_cli.patterns import LazyPattern

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import Any

TOML_VERSION = "1.0.0"  # what tomllib reads (Python 3.11 to 3.14)
_fast_loads: Any = None


def _fast_parser() -> Any:
    global _fast_loads
    if _fast_loads is None:
        _fast_loads = False
        try:
            from toml_rs import loads
        except ImportError:
            return _fast_loads

        def _fast_loads(text: str) -> dict[str, Any]:
            return loads(text, toml_version=TOML_VERSION)

    return _fast_loads


def loads_toml(text: str) -> dict[str, Any]:
    """Parse TOML text as tomllib does; raise ValueError (tomllib.TOMLDecodeError,
    whose message ends with "(at line L, column C)" or "(at end of document)").

    A compiled parser (toml-rs, reading TOML 1.0) does the work when installed
    (the `fast` extra). tomllib parses every text the fast parser refuses (so
    the error is tomllib's), and every text with a carriage return (multi-line
    strings must come out with LF, as tomllib gives them).

    A float written -0.0 (or -0e5) is read as 0.0: gwr keeps one zero, the one
    it writes (a typed -0 is stored as `value = 0`), so that nothing shown
    (JSON's -0.0) depends on whether a number was typed or read back.
    """
    document = _parsed(text)
    if _has_negative_zero(text):  # rare: the walk is paid only then
        _drop_negative_zeros(document)
    return document


def _has_negative_zero(text: str) -> bool:
    """Whether the text may hold a negative zero float: every -0. / -0e found by
    str.find (in C; a ledger's dates make a regular expression search over the
    whole text about 3 ms a megabyte) is matched where it stands."""
    for needle in ("-0.", "-0e", "-0E"):
        start = text.find(needle)
        while start >= 0:
            if _NEGATIVE_ZERO.match(text, start):
                return True
            start = text.find(needle, start + 3)
    return False


# A float literal of zeros only with a minus sign (-0.0, -0.000, -0e5, -0.0e-3;
# TOML allows no other leading zero). The literal "-0" lets the search skip
# ahead in C; a string that holds such a text only costs the walk.
_NEGATIVE_ZERO = LazyPattern(r"-0(?:\.[0_]*)?(?:[eE][+-]?[0-9_]+)?(?![0-9._])")


def _drop_negative_zeros(node: Any) -> None:
    """Every float -0.0 in a parsed document (tables and arrays) made 0.0, in place."""
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in list(items):
        if value.__class__ is float and value == 0.0:
            node[key] = 0.0  # -0.0 == 0.0, but prints and dumps as -0.0
        elif isinstance(value, dict | list):
            _drop_negative_zeros(value)


def _parsed(text: str) -> dict[str, Any]:
    if "\r" not in text:
        fast = _fast_parser()
        if fast:
            try:
                return fast(text)
            except Exception:
                pass
    import tomllib  # parsed only when the cache does not already hold the file

    return tomllib.loads(text)
