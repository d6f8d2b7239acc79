"""Where shipped files (reference data, fonts, translations, icons) are found.

From a source checkout they sit in the top-level ``resources/`` folder; in a PyInstaller bundle
the spec copies that folder next to the executable's modules (``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def guide_dir() -> Path:
    """The user guide (``docs/guida``: Markdown pages and their pictures), which the Aiuto menu
    opens; in a bundle the spec copies it next to ``resources/``."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "docs" / "guida"
    return Path(__file__).resolve().parent.parent / "docs" / "guida"
