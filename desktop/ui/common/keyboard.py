"""Screens that work from the keyboard: Tab visits the controls in the order the layout shows
them, and every table of a tab page is named after its tab for screen readers.

Qt's Tab order is the order in which widgets joined their window, not where the layout puts
them: a button made before the form it closes is reached first. ``keyboard_ready(screen)``,
called once a screen is laid out, sets the order from the layouts themselves: boxes in their
order, grids and forms row by row, every page of a tab widget or a stack after its tab bar.
"""

from __future__ import annotations

from itertools import pairwise
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLayout,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

Grid = tuple[int, int, int, int]  # row, column, spans
Form = tuple[int, QFormLayout.ItemRole]


def keyboard_ready(screen: QWidget) -> None:
    """Name the tables of its tab pages, then set its Tab order from its layouts."""
    for tabs in screen.findChildren(QTabWidget):
        name_views_after_tabs(tabs)
    tab_in_layout_order(screen)


def name_views_after_tabs(tabs: QTabWidget) -> None:
    """A table or list of a tab page, unnamed, is read as the tab's title ("Partners")."""
    for index in range(tabs.count()):
        page = tabs.widget(index)
        if page is None:
            continue
        title = tabs.tabText(index).replace("&&", "\0").replace("&", "").replace("\0", "&")
        for view in page.findChildren(QAbstractItemView):
            if not view.accessibleName() and not _inside(view, QAbstractItemView, page):
                view.setAccessibleName(title)


def tab_in_layout_order(screen: QWidget) -> None:
    """Chain the focusable widgets of ``screen`` in the order its layouts place them."""
    order = layout_order(screen)
    for before, after in pairwise(order):
        QWidget.setTabOrder(before, after)


def layout_order(screen: QWidget) -> list[QWidget]:
    order: list[QWidget] = []
    seen: set[int] = set()

    def add(widget: QWidget) -> None:
        if (
            id(widget) not in seen
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None
            and not isinstance(widget, QScrollArea)
        ):
            seen.add(id(widget))
            order.append(widget)

    def visit_widget(widget: QWidget) -> None:
        if widget.isWindow() and widget is not screen:
            return  # a dialog parented to this screen keeps its own order
        add(widget)
        if isinstance(widget, QTabWidget):
            add(widget.tabBar())
            for page in pages(widget):
                visit_widget(page)
            return
        if isinstance(widget, QStackedWidget | QSplitter):
            for page in pages(widget):
                visit_widget(page)
            return
        if isinstance(widget, QScrollArea):
            inner = widget.widget()
            if inner is not None:
                visit_widget(inner)
            return
        if isinstance(widget, QComboBox | QAbstractSpinBox | QAbstractItemView):
            return  # their parts are theirs
        layout = widget.layout()
        if layout is not None:
            visit_layout(layout)

    def visit_layout(layout: QLayout) -> None:
        indices = list(range(layout.count()))
        if isinstance(layout, QGridLayout):
            grid = {index: cast(Grid, layout.getItemPosition(index)) for index in indices}
            indices.sort(key=lambda index: (grid[index][0], grid[index][1]))
        elif isinstance(layout, QFormLayout):
            form = {index: cast(Form, layout.getItemPosition(index)) for index in indices}
            label = QFormLayout.ItemRole.LabelRole
            indices.sort(key=lambda index: (form[index][0], 0 if form[index][1] == label else 1))
        for index in indices:
            item = layout.itemAt(index)
            if item is None:
                continue
            child = item.widget()
            if child is not None:
                visit_widget(child)
                continue
            inner = item.layout()
            if inner is not None:
                visit_layout(inner)

    visit_widget(screen)
    return order


def pages(widget: QTabWidget | QStackedWidget | QSplitter) -> list[QWidget]:
    """The pages of a tab widget or a stack, the panes of a splitter, in order."""
    found = (widget.widget(index) for index in range(widget.count()))
    return [page for page in found if page is not None]


def _inside(widget: QWidget, kind: type[QWidget], top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, kind):
            return True
        parent = parent.parentWidget()
    return False
