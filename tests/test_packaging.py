"""The packaged build for IT (issue 7): the spec's choices, the WiX source compiled by wixl and
read back with msiinfo, the Linux package's layout, and, when a bundle has been built
(``installer/build.py``; ``TRAMA_TEST_BUNDLE`` names another), the bundle itself: its
self-test on a bare environment and the previous release's data folder opened intact.
"""

from __future__ import annotations

import csv
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from desktop.store.backups import list_backups
from desktop.store.engine import database_path
from desktop.store.raw import is_plain_sqlite
from tests.installer_support import build_module

REPO = Path(__file__).resolve().parent.parent
INSTALLER = REPO / "installer"
SPEC = INSTALLER / "trama.spec"
WXS = INSTALLER / "trama.wxs"
UPGRADE_CODE = "5938DCC1-EB7F-40FC-8BA5-7A81C6568809"
# The last released schema (the foundation's): the data folder an office PC has today.
PREVIOUS_RELEASE_FIXTURE = REPO / "tests" / "fixtures" / "schema-0002_list_indexes.sqlite"


# ---------------------------------------------------------------------------------------------
# The spec
# ---------------------------------------------------------------------------------------------


def test_spec_is_one_folder_windowed_and_versioned_from_pyproject() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert "COLLECT(" in text, "one-folder: the executables and files are collected"
    assert "exclude_binaries=True" in text, "a one-file build would pack the binaries in"
    assert "console=False" in text
    assert 'tomllib.load(handle)["project"]["version"]' in text
    assert "upx=True" not in text


def test_spec_names_what_a_frozen_build_needs() -> None:
    text = SPEC.read_text(encoding="utf-8")
    for needed in (
        'collect_submodules("keyring.backends")',
        "qtbase_it.qm",
        "trama_it.qm",
        'desktop" / "store" / "migrations"',
        "CODICEFISCALE_DATA",
        "imageformats/libqtiff",  # unused Qt plugins excluded in the spec...
        "PySide6.QtQml",  # ...and unused Qt modules
        '"sqlcipher3.dbapi2"',  # the store's encryption
    ):
        assert needed in text, needed


def test_the_desktop_extra_and_the_cli_check_name_the_sqlcipher_binding() -> None:
    import tomllib  # noqa: PLC0415

    from desktop.cli import DESKTOP_LIBRARIES  # noqa: PLC0415

    with (REPO / "pyproject.toml").open("rb") as handle:
        extras = tomllib.load(handle)["project"]["optional-dependencies"]
    assert "sqlcipher3>=0.6,<0.7" in extras["desktop"]
    assert not [name for name in extras["server"] if "sqlcipher" in name]
    assert DESKTOP_LIBRARIES["sqlcipher3"] == "sqlcipher3"


def test_the_windows_msi_workflow_installs_and_checks_the_binding() -> None:
    workflow = (REPO / ".github" / "workflows" / "windows-msi.yml").read_text(encoding="utf-8")
    assert '".[desktop,package]"' in workflow  # the desktop extra brings sqlcipher3
    assert "from sqlcipher3 import dbapi2" in workflow
    assert "self-test" in workflow  # the installed copy's self-test opens an encrypted store


def test_entry_point_calls_freeze_support_first() -> None:
    text = (INSTALLER / "entry.py").read_text(encoding="utf-8")
    assert text.index("multiprocessing.freeze_support()") < text.index("from desktop.cli")


# ---------------------------------------------------------------------------------------------
# The Windows installer, compiled by wixl
# ---------------------------------------------------------------------------------------------


def _msi_table(msi: Path, table: str) -> list[list[str]]:
    exported = subprocess.run(
        ["msiinfo", "export", str(msi), table], capture_output=True, text=True, check=True
    ).stdout
    # Three header lines: column names, types, table name (and key columns).
    return [line.split("\t") for line in exported.splitlines()[3:] if line]


@pytest.fixture(scope="module")
def msi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("wixl") is None or shutil.which("msiinfo") is None:
        pytest.skip("wixl/msiinfo not installed (Debian packages wixl and msitools)")
    folder = tmp_path_factory.mktemp("msi")
    bundle = folder / "trama"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    for name in ("trama.exe", "trama-cli.exe", "_internal/python311.dll", "data/names.json"):
        (bundle / name).parent.mkdir(parents=True, exist_ok=True)
        (bundle / name).write_bytes(b"MZ placeholder")
    files = sorted(str(path.relative_to(folder)) for path in bundle.rglob("*") if path.is_file())
    harvested = subprocess.run(
        ["wixl-heat", "--prefix", "trama/", "--component-group", "BundleFiles",
         "--directory-ref", "INSTALLDIR", "--var", "var.BundleDir"],
        input="\n".join(files) + "\n", capture_output=True, text=True, check=True, cwd=folder,
    ).stdout  # fmt: skip
    (folder / "bundle.wxs").write_text(harvested, encoding="utf-8")
    # wixl takes the sources' paths relative to its working folder only.
    shutil.copyfile(REPO / "resources" / "icons" / "trama.ico", folder / "trama.ico")
    target = folder / "trama.msi"
    subprocess.run(
        ["wixl", "-a", "x64", "-D", "Version=1.2.3", "-D", "BundleDir=trama",
         "-D", "IconFile=trama.ico", "-o", str(target), str(WXS), "bundle.wxs"],
        capture_output=True, text=True, check=True, cwd=folder,
    )  # fmt: skip
    return target


