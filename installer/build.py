"""Build Trama's packaged release for IT: one command, from a development checkout.

    .venv/bin/python installer/build.py [--dist DIR] [--no-package]

1. compiles the translations (``python -m desktop.ui.i18n``);
2. runs PyInstaller on ``installer/trama.spec`` (a one-folder bundle in DIST/trama);
3. runs the bundle's own ``self-test`` with an empty HOME and a minimal PATH, as a fresh
   office PC would (on Linux inside a private D-Bus session with an unlocked GNOME Keyring,
   since the self-test's keyring round trip needs a Secret Service; install ``gnome-keyring``
   and ``dbus`` for that);
4. makes the package: on Linux ``trama-VERSION-linux-x86_64.tar.gz`` (the bundle, a
   ``.desktop`` entry and the icon), on Windows ``trama-VERSION-x64.msi`` from
   ``installer/trama.wxs`` with the WiX toolset 3 (heat, candle, light on PATH).

DIST defaults to ``dist/`` of the checkout (PyInstaller's work files go to ``build/``). Exit
status 0 only if every step passed; the last line says what was built.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "installer" / "trama.spec"
WXS = REPO / "installer" / "trama.wxs"
ICONS = REPO / "resources" / "icons"
WINDOWS = sys.platform == "win32"
SELF_TEST_TIMEOUT_S = 300
# From 3.12 None/True/False are immortal, so PySide6's lost references to them
# (desktop/ui/binding_fixes.py) cannot end a session: releases are built on 3.12 or newer.
RELEASE_PYTHON = (3, 12)
RELEASE_PYTHON_TEXT = "3.12"

DESKTOP_ENTRY = """\
[Desktop Entry]
Type=Application
Name=Trama
GenericName=Segnalazioni e co-progettazione
Comment=Segnalazioni, co-progettazione e verbali della rete per l'inclusione lavorativa
Exec={install_dir}/trama
Icon={install_dir}/trama.png
Terminal=false
Categories=Office;
StartupNotify=true
"""

CONFIG_EXAMPLE = """\
# Trama's machine-wide configuration on Linux: copy to /etc/trama/trama.conf and fill in.
# An empty value counts as unset. See docs/IT.md.
[trama]
server_url =
site_code =
# a PEM file of the CA that signed the provincial server's certificate, if not a public one
ca_bundle =
"""


def say(text: str) -> None:
    print(f"build: {text}", flush=True)  # noqa: T201 - a command-line tool


def project_version() -> str:
    with (REPO / "pyproject.toml").open("rb") as handle:
        version: str = tomllib.load(handle)["project"]["version"]
    return version


def folder_size(path: Path) -> int:
    """Bytes of the files under ``path``, symbolic links not followed (as unpacked on disk)."""
    return sum(
        entry.stat(follow_symlinks=False).st_size
        for entry in path.rglob("*")
        if entry.is_file() and not entry.is_symlink()
    )


def compile_translations() -> None:
    subprocess.run([sys.executable, "-m", "desktop.ui.i18n"], cwd=REPO, check=True)


def run_pyinstaller(dist: Path, work: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(SPEC),
        ],
        cwd=REPO,
        check=True,
    )
    return dist / "trama"


def console_executable(bundle: Path) -> Path:
    """The executable that prints: on Windows the console twin of the windowed trama.exe."""
    return bundle / ("trama-cli.exe" if WINDOWS else "trama")


def self_test_command(bundle: Path, *arguments: str) -> tuple[list[str], dict[str, str], Path]:
    """The command and environment of a fresh PC's first run: empty HOME, minimal PATH.

    Returns the command, its environment and the empty home folder (the caller removes it).
    """
    home = Path(tempfile.mkdtemp(prefix="trama-empty-home-"))
    executable = str(console_executable(bundle))
    if WINDOWS:
        system_root = os.environ.get("SYSTEMROOT", r"C:\Windows")
        environment = {
            "SystemRoot": system_root,
            "PATH": rf"{system_root}\System32",
            "USERPROFILE": str(home),
            "APPDATA": str(home / "AppData" / "Roaming"),
            "LOCALAPPDATA": str(home / "AppData" / "Local"),
            "TEMP": str(home),
            "TMP": str(home),
        }
        return [executable, *arguments], environment, home
    environment = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    command = in_private_keyring_session([executable, *arguments], environment["PATH"])
    return command, environment, home


def in_private_keyring_session(command: list[str], path: str) -> list[str]:
    """``command`` inside a private D-Bus session bus with a GNOME Keyring unlocked by a
    throwaway password: what a desktop login gives the user, here for the length of one
    command. ``path`` is the PATH the command will run with."""
    for tool in ("dbus-run-session", "gnome-keyring-daemon"):
        if shutil.which(tool, path=path) is None:
            raise SystemExit(
                f"build: {tool} not found: the self-test's keyring round trip needs a Secret "
                "Service; install it with `apt-get install dbus gnome-keyring`"
            )
    script = (
        "printf throwaway | gnome-keyring-daemon --unlock --components=secrets >/dev/null "
        '&& exec "$0" "$@"'
    )
    return ["dbus-run-session", "--", "sh", "-c", script, *command]


def run_self_test(bundle: Path) -> str:
    command, environment, home = self_test_command(bundle, "self-test")
    try:
        finished = subprocess.run(
            command,
            env=environment,
            cwd=home,
            capture_output=True,
            text=True,
            timeout=SELF_TEST_TIMEOUT_S,
            check=False,
        )
    finally:
        shutil.rmtree(home, ignore_errors=True)
    if finished.returncode != 0:
        raise SystemExit(
            f"build: the bundle's self-test failed (exit {finished.returncode}):\n"
            f"{finished.stdout}{finished.stderr}"
        )
    return finished.stdout.strip().splitlines()[-1]


def linux_package(bundle: Path, dist: Path, version: str) -> Path:
    """``trama-VERSION-linux-x86_64.tar.gz``: unpack into /opt (see docs/IT.md)."""
    install_dir = "/opt/trama"
    extras = dist / "package-extras"
    shutil.rmtree(extras, ignore_errors=True)
    extras.mkdir()
    (extras / "trama.desktop").write_text(
        DESKTOP_ENTRY.format(install_dir=install_dir), encoding="utf-8"
    )
    (extras / "trama.conf.example").write_text(CONFIG_EXAMPLE, encoding="utf-8")
    shutil.copyfile(ICONS / "trama.png", extras / "trama.png")
    target = dist / f"trama-{version}-linux-{os.uname().machine}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as archive:
        archive.add(bundle, arcname="trama")
        for path in sorted(extras.iterdir()):
            archive.add(path, arcname=f"trama/{path.name}")
    shutil.rmtree(extras)
    return target


def windows_package(bundle: Path, dist: Path, work: Path, version: str) -> Path:
    """``trama-VERSION-x64.msi`` with the WiX toolset 3 (heat, candle, light on PATH)."""
    for tool in ("heat", "candle", "light"):
        if shutil.which(tool) is None:
            raise SystemExit(f"build: {tool}.exe of the WiX toolset 3 is not on PATH")
    wix = work / "wix"
    shutil.rmtree(wix, ignore_errors=True)
    wix.mkdir(parents=True)
    harvested = wix / "bundle.wxs"
    subprocess.run(
        [
            "heat", "dir", str(bundle), "-nologo", "-cg", "BundleFiles", "-dr", "INSTALLDIR",
            "-srd", "-sreg", "-gg", "-sfrag", "-var", "var.BundleDir", "-o", str(harvested),
        ],
        check=True,
    )  # fmt: skip
    defines = [
        f"-dVersion={version}",
        f"-dBundleDir={bundle}",
        f"-dIconFile={ICONS / 'trama.ico'}",
    ]
    subprocess.run(
        ["candle", "-nologo", "-arch", "x64", *defines, "-out", f"{wix}\\", str(WXS),
         str(harvested)],
        check=True,
    )  # fmt: skip
    target = dist / f"trama-{version}-x64.msi"
    subprocess.run(
        ["light", "-nologo", "-sval", "-out", str(target), str(wix / "trama.wixobj"),
         str(wix / "bundle.wixobj")],
        check=True,
    )  # fmt: skip
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=REPO / "build", help="PyInstaller's work")
    parser.add_argument(
        "--no-package", action="store_true", help="stop after the bundle's self-test"
    )
    parser.add_argument(
        "--release",
        action="store_true",
        help=f"a release for offices: refused on Python older than {RELEASE_PYTHON_TEXT}",
    )
    args = parser.parse_args(argv)
    if sys.version_info < RELEASE_PYTHON:
        running = f"{sys.version_info.major}.{sys.version_info.minor}"
        if args.release:
            say(
                f"a release needs Python {RELEASE_PYTHON_TEXT} or newer (this is {running}): "
                "PySide6 leaks references to None/True/False on older versions"
            )
            return 2
        say(
            f"Python {running}: a development build, not a release (those need "
            f"{RELEASE_PYTHON_TEXT}+)"
        )
    dist: Path = args.dist.resolve()
    work: Path = args.work.resolve()
    version = project_version()
    started = time.perf_counter()

    say(f"Trama {version}: compiling translations")
    compile_translations()
    say("PyInstaller (a few minutes)")
    bundle = run_pyinstaller(dist, work)
    built = time.perf_counter()
    say(f"bundle {bundle}: {folder_size(bundle) / 1e6:.1f} MB in {built - started:.0f} s")

    say("the bundle's self-test (empty HOME, minimal PATH)")
    say(run_self_test(bundle))

    if not args.no_package:
        if WINDOWS:
            package = windows_package(bundle, dist, work, version)
        else:
            package = linux_package(bundle, dist, version)
        say(f"package {package}: {package.stat().st_size / 1e6:.1f} MB")
    say(f"done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
