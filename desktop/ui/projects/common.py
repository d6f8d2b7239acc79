"""What every tab of the project editor shares: the project shown and whether it may change."""

from __future__ import annotations

from desktop.services.projects import ProjectDetail
from desktop.ui.common.editor_tab import EditorTab, button_row

__all__ = ["ProjectTab", "button_row"]


class ProjectTab(EditorTab):
    """A tab showing one part of a project; ``changed`` asks the editor to reload it."""

    project: ProjectDetail | None = None

    def show_project(self, project: ProjectDetail, *, editable: bool) -> None:
        self.project = project
        self.editable = editable
        self.refresh()
