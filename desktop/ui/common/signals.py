"""Emitting Qt signals from Python without tripping a bug of the binding.

PySide6 6.12.0's ``SignalInstance.emit()`` returns ``True`` without taking a reference to it,
so every call made from Python drops one reference to ``True``; on CPython before 3.12, where
``True`` is not immortal, the interpreter aborts ("bool_dealloc") once enough emits add up,
usually at exit. ``emit`` gives the reference back, and only when the installed binding is
found to drop it, so it stays correct once the binding is fixed. Signals forwarded from
signal to signal inside Qt are not affected: prefer ``a.connect(b)`` where it fits.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 4
_drops_true: bool | None = None


class _Probe(QObject):
    fired = Signal()


def _emit_drops_true() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.fired.emit()
    dropped = before - sys.getrefcount(True) >= _PROBES
    if dropped:
        for _ in range(_PROBES):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return dropped


def emit(signal: SignalInstance, *args: Any) -> None:
    """``signal.emit(*args)``, minus the binding's lost reference."""
    global _drops_true  # noqa: PLW0603 - measured once per process
    if _drops_true is None:
        _drops_true = _emit_drops_true()
    # Typed as returning None, but the binding hands back True, whose reference it drops.
    result: object = signal.emit(*args)  # type: ignore[func-returns-value]
    if _drops_true and result is True:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
