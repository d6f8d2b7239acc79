"""A workaround for PySide6 6.12.0 losing references to ``None``, ``True`` and ``False``.

Several calls of that binding give back one reference too many to these singletons, each time
they run: an item model's ``data()`` written in Python and returning ``None`` when a view asks
for a role it does not provide (every view asks for a dozen roles per cell, most unanswered),
``QComboBox.addItem(text, None)`` and ``itemData()``/``currentData()`` of such an item, and
``SignalInstance.emit()``, which returns ``True`` (see ``desktop/ui/common/signals.py``).
On CPython 3.11, where the singletons are not immortal, their count reaches zero after some
thousands of such calls and the interpreter aborts ("none_dealloc", "bool_dealloc"), usually
while painting a long list or at exit.

The remedy is a reserve: each singleton's count is raised once by 2**40, far more than any
session could lose, and a surplus reference to an object that is never freed costs nothing.
From CPython 3.12 on these objects are immortal and nothing is done. Remove this module once
the binding is fixed (it is harmless until then, and after).
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40
_applied = False


def keep_singletons_alive() -> None:
    """Give ``None``, ``True`` and ``False`` their reserve of references (once per process)."""
    global _applied  # noqa: PLW0603 - once per process
    if _applied or sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        # 3.12+: immortal. A debug build (gettotalrefcount) lays objects out differently.
        return
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every object in a release build of CPython 3.11.
        count = ctypes.c_ssize_t.from_address(id(singleton))
        count.value += RESERVE
    _applied = True
