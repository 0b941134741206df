"""Writing the static site (`gwr site`) into a folder: the base URL checked,
and the folder replaced whole, in one step (built beside it, then swapped:
`whole_writes`): the pages of the previous run that are gone leave with it,
never anything gwr did not write (the MARKER file lists what it wrote)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from gwr_cli.errors import InputError
from gwr_cli.messages import text

MARKER = ".gwr-site"  # lists the files of the last site written to the folder
_MARKER_HEADER = "gwr site: files written by `gwr site`; replaced on every run\n"


# What a URI path keeps as it is (RFC 3986 pchar and "/"), less the quote "'"
# that an HTML or XML attribute would end at: a "%" only where it starts an
# escape already made ("%20"), see _PERCENT_ALONE. Everything else (a space,
# < > " ' ` { } | \\ ^, any non-ASCII letter) is percent-encoded as UTF-8.
_PATH_SAFE = "/:@!$&()*+,;=-._~%"
_PERCENT_ALONE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_EXAMPLE = "https://example.org/gwr/"
# A DNS label as a host name allows it (RFC 1123): letters, digits and inner
# hyphens, 1 to 63 of them; no "_", no space.
_LABEL = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")
# C0 and C1 control characters and DEL: urlsplit removes a tab or line break
# without a word, so the URL written would not be the one typed.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# The full stops IDNA reads as a dot between labels.
_DOTS = re.compile("[\u3002\uff0e\uff61]")


def check_base_url(base_url: str | None, lang: str) -> str:
    """The sitemap's absolute prefix as a URI (RFC 3986) ending with a slash, or
    "" for relative URLs (`base_url` None: --base-url not given): the scheme and
    host in lower case, a non-ASCII host in IDNA (例子.中国 -> xn--fsqu00a.xn--fiqs8s),
    the path percent-encoded where a URI path does not allow a character (a
    space -> %20, /报告/ -> /%E6%8A%A5%E5%91%8A/). InputError (one line, `lang`)
    for an empty value, a control character (urlsplit would drop a tab or line
    break silently), anything but http(s), a query or fragment, no host, text
    after an IPv6 address's bracket, a host name that is not one (a space, "_",
    a hyphen first or last, a part over 63 characters, an xn-- label IDNA
    refuses, a name IDNA 2003 maps to another: ß.de -> ss.de), digits and dots
    that are no IPv4 address (1.2.3.256), a port outside 1-65535, or a user name
    or password (it would be published in sitemap.xml)."""
    from urllib.parse import quote, urlsplit

    if base_url is None:
        return ""
    if not base_url:  # a script's empty variable: relative URLs were not asked for
        raise InputError(text("site.base_url_empty", lang, example=_EXAMPLE))
    control = next((c for c in base_url if _CONTROL.match(c)), None)
    if control is not None:  # the URL itself is not repeated: it would break the line
        raise InputError(
            text("site.base_url_control", lang, char=f"U+{ord(control):04X}", example=_EXAMPLE)
        )
    values = {"url": base_url, "example": _EXAMPLE}
    if not base_url.lower().startswith(("http://", "https://")):
        raise InputError(text("site.base_url", lang, **values))
    if "?" in base_url or "#" in base_url:  # the page's path is appended to it
        raise InputError(text("site.base_url_query", lang, **values))
    no_host = InputError(text("site.base_url_host", lang, **values))
    parts = urlsplit(base_url)
    if "@" in parts.netloc:  # the URL itself is not repeated: it holds the password
        raise InputError(text("site.base_url_userinfo", lang, example=_EXAMPLE))
    port_text = _port_text(parts.netloc)
    if port_text is None:  # "[::1]x": urlsplit keeps the address and drops the rest
        raise InputError(text("site.base_url_bracket", lang, url=base_url))
    if port_text and not (port_text.isascii() and port_text.isdigit()):
        raise InputError(text("site.base_url_port", lang, port=port_text, **values))
    port = int(port_text) if port_text else None
    if port is not None and not 1 <= port <= 65535:
        raise InputError(text("site.base_url_port", lang, port=port_text, **values))
    if not parts.hostname:
        raise no_host
    host = _host(parts.hostname, parts.netloc, lang, values)
    netloc = f"[{host}]" if ":" in host else host  # an IPv6 address keeps its brackets
    if port is not None:
        netloc += f":{port}"
    path = quote(_PERCENT_ALONE.sub("%25", parts.path), safe=_PATH_SAFE)
    if not path.endswith("/"):
        path += "/"
    return f"{parts.scheme.lower()}://{netloc}{path}"


def _port_text(netloc: str) -> str | None:
    """The port of `netloc` as typed ("" for none), or None when something other
    than ":port" follows an IPv6 address's closing bracket."""
    if netloc.startswith("["):
        rest = netloc.partition("]")[2]
        if rest and not rest.startswith(":"):
            return None
        return rest[1:]
    return netloc.rpartition(":")[2] if ":" in netloc else ""


