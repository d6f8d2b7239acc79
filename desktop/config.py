"""Configuration in the order of DESIGN.md §5: command-line flag, environment, user config,
machine-wide config (written by the installer), defaults.

The files are INI files with one ``[trama]`` section::

    [trama]
    server_url = https://trama.provincia.varese.it
    site_code = AMB-SOMMA
    ca_bundle = C:\\ProgramData\\Trama\\provincia-ca.pem
    data_dir = D:\\Trama
    backup_dir = \\\\server\\backup\\Trama
    backup_keep = 14

- machine-wide: ``/etc/trama/trama.conf`` on Linux, ``/Library/Application
  Support/Trama/trama.conf`` on macOS; on Windows ``%ProgramData%\\Trama\\trama.ini`` and,
  under it, the values the MSI stores from its properties ``SERVER_URL``, ``SITE_CODE``,
  ``CA_BUNDLE`` in ``HKLM\\SOFTWARE\\Trama`` (the file wins where both set a key);
- the user's: ``trama.ini`` (``trama.conf`` off Windows) in the user's configuration folder.

An empty value counts as unset (the MSI writes every key, empty when its property was not
given). A relative ``ca_bundle`` is relative to the file that names it, so IT can put the CA
next to the machine-wide file. ``TRAMA_MACHINE_CONFIG`` and ``TRAMA_USER_CONFIG`` name other
files: they are for tests and unusual installs, not for everyday use.
"""

from __future__ import annotations

import configparser
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import PlatformDirs

SECTION = "trama"

DATA_DIR = "data_dir"
SERVER_URL = "server_url"
SITE_CODE = "site_code"
CA_BUNDLE = "ca_bundle"
# Where the automatic backups go and how many are kept (desktop.store.backups): here and not in
# the store, so that they are known when the store itself cannot be read.
BACKUP_DIR = "backup_dir"
BACKUP_KEEP = "backup_keep"
KEYS = (DATA_DIR, SERVER_URL, SITE_CODE, CA_BUNDLE, BACKUP_DIR, BACKUP_KEEP)
DEFAULT_BACKUP_KEEP = 14
MAX_BACKUP_KEEP = 999

# The environment's name of each setting.
ENVIRONMENT = {
    DATA_DIR: "TRAMA_DATA_DIR",
    SERVER_URL: "TRAMA_SERVER_URL",
    SITE_CODE: "TRAMA_SITE_CODE",
    CA_BUNDLE: "TRAMA_CA_BUNDLE",
    BACKUP_DIR: "TRAMA_BACKUP_DIR",
    BACKUP_KEEP: "TRAMA_BACKUP_KEEP",
}
MACHINE_CONFIG_ENV = "TRAMA_MACHINE_CONFIG"
USER_CONFIG_ENV = "TRAMA_USER_CONFIG"

# Settings that name files: a relative path is taken from the configuration file's folder.
_PATH_KEYS = frozenset({DATA_DIR, CA_BUNDLE, BACKUP_DIR})

# Windows: where the installer keeps its properties (HKLM, 64-bit view).
MACHINE_REGISTRY_KEY = r"SOFTWARE\Trama"
MACHINE_REGISTRY_LABEL = r"HKLM\SOFTWARE\Trama"


class ConfigError(Exception):
    """A configuration file or value that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class ConfigValue:
    """A setting's value and where it came from (a flag, a variable, a file, "default")."""

    value: str
    source: str


def _platform_dirs() -> PlatformDirs:
    return PlatformDirs(appname="Trama", appauthor="Provincia di Varese")


def _config_file_name() -> str:
    return "trama.ini" if sys.platform == "win32" else "trama.conf"


def machine_config_path(environ: Mapping[str, str] | None = None) -> Path:
    """The machine-wide file the installer writes (it need not exist)."""
    environ = os.environ if environ is None else environ
    override = environ.get(MACHINE_CONFIG_ENV, "").strip()
    if override:
        return Path(override)
    if sys.platform == "win32":
        program_data = environ.get("ProgramData") or environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(program_data) / "Trama" / "trama.ini"
    if sys.platform == "darwin":
        return Path("/Library/Application Support/Trama/trama.conf")
    return Path("/etc/trama/trama.conf")


