"""Where things live: the home folder, the registry in use, the ledger.

Resolution is explicit and in one place so `gwr where` can show it and tests
can point everything at a temp dir through GWR_HOME.
"""

from __future__ import annotations

import os
from pathlib import Path

from gwr_cli.errors import InputError
from gwr_cli.patterns import LazyPattern
from gwr_cli.records import Record

APP_NAME = "gwr"
REGISTRY_FILE = "tasks.toml"
LEDGER_DIR = "ledger"
ASSIGNMENTS_FILE = "assignments.toml"  # 分工: who answers for each task

# An author name becomes a file name (ledger/<author>.toml), so it must be a
# single path component that no filesystem or git treats specially.
_AUTHOR_PATTERN = LazyPattern(r"[\w][\w.-]{0,63}")


class Locations(Record):
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


def _chosen(option: str | None, option_name: str, variable: str, what: str) -> str:
    """The option, else the environment variable; "" when neither is given.

    An empty value is refused, never taken for "not given": a script's empty
    variable (`--home "$DIR"`, `GWR_HOME=$DIR`) must not silently send records
    to the default folder.
    """
    from gwr_cli.messages import Msg

    if option is not None:
        if not option:
            raise InputError("paths.empty_option", option=option_name, what=Msg(what))
        return option
    from_env = os.environ.get(variable)
    if from_env is not None and not from_env:
        raise InputError("paths.empty_env", variable=variable, what=Msg(what))
    return from_env or ""


def resolve_home(option: str | None) -> Path:
    """--home, else GWR_HOME, else the platform's user data folder; empty is refused."""
    chosen = _chosen(option, "--home", "GWR_HOME", "paths.what.home")
    return Path(chosen).expanduser() if chosen else default_home()


def packaged_registry() -> Path:
    """The registry shipped with gwr: inside the wheel, or the checkout's data/."""
    package_dir = Path(__file__).resolve().parent
    for candidate in (package_dir / "data", package_dir.parent.parent / "data"):
        if (candidate / REGISTRY_FILE).is_file():
            return candidate / REGISTRY_FILE
    return package_dir / "data" / REGISTRY_FILE


def resolve_locations(home_option: str | None, registry_option: str | None) -> Locations:
    """Where the home and the registry are; an empty option or variable is refused
    (InputError, worded at the exit point)."""
    home = resolve_home(home_option)
    chosen = _chosen(registry_option, "--registry", "GWR_REGISTRY", "paths.what.registry")
    if chosen:
        origin = "--registry" if registry_option is not None else "GWR_REGISTRY"
        return Locations(home, Path(chosen).expanduser(), origin)
    in_home = home / REGISTRY_FILE
    if in_home.is_file():
        return Locations(home, in_home, "GWR_HOME")
    return Locations(home, packaged_registry(), "packaged")


def current_author() -> str:
    """The name this user's events are recorded under: GWR_USER, else the login."""
    name = os.environ.get("GWR_USER")
    origin = "GWR_USER"
    if not name:
        origin = "paths.login_name"
        import getpass

        try:
            name = getpass.getuser()
        except (KeyError, OSError):
            name = ""
    if not name:
        raise InputError("paths.no_user")
    if not _AUTHOR_PATTERN.fullmatch(name) or name.startswith("."):
        from gwr_cli.messages import Msg, Quoted

        raise InputError("paths.bad_user", origin=Msg(origin), name=Quoted(name))
    return name
