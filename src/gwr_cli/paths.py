"""Where things live: the home folder, the registry in use, the ledger.

Resolution is explicit and in one place so `gwr where` can show it and tests
can point everything at a temp dir through GWR_HOME.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import NamedTuple

from gwr_cli.errors import InputError

APP_NAME = "gwr"
REGISTRY_FILE = "tasks.toml"
LEDGER_DIR = "ledger"
ASSIGNMENTS_FILE = "assignments.toml"  # 分工: who answers for each task

# An author name becomes a file name (ledger/<author>.toml), so it must be a
# single path component that no filesystem or git treats specially.
_AUTHOR_PATTERN = re.compile(r"[\w][\w.-]{0,63}")


class Locations(NamedTuple):
    home: Path
    registry: Path
    registry_origin: str  # "--registry", "GWR_REGISTRY", "GWR_HOME" or "packaged"

    @property
    def ledger(self) -> Path:
        return self.home / LEDGER_DIR

    @property
    def assignments_file(self) -> Path:
        """$GWR_HOME/assignments.toml, shared through git like the ledger; may not exist."""
        return self.home / ASSIGNMENTS_FILE


def default_home() -> Path:
    # platformdirs knows the right folder on Linux, macOS and Windows (where
    # most district offices work); imported here so other paths never pay for it.
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def resolve_home(option: str | None) -> Path:
    chosen = option or os.environ.get("GWR_HOME")
    return Path(chosen).expanduser() if chosen else default_home()


def packaged_registry() -> Path:
    """The registry shipped with gwr: inside the wheel, or the checkout's data/."""
    package_dir = Path(__file__).resolve().parent
    for candidate in (package_dir / "data", package_dir.parent.parent / "data"):
        if (candidate / REGISTRY_FILE).is_file():
            return candidate / REGISTRY_FILE
    return package_dir / "data" / REGISTRY_FILE


def resolve_locations(home_option: str | None, registry_option: str | None) -> Locations:
    home = resolve_home(home_option)
    if registry_option:
        return Locations(home, Path(registry_option).expanduser(), "--registry")
    from_env = os.environ.get("GWR_REGISTRY")
    if from_env:
        return Locations(home, Path(from_env).expanduser(), "GWR_REGISTRY")
    in_home = home / REGISTRY_FILE
    if in_home.is_file():
        return Locations(home, in_home, "GWR_HOME")
    return Locations(home, packaged_registry(), "packaged")


def current_author() -> str:
    """The name this user's events are recorded under: GWR_USER, else the login."""
    name = os.environ.get("GWR_USER")
    origin = "GWR_USER"
    if not name:
        origin = "login name"
        import getpass

        try:
            name = getpass.getuser()
        except (KeyError, OSError):
            name = ""
    if not name:
        raise InputError("cannot tell who you are: set GWR_USER to your name, e.g. GWR_USER=zhang")
    if not _AUTHOR_PATTERN.fullmatch(name) or name.startswith("."):
        raise InputError(
            f"{origin} {name!r} cannot name a ledger file: use letters, digits, "
            "'-', '_' or '.', at most 64 characters, e.g. GWR_USER=zhang-san"
        )
    return name
