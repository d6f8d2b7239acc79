"""Translations: compiling ``resources/translations/*.ts`` and loading them into the app.

Source strings in the code are English; Italian is the default language (DESIGN.md §5). The
compiled ``.qm`` files are not in git: the setup script runs ``python -m desktop.ui.i18n``, and
the app compiles them itself on first start if ``pyside6-lrelease`` is at hand.

After changing visible strings: ``python -m desktop.ui.i18n --update`` collects them into the
``.ts`` files (existing translations are kept), then translate the new entries (Qt Linguist, or
the XML by hand) and compile with ``python -m desktop.ui.i18n``.
"""

from __future__ import annotations

import copy
import logging
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from desktop.resources import resource_path

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = ("translations",)
DEFAULT_LANGUAGE = "it"


def translation_sources(language: str = DEFAULT_LANGUAGE) -> list[Path]:
    """Every ``.ts`` of a language: one per area of the UI, all compiled into one ``.qm``.

    An area is ``desktop/ui``'s top-level modules (``trama_<lang>.ts``) or one of its
    sub-packages (``<package>_<lang>.ts``); separate files let areas change independently.
    """
    return sorted(resource_path(*TRANSLATIONS_DIR).glob(f"*_{language}.ts"))


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
    *,
    language: str = DEFAULT_LANGUAGE,
    sources: list[Path] | None = None,
    target_dir: Path | None = None,
) -> Path:
    """Compile a language's ``.ts`` files into its one ``.qm``; returns the ``.qm``.

    Raises ``FileNotFoundError`` when no lrelease is available and ``CalledProcessError`` when
    it fails (a malformed ``.ts``).
    """
    lrelease = find_lrelease()
    if lrelease is None:
        raise FileNotFoundError("pyside6-lrelease not found next to Python or on PATH")
    inputs = sources if sources is not None else translation_sources(language)
    target = compiled_path(language)
    if target_dir is not None:
        target = target_dir / target.name
    subprocess.run(
        [str(lrelease), "-silent", *(str(path) for path in inputs), "-qm", str(target)],
        check=True,
        capture_output=True,
    )
    return target


def ensure_compiled(language: str) -> Path | None:
    """The ``.qm`` of a language, compiled now if it is missing or older than a source."""
    target = compiled_path(language)
    sources = translation_sources(language)
    newest = max((path.stat().st_mtime for path in sources), default=0.0)
    if target.exists() and target.stat().st_mtime >= newest:
        return target
    if not sources:
        return None
    try:
        compile_translations(language=language)
    except (OSError, subprocess.CalledProcessError) as error:
        log.warning("translations for %s could not be compiled: %s", language, error)
        return target if target.exists() else None
    return target


# By area: sources outside desktop/ui (relative to desktop/) with texts for the area's file.
CORE_SOURCES: dict[str, tuple[str, ...]] = {
    "referrals": ("services/referrals/export.py",),
}


def ui_areas() -> dict[str, list[Path]]:
    """Each area's name (the ``.ts`` prefix) and its Python sources."""
    ui_dir = Path(__file__).resolve().parent
    areas = {"trama": sorted(ui_dir.glob("*.py"))}
    for package in sorted(path for path in ui_dir.iterdir() if (path / "__init__.py").exists()):
        areas[package.name] = sorted(package.rglob("*.py"))
    # Core modules whose texts the UI translates (marked with desktop.domain.text's no-op).
    desktop_dir = ui_dir.parent
    for area, paths in CORE_SOURCES.items():
        areas[area] = sorted([*areas[area], *(desktop_dir / path for path in paths)])
    return areas


def _translated_messages(language: str) -> dict[tuple[str, str], ElementTree.Element]:
    """Every finished translation of a language, in any area, by (context, source)."""
    pool: dict[tuple[str, str], ElementTree.Element] = {}
    for path in translation_sources(language):
        for context in ElementTree.parse(path).getroot().iter("context"):
            name = context.findtext("name", "")
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is not None and translation.get("type") is None:
                    pool[(name, message.findtext("source", ""))] = translation
    return pool


def _carry_over(target: Path, pool: dict[tuple[str, str], ElementTree.Element]) -> bool:
    """Fill the new entries of ``target`` that another area's file already translates.

    Code moved between areas (a widget into ``common``) keeps its class, so its strings keep
    their context: their translations follow them instead of being asked for again.
    """
    tree = ElementTree.parse(target)
    filled = False
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            known = pool.get((name, message.findtext("source", "")))
            if translation is None or translation.get("type") != "unfinished" or known is None:
                continue
            message.remove(translation)
            message.append(copy.deepcopy(known))
            filled = True
    if filled:
        ElementTree.indent(tree, space="    ")
        with target.open("wb") as stream:
            stream.write(b"<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE TS>\n")
            tree.write(stream, encoding="utf-8", xml_declaration=False)
            stream.write(b"\n")
    return filled


def update_sources(
    language: str = DEFAULT_LANGUAGE, *, areas: list[str] | None = None
) -> list[Path]:
    """Collect each area's visible strings into its ``.ts`` (a developer's step).

    Translations of strings whose code moved to another area go with them.
    """
    lupdate = find_tool("lupdate")
    if lupdate is None:
        raise FileNotFoundError("pyside6-lupdate not found next to Python or on PATH")
    pool = _translated_messages(language)
    targets = []
    for area, sources in ui_areas().items():
        if areas and area not in areas:
            continue
        target = resource_path(*TRANSLATIONS_DIR, f"{area}_{language}.ts")
        command = [
            str(lupdate),
            "-locations",
            "none",
            "-no-obsolete",
            "-target-language",
            language,
            *(str(path) for path in sources),
            "-ts",
            str(target),
        ]
        subprocess.run(command, check=True)
        if _carry_over(target, pool):
            subprocess.run(command, check=True)  # back to lupdate's own layout
        targets.append(target)
    return targets


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if "--update" in args:
        # --update [AREA ...]: only those areas' .ts files (default: every area)
        names = [arg for arg in args if not arg.startswith("--")]
        update_sources(areas=names or None)
    print(compile_translations())  # noqa: T201 - a command-line entry
    return 0


if __name__ == "__main__":
    sys.exit(main())