def user_config_path(environ: Mapping[str, str] | None = None) -> Path:
    """The user's own file (it need not exist)."""
    environ = os.environ if environ is None else environ
    override = environ.get(USER_CONFIG_ENV, "").strip()
    if override:
        return Path(override)
    return Path(_platform_dirs().user_config_dir) / _config_file_name()


def read_config_file(path: Path) -> dict[str, str]:
    """The non-empty settings of a file; {} when it does not exist.

    Raises ``ConfigError`` for a file that cannot be read or parsed, or that names an unknown
    setting (a typo would otherwise be silently ignored).
    """
    parser = configparser.ConfigParser(interpolation=None)
    try:
        # utf-8-sig: Notepad on Windows may save a byte-order mark.
        with path.open(encoding="utf-8-sig") as handle:
            parser.read_file(handle)
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, configparser.Error) as error:
        raise ConfigError(f"Il file di configurazione {path} non è leggibile: {error}") from error
    values: dict[str, str] = {}
    for section in parser.sections():
        if section.strip().lower() != SECTION:
            continue
        for key, raw in parser.items(section):
            if key not in KEYS:
                raise ConfigError(
                    f"Il file di configurazione {path} contiene l'impostazione sconosciuta "
                    f"{key!r}: quelle ammesse sono {', '.join(KEYS)}."
                )
            value = raw.strip().strip('"').strip()
            if not value:
                continue
            if key in _PATH_KEYS:
                value = str(_relative_to(Path(value), path.parent))
            values[key] = value
    return values


def _relative_to(value: Path, folder: Path) -> Path:
    expanded = Path(os.path.expandvars(str(value))).expanduser()
    return expanded if expanded.is_absolute() else folder / expanded


@dataclass(frozen=True)
class Configuration:
    """The resolved settings; a key is absent when no layer set it."""

    values: Mapping[str, ConfigValue]

    def get(self, key: str) -> str | None:
        found = self.values.get(key)
        return None if found is None else found.value

    def source(self, key: str) -> str | None:
        found = self.values.get(key)
        return None if found is None else found.source

    @property
    def server_url(self) -> str | None:
        return self.get(SERVER_URL)

    @property
    def site_code(self) -> str | None:
        code = self.get(SITE_CODE)
        return None if code is None else code.upper()

    @property
    def ca_bundle(self) -> Path | None:
        path = self.get(CA_BUNDLE)
        return None if path is None else Path(path)

    @property
    def data_dir(self) -> Path:
        """The data folder: the resolved setting, else the user's data folder."""
        path = self.get(DATA_DIR)
        chosen = Path(path) if path is not None else Path(_platform_dirs().user_data_dir)
        check_not_in_install_folder(chosen)
        return chosen

    @property
    def backup_dir(self) -> Path | None:
        """The folder chosen for backups (a network share is fine); None: the data folder's."""
        path = self.get(BACKUP_DIR)
        return None if path is None else Path(path)

    @property
    def backup_keep(self) -> int:
        """How many backups (generations) are kept; ``ConfigError`` for a value that is not a
        whole number from 1 to ``MAX_BACKUP_KEEP``."""
        text = self.get(BACKUP_KEEP)
        if text is None:
            return DEFAULT_BACKUP_KEEP
        return parse_backup_keep(text, source=self.source(BACKUP_KEEP) or "")


