"""installer/build.py for the tests that call its helpers: it is a script, not a package."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

BUILD_SCRIPT = Path(__file__).resolve().parent.parent / "installer" / "build.py"


def build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("trama_build", BUILD_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
