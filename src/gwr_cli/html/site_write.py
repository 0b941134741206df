"""Writing the static site (`gwr site`) into a folder: the base URL checked,
every file replaced atomically, and the files of the previous run that are
gone removed, never anything gwr did not write (the MARKER file lists them)."""

from __future__ import annotations

import contextlib
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


def write_site(directory: Path, files: Mapping[str, bytes], lang: str) -> int:
    """Write the site into directory, each file atomically; returns files written.

    A folder that exists, is not empty and has no marker is refused before
    anything is written: it is someone's other files. Files an earlier run
    wrote (listed in the marker) that the site no longer has are removed;
    nothing else in the folder is touched. Unchanged files are not rewritten.
    A write that fails (a full disk, a read-only folder) removes what this run
    created, the folder too when it made it, and raises InputError (one line).
    """
    import shutil

    from gwr_cli.output import write_atomically

    shown = directory  # the folder as the user typed it, for messages
    if directory.is_symlink():  # written through, as --output FILE is; a dangling one made
        directory = Path(os.path.realpath(directory))
    if directory.exists() and not directory.is_dir():
        raise InputError(text("site.not_dir", lang, path=shown))
    marker = directory / MARKER
    previous: list[str] = []
    if directory.is_dir():
        if marker.is_file():
            previous = marker.read_text(encoding="utf-8").splitlines()[1:]
        elif any(directory.iterdir()):
            raise InputError(text("site.not_exists", lang, path=shown, marker=MARKER))
    made, had_marker = not directory.exists(), marker.is_file()
    created: list[Path] = []
    try:
        directory.mkdir(parents=True, exist_ok=True)
        # The marker first, naming every file this run may leave: a run cut
        # short still leaves a folder gwr knows as its own, never one it refuses.
        both = [*previous, *(p for p in files if p not in previous)]
        write_atomically(marker, _marker(both))
        for relative, content in files.items():
            path = directory / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.is_file() and path.read_bytes() == content:
                continue
            if not os.path.lexists(path):
                created.append(path)
            write_atomically(path, content)
        for relative in previous:
            if relative not in files and _inside(relative):
                (directory / relative).unlink(missing_ok=True)
        write_atomically(marker, _marker(list(files)))
    except OSError as error:
        if made:
            shutil.rmtree(directory, ignore_errors=True)
        else:
            for path in created:
                path.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                if had_marker:
                    write_atomically(marker, _marker(previous))
                else:
                    marker.unlink(missing_ok=True)
        raise InputError(text("site.cannot_write", lang, path=shown, reason=error)) from None
    return len(files)


def _inside(relative: str) -> bool:
    """A path the marker may name: relative, without '..' (a hand-edited marker
    must never make gwr delete files outside the site)."""
    parts = Path(relative).parts
    return bool(parts) and not Path(relative).is_absolute() and ".." not in parts


def _marker(paths: Sequence[str]) -> bytes:
    return (_MARKER_HEADER + "".join(f"{p}\n" for p in paths)).encode()