def parse_backup_keep(text: str, *, source: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_BACKUP_KEEP:
        raise ConfigError(
            f"L'impostazione {BACKUP_KEEP} ({source}) vale {text!r}: deve essere un numero intero "
            f"da 1 a {MAX_BACKUP_KEEP} (quante copie di sicurezza conservare)."
        )
    return value


def write_user_settings(
    changes: Mapping[str, str | None], environ: Mapping[str, str] | None = None
) -> Path:
    """Set (or, with None, remove) settings in the user's own file, keeping the others and
    any comment-free layout configparser can keep; written privately and atomically. Returns
    the file. Raises ``ConfigError`` for an unknown key or a file that cannot be read or
    written."""
    path = user_config_path(environ)
    unknown = sorted(key for key in changes if key not in KEYS)
    if unknown:
        raise ConfigError(f"impostazioni sconosciute: {', '.join(unknown)}")
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with path.open(encoding="utf-8-sig") as handle:
            parser.read_file(handle)
    except FileNotFoundError:
        pass
    except (OSError, UnicodeDecodeError, configparser.Error) as error:
        raise ConfigError(f"Il file di configurazione {path} non è leggibile: {error}") from error
    section = next((name for name in parser.sections() if name.strip().lower() == SECTION), None)
    if section is None:
        section = SECTION
        parser.add_section(section)
    for key, value in changes.items():
        if value is None or not value.strip():
            parser.remove_option(section, key)
        else:
            parser.set(section, key, value.strip())
    lines: list[str] = []
    for name in parser.sections():
        lines.append(f"[{name}]")
        lines.extend(f"{key} = {value}" for key, value in parser.items(name))
        lines.append("")
    try:
        _write_private(path, "\n".join(lines).encode("utf-8"))
    except OSError as error:
        raise ConfigError(
            f"Il file di configurazione {path} non si può scrivere: {error.strerror or error}"
        ) from error
    return path


def load_configuration(
    flags: Mapping[str, str | Path | None] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
) -> Configuration:
    """Resolve every setting: ``flags`` (the command line's, None when not given) first, then
    the environment, the user's file, the machine-wide file; unset keys are left out."""
    environ = os.environ if environ is None else environ
    layers: list[tuple[str, Mapping[str, str]]] = []
    given = {key: str(value) for key, value in (flags or {}).items() if value not in (None, "")}
    layers.append(("command line", given))
    from_environment = {
        key: environ[name].strip()
        for key, name in ENVIRONMENT.items()
        if environ.get(name, "").strip()
    }
    layers.append(("environment", from_environment))
    user_file = user_config_path(environ)
    layers.append((str(user_file), read_config_file(user_file)))
    machine_file = machine_config_path(environ)
    layers.append((str(machine_file), read_config_file(machine_file)))
    if sys.platform == "win32" and not environ.get(MACHINE_CONFIG_ENV, "").strip():
        layers.append((MACHINE_REGISTRY_LABEL, read_machine_registry()))

    resolved: dict[str, ConfigValue] = {}
    for source, values in layers:
        for key, value in values.items():
            if key in KEYS and key not in resolved:
                label = source
                if source == "environment":
                    label = ENVIRONMENT[key]
                resolved[key] = ConfigValue(value=value, source=label)
    return Configuration(values=resolved)


def read_machine_registry() -> dict[str, str]:
    """Windows: the values the MSI wrote from its properties (installer/trama.wxs), {} when
    the key is missing. WiX's native way to store properties is the registry (wixl, used to
    check the installer on Linux, has no IniFile); the file in ProgramData, when present,
    overrides these values key by key."""
    if sys.platform == "win32":
        import winreg  # noqa: PLC0415 - Windows only

        values: dict[str, str] = {}
        try:
            key = winreg.OpenKey(
                winreg.HKEY_LOCAL_MACHINE,
                MACHINE_REGISTRY_KEY,
                0,
                winreg.KEY_READ | winreg.KEY_WOW64_64KEY,
            )
        except OSError:
            return values
        with key:
            for name in KEYS:
                try:
                    raw, _kind = winreg.QueryValueEx(key, name)
                except OSError:
                    continue
                text = str(raw).strip()
                if text:
                    values[name] = text
        return values
    return {}


def _write_private(path: Path, data: bytes) -> None:
    """The user's file, readable by the user only (it names folders of the office), replaced
    atomically so that a crash leaves the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(path.name + ".tmp")
    scratch.unlink(missing_ok=True)
    descriptor = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    scratch.replace(path)


def install_dir() -> Path | None:
    """The folder of a packaged build's executable; None when running from source."""
    if not getattr(sys, "frozen", False):
        return None
    return Path(sys.executable).resolve().parent


def check_not_in_install_folder(data_dir: Path) -> None:
    """Refuse a data folder inside the install folder: an upgrade or uninstall replaces that
    folder, and Program Files is not writable by office users anyway."""
    installed = install_dir()
    if installed is None:
        return
    try:
        resolved = data_dir.resolve()
    except OSError:
        return
    if resolved == installed or installed in resolved.parents:
        raise ConfigError(
            f"La cartella dati {data_dir} è dentro la cartella di installazione di Trama "
            f"({installed}), che un aggiornamento sostituisce: sceglierne un'altra."
        )