def test_msi_has_a_start_menu_shortcut_to_the_application(msi: Path) -> None:
    shortcuts = _msi_table(msi, "Shortcut")
    assert len(shortcuts) == 1
    shortcut = shortcuts[0]
    assert shortcut[1] == "ProgramMenuFolder"
    assert shortcut[2] == "Trama"
    assert shortcut[4] == "[INSTALLDIR]trama.exe"


def test_msi_upgrades_by_its_stable_upgrade_code(msi: Path) -> None:
    upgrades = _msi_table(msi, "Upgrade")
    assert {row[0].upper() for row in upgrades} == {"{" + UPGRADE_CODE + "}"}
    properties = dict(row[:2] for row in _msi_table(msi, "Property"))
    assert properties["UpgradeCode"].upper() == "{" + UPGRADE_CODE + "}"
    assert properties["ALLUSERS"] == "1", "per-machine"
    assert properties["ProductVersion"] == "1.2.3"
    # Every version is a major upgrade, and a newer one is never downgraded.
    assert {row[-1] for row in upgrades} == {"WIX_UPGRADE_DETECTED", "WIX_DOWNGRADE_DETECTED"}
    sequence = {row[0] for row in _msi_table(msi, "InstallExecuteSequence")}
    assert "RemoveExistingProducts" in sequence


def test_msi_writes_the_properties_to_the_machine_wide_configuration(msi: Path) -> None:
    values = {
        row[3]: (row[1], row[2].rstrip("\\"), row[4], row[5]) for row in _msi_table(msi, "Registry")
    }
    for name, prop in (
        ("server_url", "SERVER_URL"),
        ("site_code", "SITE_CODE"),
        ("ca_bundle", "CA_BUNDLE"),
    ):
        root, key, value, component = values[name]
        assert (root, key, value) == ("2", r"SOFTWARE\Trama", f"[{prop}]")  # 2: HKLM
        assert component == "MachineConfiguration"
    # Remembered across upgrades: read back before the old version is removed.
    locators = {row[0]: row for row in _msi_table(msi, "RegLocator")}
    assert {row[3] for row in locators.values()} == {"server_url", "site_code", "ca_bundle"}
    keep = {row[0]: row[1] for row in _msi_table(msi, "InstallExecuteSequence")}
    assert keep["KeepServerUrl"] == "NOT SERVER_URL AND SAVED_SERVER_URL"


def test_msi_installs_into_program_files_and_nowhere_in_a_profile(msi: Path) -> None:
    directories = {row[0]: row for row in _msi_table(msi, "Directory")}
    assert directories["INSTALLDIR"][1:] == ["ProgramFiles64Folder", "Trama"]
    profile_folders = {"AppDataFolder", "LocalAppDataFolder", "PersonalFolder", "DesktopFolder"}
    assert not profile_folders & set(directories)
    # Our own components see the 64-bit registry (candle -arch x64 makes the harvested ones so).
    components = {row[0]: row for row in _msi_table(msi, "Component")}
    for name in ("MachineConfiguration", "StartMenuShortcut"):
        assert int(components[name][3]) & 256, name


# ---------------------------------------------------------------------------------------------
# The Linux package
# ---------------------------------------------------------------------------------------------


def test_linux_package_has_the_bundle_a_desktop_entry_and_the_icon(tmp_path: Path) -> None:
    build = build_module()
    bundle = tmp_path / "dist" / "trama"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "trama").write_bytes(b"\x7fELF")
    (bundle / "_internal" / "libfoo.so.1").write_bytes(b"x")
    (bundle / "_internal" / "libfoo.so").symlink_to("libfoo.so.1")
    package = build.linux_package(bundle, tmp_path / "dist", "1.2.3")
    assert package.name.startswith("trama-1.2.3-linux-")
    with tarfile.open(package) as archive:
        names = set(archive.getnames())
        entry = archive.extractfile("trama/trama.desktop")
        assert entry is not None
        desktop = entry.read().decode("utf-8")
        assert archive.getmember("trama/_internal/libfoo.so").issym()
    assert {"trama/trama", "trama/trama.png", "trama/trama.conf.example"} <= names
    assert "Exec=/opt/trama/trama" in desktop
    assert "Icon=/opt/trama/trama.png" in desktop


