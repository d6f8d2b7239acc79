"""A control that only some roles may use (``desktop.domain.permissions``): enabled for them,
disabled for anyone else with a tooltip saying who may. The role comes from the site's
configuration, which a sync may change, so callers check again when it may have moved."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton

from desktop.domain.permissions import Permission, may
from desktop.store.engine import Store


def actor_may(store: Store, permission: Permission) -> bool:
    """Whether the operator at this PC (the OS account, with its configured role) may."""
    from desktop.services.installation import current_actor  # noqa: PLC0415 - after start-up

    return may(current_actor(store), permission)


def gate(
    control: QAction | QAbstractButton, allowed: bool, *, allowed_tip: str, denied_tip: str
) -> bool:
    """Enable ``control`` when ``allowed``; its tooltip (and status tip) says what it does, or
    who may use it. Returns ``allowed``."""
    control.setEnabled(allowed)
    tip = allowed_tip if allowed else denied_tip
    control.setToolTip(tip)
    if isinstance(control, QAction):
        control.setStatusTip(tip)
    return allowed