def _host(hostname: str, netloc: str, lang: str, values: dict[str, str]) -> str:
    """`hostname` (as urlsplit gives it, lower case) in ASCII: an IPv6 address
    as it is, an IPv4 address, or a name in IDNA whose every label is a valid
    one and which decodes back to the name typed; InputError."""
    import ipaddress

    bad_name = InputError(text("site.base_url_name", lang, host=hostname, **values))
    if netloc.startswith("[") or ":" in hostname:
        try:
            return str(ipaddress.IPv6Address(hostname))
        except ValueError:
            raise InputError(text("site.base_url_host", lang, **values)) from None
    typed = _DOTS.sub(".", hostname)
    for label in typed.split("."):  # before IDNA, which refuses it with no reason given
        length = len(label) if label.isascii() else len(b"xn--" + label.encode("punycode"))
        if length > 63:
            values = {**values, "label": label, "length": str(length)}
            raise InputError(text("site.base_url_long", lang, host=hostname, **values))
    try:
        host = hostname.encode("idna").decode("ascii")
        back = host.encode("ascii").decode("idna")  # an xn-- label that is no valid IDNA
    except UnicodeError:
        raise bad_name from None
    if back != typed:  # IDNA 2003 maps ß to ss, ｅ to e: another host than the one typed
        raise InputError(text("site.base_url_idna", lang, host=hostname, written=host, **values))
    labels = host[:-1].split(".") if host.endswith(".") else host.split(".")
    if all(label.isdigit() for label in labels):  # 999, 1.2.3.256: meant as an address
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            raise InputError(text("site.base_url_ipv4", lang, host=hostname, **values)) from None
        return host
    if len(host) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        raise bad_name
    return host


def write_site(directory: Path, files: Mapping[str, bytes], lang: str) -> tuple[int, bool]:
    """Write the site into `directory`, all or nothing; returns (files written,
    whether an old site an interrupted run had set aside was put back first).

    A folder that exists, is not empty and has no marker is refused before
    anything is written: it is someone's other files. The new site is built
    in a sibling folder: each page written and fsynced (an unchanged page is
    the old file, hard-linked, not rewritten), every file of the folder gwr
    did not write (not in the marker: notes, a CNAME, a .git) carried over
    as it is, the marker listing the new pages; then it replaces the old
    folder in one step (`whole_writes.swap_in`), so the folder is the old site
    or the new one, whole, whatever happens midway. Pages of the old site
    that the new one no longer has are gone with it; nothing else is.
    Raises InputError (one line): a failed write (a full disk, a read-only
    parent folder) leaves the folder as it was, and what the run made beside
    it is removed (or, if the run was killed, by the next run).
    """
    from gwr_cli import whole_writes
    from gwr_cli.ledger import lock_timeout
    from gwr_cli.regular import NotRegularFile

    shown = directory  # the folder as the user typed it, for messages
    if directory.is_symlink():  # written through, as --output FILE is; a dangling one made
        directory = Path(os.path.realpath(directory))
    # Absolute: "." and "site/.." must name a folder with a parent and a name.
    directory = Path(os.path.abspath(directory))
    if directory.exists() and not directory.is_dir():
        raise InputError(text("site.not_dir", lang, path=shown))
    _refuse_foreign(directory, shown, lang)
    timeout = lock_timeout()
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        with whole_writes.folder_lock(directory.parent, timeout):
            restored = whole_writes.recover(directory)
            previous = _refuse_foreign(directory, shown, lang)  # again: as recovered, locked
            staging = whole_writes.new_folder_beside(directory)
            try:
                _build(staging, directory, files, previous)
                replaced = whole_writes.swap_in(staging, directory)
            except BaseException:
                whole_writes.remove_quietly(staging)
                raise
            if replaced is not None:
                whole_writes.remove_quietly(replaced)
    except TimeoutError:
        raise InputError(text("site.busy", lang, path=shown, folder=directory.parent)) from None
    except NotRegularFile as error:  # in the old folder: it could not be carried over
        values = {"path": shown, "file": error.filename, "reason": error}
        raise InputError(text("site.cannot_keep", lang, **values)) from None
    except OSError as error:
        raise InputError(text("site.cannot_write", lang, path=shown, reason=error)) from None
    return len(files), restored


def _refuse_foreign(directory: Path, shown: Path, lang: str) -> list[str]:
    """The pages the marker lists; InputError for a folder that is not empty
    and has no marker (someone's other files)."""
    marker = directory / MARKER
    if not directory.is_dir():
        return []
    if marker.is_file():
        return marker.read_text(encoding="utf-8").splitlines()[1:]
    if any(directory.iterdir()):
        raise InputError(text("site.not_exists", lang, path=shown, marker=MARKER))
    return []


def _build(staging: Path, old: Path, files: Mapping[str, bytes], previous: list[str]) -> None:
    """The new site in `staging`: its pages, then every file of the old folder
    gwr did not write, then the marker. Raises OSError."""
    from gwr_cli import whole_writes

    existed = old.is_dir()
    if existed:
        whole_writes.keep_folder_mode(old, staging)
    for relative, content in files.items():
        path = staging / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        before = old / relative
        mode = None
        if existed and before.is_file() and not before.is_symlink():
            if before.read_bytes() == content:  # unchanged: not rewritten
                try:
                    os.link(before, path)
                    continue
                except OSError:
                    pass
            mode = os.stat(before).st_mode & 0o7777  # an existing page keeps its mode
        write_page(path, content, mode)
    if existed:
        skip = {*previous, *files, MARKER}
        whole_writes.carry(old, staging, {p for p in skip if _inside(p)})
    write_page(staging / MARKER, _marker(list(files)), None)


def write_page(path: Path, content: bytes, mode: int | None) -> None:
    """One new file of the site being built (a name of its own, for tests to
    make a write fail). Raises OSError."""
    from gwr_cli.whole_writes import write_new

    write_new(path, content, mode)


def _inside(relative: str) -> bool:
    """A path the marker may name: relative, without '..' (a hand-edited marker
    must never make gwr delete files outside the site)."""
    parts = Path(relative).parts
    return bool(parts) and not Path(relative).is_absolute() and ".." not in parts


def _marker(paths: Sequence[str]) -> bytes:
    return (_MARKER_HEADER + "".join(f"{p}\n" for p in paths)).encode()