# ---------------------------------------------------------------------------------------------
# The previous release's data folder, and a built bundle
# ---------------------------------------------------------------------------------------------


def _fixture_rows() -> tuple[list[str], list[str]]:
    connection = sqlite3.connect(PREVIOUS_RELEASE_FIXTURE)
    try:
        numbers = [row[0] for row in connection.execute("SELECT number FROM referral")]
        codes = [row[0] for row in connection.execute("SELECT fiscal_code FROM person")]
    finally:
        connection.close()
    return sorted(numbers), sorted(codes)


def _previous_release_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(PREVIOUS_RELEASE_FIXTURE, database_path(folder))
    return folder


def _export_commands(command: list[str], folder: Path, output_dir: Path) -> list[list[str]]:
    # The codici fiscali are written only when asked for (and the export is audited).
    return [
        [*command, "export", kind, "--data-dir", str(folder), "-o", str(output_dir / f"{kind}.csv")]
        + (["--include-sensitive"] if kind == "persons" else [])
        for kind in ("referrals", "persons")
    ]


def _export_column(output: Path, kind: str) -> list[str]:
    with output.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    column = "Numero" if kind == "referrals" else "Codice fiscale"
    return sorted(row[column] for row in rows)


def _bare_environment(home: Path) -> dict[str, str]:
    return {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }


def _check_previous_release_opens_intact(
    command: list[str], tmp_path: Path, *, bundle: bool
) -> None:
    """The previous release's plain store: encrypted at its first opening (after an encrypted
    backup), upgraded (after another), and every referral and person exported intact."""
    from tests.sync.file_keyring import FILE_VARIABLE  # noqa: PLC0415

    numbers, codes = _fixture_rows()
    assert numbers and codes, "the fixture holds referrals and persons"
    folder = _previous_release_folder(tmp_path)
    exports = _export_commands(command, folder, tmp_path)
    environment = _bare_environment(folder.parent)
    if bundle:
        # The key made at the conversion lives in the keyring: both exports run in one
        # private keyring session, as in one desktop login.
        del environment["PYTHON_KEYRING_BACKEND"]  # the session's Secret Service
        build = build_module()
        script = " && ".join(shlex.join(export) for export in exports)
        runs = [build.in_private_keyring_session(["sh", "-c", script], environment["PATH"])]
        if shutil.which("dbus-run-session") is None:
            pytest.skip("the store's key needs a keyring: dbus-run-session and gnome-keyring")
    else:
        # From source: the test's keyring file (tests/conftest.py), shared with the child.
        environment.update(
            PYTHONPATH=str(REPO),
            PYTHON_KEYRING_BACKEND=os.environ["PYTHON_KEYRING_BACKEND"],
            **{FILE_VARIABLE: os.environ[FILE_VARIABLE]},
        )
        runs = exports
    for run in runs:
        finished = subprocess.run(
            run, capture_output=True, text=True, timeout=300, check=False, env=environment
        )
        assert finished.returncode == 0, finished.stderr
    assert _export_column(tmp_path / "referrals.csv", "referrals") == numbers
    assert _export_column(tmp_path / "persons.csv", "persons") == codes
    assert not is_plain_sqlite(database_path(folder))
    backups = list_backups(folder / "backups")  # newest first
    assert [backup.reason for backup in backups] == ["aggiornamento", "cifratura"]
    assert not [backup for backup in backups if is_plain_sqlite(backup.path)]


@pytest.mark.slow
def test_previous_release_data_opens_intact_from_source(tmp_path: Path) -> None:
    _check_previous_release_opens_intact([sys.executable, "-m", "desktop"], tmp_path, bundle=False)


def _built_bundle() -> Path:
    named = os.environ.get("TRAMA_TEST_BUNDLE")
    bundle = Path(named) if named else REPO / "dist" / "trama"
    if not (bundle / "trama").is_file():
        pytest.skip(f"no bundle at {bundle}: build it with installer/build.py")
    return bundle


@pytest.mark.slow
def test_previous_release_data_opens_intact_in_the_bundle(tmp_path: Path) -> None:
    _check_previous_release_opens_intact([str(_built_bundle() / "trama")], tmp_path, bundle=True)


