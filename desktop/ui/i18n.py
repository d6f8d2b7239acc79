"""Translations: compiling ``resources/translations/*.ts`` and loading them into the app.

Source strings in the code are English; Italian is the default language (DESIGN.md §5). The
compiled ``.qm`` files are not in git: the setup script runs ``python -m desktop.ui.i18n``, and
the app compiles them itself on first start if ``pyside6-lrelease`` is at hand.

After changing visible strings: ``python -m desktop.ui.i18n --update`` collects them into the
``.ts`` files (existing translations are kept), then translate the new entries (Qt Linguist, or
the XML by hand) and compile with ``python -m desktop.ui.i18n``.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from desktop.resources import resource_path

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = ("translations",)
DEFAULT_LANGUAGE = "it"


def translation_sources() -> list[Path]:
    return sorted(resource_path(*TRANSLATIONS_DIR).glob("trama_*.ts"))


def compiled_path(language: str) -> Path:
    return resource_path(*TRANSLATIONS_DIR, f"trama_{language}.qm")


def find_tool(tool: str) -> Path | None:
    """``pyside6-<tool>`` (lrelease, lupdate) of the running Python's PySide6, wherever it is."""
    executable_dir = Path(sys.executable).parent
    for name in (f"pyside6-{tool}", f"pyside6-{tool}.exe"):
        candidate = executable_dir / name
        if candidate.is_file():
            return candidate
    found = shutil.which(f"pyside6-{tool}")
    if found:
        return Path(found)
    try:
        import PySide6  # noqa: PLC0415 - only when compiling
    except ImportError:
        return None
    package_dir = Path(PySide6.__file__).parent
    for name in (tool, f"{tool}.exe"):
        candidate = package_dir / name
        if candidate.is_file():
            return candidate
    return None


def find_lrelease() -> Path | None:
    return find_tool("lrelease")


def compile_translations(
    *, sources: list[Path] | None = None, target_dir: Path | None = None
) -> list[Path]:
    """Compile each ``.ts`` into a ``.qm`` beside it (or in ``target_dir``); returns them.

    Raises ``FileNotFoundError`` when no lrelease is available and ``CalledProcessError`` when
    it fails (a malformed ``.ts``).
    """
    lrelease = find_lrelease()
    if lrelease is None:
        raise FileNotFoundError("pyside6-lrelease not found next to Python or on PATH")
    written = []
    for source in sources if sources is not None else translation_sources():
        target = source.with_suffix(".qm")
        if target_dir is not None:
            target = target_dir / target.name
        subprocess.run(
            [str(lrelease), "-silent", str(source), "-qm", str(target)],
            check=True,
            capture_output=True,
        )
        written.append(target)
    return written


def ensure_compiled(language: str) -> Path | None:
    """The ``.qm`` of a language, compiled now if it is missing or older than its source."""
    target = compiled_path(language)
    source = target.with_suffix(".ts")
    fresh = target.exists() and (
        not source.exists() or target.stat().st_mtime >= source.stat().st_mtime
    )
    if fresh:
        return target
    if not source.exists():
        return None
    try:
        compile_translations(sources=[source])
    except (OSError, subprocess.CalledProcessError) as error:
        log.warning("translations for %s could not be compiled: %s", language, error)
        return target if target.exists() else None
    return target


def update_sources() -> list[Path]:
    """Collect the visible strings of ``desktop/ui`` into every ``.ts`` (a developer's step)."""
    lupdate = find_tool("lupdate")
    if lupdate is None:
        raise FileNotFoundError("pyside6-lupdate not found next to Python or on PATH")
    ui_dir = Path(__file__).resolve().parent
    sources = sorted(str(path) for path in ui_dir.glob("*.py"))
    targets = translation_sources()
    for target in targets:
        subprocess.run(
            [str(lupdate), "-locations", "none", "-no-obsolete", *sources, "-ts", str(target)],
            check=True,
        )
    return targets


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if "--update" in args:
        update_sources()
    for path in compile_translations():
        print(path)  # noqa: T201 - a command-line entry
    return 0


if __name__ == "__main__":
    sys.exit(main())
