"""Render resources/icons/trama.svg into the PNG (Linux, window icon) and ICO (Windows).

Run after changing the SVG; the rendered files are committed, so a build never needs this:

    .venv/bin/python installer/make_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ICONS / "trama.svg")).render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    if not render(256).save(str(ICONS / "trama.png")):
        raise SystemExit("could not write trama.png")
    if not render(256).save(str(ICONS / "trama.ico")):
        raise SystemExit("could not write trama.ico (Qt's ico image plugin is missing)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