def test_bundle_layout(tmp_path: Path) -> None:
    bundle = _built_bundle()
    internal = bundle / "_internal"
    # python-codicefiscale looks next to the executable when frozen (its issue #152).
    assert (bundle / "data" / "municipalities.json").is_file()
    assert (internal / "resources" / "translations" / "trama_it.qm").is_file()
    assert not list((internal / "resources").rglob("*.ts"))
    qt = internal / "PySide6" / "Qt"
    assert (qt / "translations" / "qtbase_it.qm").is_file()
    assert not [path for path in (qt / "translations").glob("*.qm") if "_it" not in path.name]
    assert (qt / "plugins" / "imageformats" / "libqpdf.so").is_file()
    assert not (qt / "plugins" / "imageformats" / "libqtiff.so").exists()
    assert (
        internal / "desktop" / "store" / "migrations" / "versions" / "0001_initial.py"
    ).is_file()
    assert not list(internal.glob("libQt6Quick*")) and not list(internal.glob("libstdc++*"))
    version = re.search(r'^version = "(.+)"$', (REPO / "pyproject.toml").read_text(), re.M)
    assert version is not None
    finished = subprocess.run(
        [str(bundle / "trama"), "--version"],
        capture_output=True,
        text=True,
        check=True,
        env=_bare_environment(tmp_path),
    )
    assert finished.stdout.strip() == f"trama {version.group(1)}"


def _shared_objects(internal: Path) -> set[Path]:
    return {
        path.resolve()
        for path in internal.rglob("*.so*")
        if path.is_file() and not path.is_symlink()
    }


def _loaded_with(path: Path, internal: Path) -> set[Path]:
    """The libraries the dynamic loader would load with ``path``, as ldd resolves them with
    the search path the bundle's executable sets (its _internal folder first)."""
    environment = {"LANG": "C", "LD_LIBRARY_PATH": str(internal)}
    finished = subprocess.run(
        ["ldd", str(path)], capture_output=True, text=True, check=False, env=environment
    )
    return {Path(found).resolve() for found in re.findall(r"=> (/\S+)", finished.stdout)}


@pytest.mark.skipif(sys.platform != "linux", reason="ldd and ELF libraries: Linux")
def test_every_bundled_library_is_loaded_by_something() -> None:
    # What the spec's filters leave behind (the dependencies of an excluded plugin) is dead
    # weight: every library must be a Python extension, a Qt plugin, libpython (which the
    # executable opens itself) or be loaded with one of those.
    internal = _built_bundle() / "_internal"
    libraries = _shared_objects(internal)
    roots = {
        path
        for path in libraries
        if not path.name.startswith("lib")
        or "/plugins/" in path.as_posix()
        or path.name.startswith("libpython")
    }
    reached = set(roots)
    for root in roots:
        reached |= _loaded_with(root, internal)
    assert sorted(path.name for path in libraries - reached) == []


def test_linux_bundle_carries_the_real_cryptography() -> None:
    internal = _built_bundle() / "_internal"
    if sys.platform != "linux":
        pytest.skip("only the Secret Service backend of Linux needs cryptography")
    # The compiled bindings of the real package (with their own OpenSSL), not a stand-in.
    assert list((internal / "cryptography" / "hazmat" / "bindings").glob("_rust*.so"))
    assert not (REPO / "installer" / "cipher_stand_in").exists()


@pytest.mark.slow
def test_bundle_self_test_passes_with_empty_home_and_minimal_path() -> None:
    bundle = _built_bundle()
    if shutil.which("dbus-run-session") is None or shutil.which("gnome-keyring-daemon") is None:
        pytest.skip("the keyring round trip needs dbus-run-session and gnome-keyring-daemon")
    build = build_module()
    summary = build.run_self_test(bundle)
    assert "verifica dell'installazione riuscita" in summary
    assert "SecretService" in summary
    # An encrypted store was made, checked at rest and opened again with its key.
    assert "file dei dati e WAL cifrati" in summary
    assert "riaperto con la chiave del portachiavi" in summary


def test_bundle_carries_the_sqlcipher_binding_with_nothing_beside_it() -> None:
    internal = _built_bundle() / "_internal"
    extensions = list((internal / "sqlcipher3").glob("_sqlite3*"))
    assert extensions, "the SQLCipher binding's extension module is missing"
    if sys.platform == "linux":
        # SQLCipher and OpenSSL are linked into the extension: no system libsqlcipher needed.
        linked = subprocess.run(
            ["ldd", str(extensions[0])], capture_output=True, text=True, check=False
        ).stdout
        assert "sqlcipher" not in linked and "libcrypto" not in linked


def test_a_release_build_refuses_a_python_older_than_its_minimum(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Releases run where PySide6's lost references to None/True/False are harmless (3.12+)."""
    build = build_module()
    monkeypatch.setattr(build, "RELEASE_PYTHON", (sys.version_info.major + 1, 0))
    code = build.main(["--release", "--dist", str(tmp_path / "dist"), "--work", str(tmp_path)])
    assert code == 2
    assert "a release needs Python" in capsys.readouterr().out
    assert not (tmp_path / "dist").exists(), "nothing is built"
    workflow = (REPO / ".github" / "workflows" / "windows-msi.yml").read_text(encoding="utf-8")
    assert "installer\\build.py --release" in workflow
    assert 'python-version: "3.12"' in workflow
