"""What a person working from the keyboard (or with a screen reader) needs of a screen, checked
on the screen as it is shown: every control that takes the focus has a name a screen reader
says, the Tab key visits the controls in the order the layout shows them, and the window and
its minimum size fit a 1366×768 laptop with its task bar."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLayout,
    QScrollArea,
    QSplitter,
    QStackedLayout,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QWidget,
)

from desktop.ui.common.window_state import FRAME

# A 1366×768 laptop less a task bar of 40 pixels.
LAPTOP = QSize(1366, 728)


def describe(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    shown = text() if callable(text) else ""
    parent = widget.parentWidget()
    owner = type(parent).__name__ if parent is not None else ""
    return f"{type(widget).__name__}({widget.objectName() or shown!s:.30}) in {owner}"


def takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def inside_a_control(widget: QWidget, top: QWidget) -> bool:
    """The line edit of a combo or a date field, the viewport or editor of a table: named and
    reached through their owner."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QAbstractItemView, QTabBar)):
            return True
        parent = parent.parentWidget()
    return False


def controls(top: QWidget) -> list[QWidget]:
    """The controls of ``top`` on screen now that the Tab key can reach."""
    return [
        widget
        for widget in top.findChildren(QWidget)
        if widget.isVisible()
        and takes_tab(widget)
        and widget.focusProxy() is None  # the proxy takes the focus: a tab widget's tab bar
        and not isinstance(widget, QScrollArea)  # a container: what it holds takes the focus
        and widget.window() is top.window()
        and not inside_a_control(widget, top)
    ]


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader says: the accessible name, a buddy label's or its own text."""
    if isinstance(widget, QTabBar):  # read as its tabs, each by its text
        texts = [widget.tabText(index) for index in range(widget.count())]
        return widget.accessibleName() or ("tabs" if all(texts) else "")
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip()


def unnamed(top: QWidget) -> list[str]:
    return [f"no name: {describe(w)}" for w in controls(top) if not accessible_name(w)]


def layout_order(top: QWidget) -> list[QWidget]:
    """The focusable widgets in the order their layouts place them: boxes in order, grids and
    forms row by row, a stack's or a tab widget's current page only."""
    order: list[QWidget] = []

    def visit_widget(widget: QWidget) -> None:
        if not widget.isVisible():
            return
        focusable = takes_tab(widget) and widget.focusProxy() is None
        if focusable and not isinstance(widget, QScrollArea):
            order.append(widget)
        if isinstance(widget, QTabWidget):
            visit_widget(widget.tabBar())
            page = widget.currentWidget()
            if page is not None:
                visit_widget(page)
            return
        if isinstance(widget, QStackedWidget):
            shown = widget.currentWidget()
            if shown is not None:
                visit_widget(shown)
            return
        if isinstance(widget, QScrollArea):
            inner = widget.widget()
            if inner is not None:
                visit_widget(inner)
            return
        if isinstance(widget, QSplitter):
            for index in range(widget.count()):
                pane = widget.widget(index)
                if pane is not None:
                    visit_widget(pane)
            return
        if isinstance(widget, (QComboBox, QAbstractSpinBox, QAbstractItemView)):
            return
        layout = widget.layout()
        if layout is not None:
            visit_layout(layout)

    def visit_layout(layout: QLayout) -> None:
        if isinstance(layout, QStackedLayout):
            current = layout.currentWidget()
            if current is not None:
                visit_widget(current)
            return
        items = [(index, layout.itemAt(index)) for index in range(layout.count())]
        if isinstance(layout, QGridLayout):
            cells = {
                i: cast(tuple[int, int, int, int], layout.getItemPosition(i)) for i, _ in items
            }
            items.sort(key=lambda pair: cells[pair[0]][:2])
        elif isinstance(layout, QFormLayout):
            rows = {i: cast(tuple[int, object], layout.getItemPosition(i)) for i, _ in items}
            label = QFormLayout.ItemRole.LabelRole
            items.sort(key=lambda pair: (rows[pair[0]][0], rows[pair[0]][1] != label))
        for _index, item in items:
            if item is None:
                continue
            child = item.widget()
            if child is not None:
                visit_widget(child)
                continue
            inner = item.layout()
            if inner is not None:
                visit_layout(inner)

    visit_widget(top)
    return order


def tab_chain(top: QWidget) -> list[QWidget]:
    """The widgets the Tab key visits, in its order, once round."""
    chain: list[QWidget] = []
    seen: set[int] = set()
    widget = top.nextInFocusChain()
    while widget is not None and id(widget) not in seen and widget is not top:
        seen.add(id(widget))
        chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def tab_order_problems(top: QWidget, root: QWidget | None = None) -> list[str]:
    """Where Tab leaves the order of the layout (of ``root``, or the whole of ``top``): the
    first control reached out of turn."""
    laid_out = [w for w in layout_order(root or top) if w.isEnabled()]
    wanted = {id(w) for w in laid_out}
    visited = [w for w in tab_chain(top) if id(w) in wanted]
    if [id(w) for w in visited] == [id(w) for w in laid_out]:
        return []
    for index, (got, expected) in enumerate(zip(visited, laid_out, strict=False)):
        if got is not expected:
            before = describe(laid_out[index - 1]) if index else "the start"
            return [
                f"tab order: after {before}, Tab goes to {describe(got)}, not {describe(expected)}"
            ]
    return [f"tab order: {len(visited)} controls reached of {len(laid_out)}"]


def size_problems(window: QWidget) -> list[str]:
    """The window, and the smallest it can be made, within a laptop's screen with its frame."""
    problems = []
    size = window.size() + FRAME
    if size.width() > LAPTOP.width() or size.height() > LAPTOP.height():
        problems.append(f"size {window.width()}×{window.height()} does not fit")
    least = window.minimumSize().expandedTo(window.minimumSizeHint()) + FRAME
    if least.width() > LAPTOP.width() or least.height() > LAPTOP.height():
        problems.append(f"minimum size {least.width()}×{least.height()} (with frame) does not fit")
    return problems
