"""The editor's tabs, each built the first time it is needed.

An editor holds some five hundred widgets; building and styling only the first tab at opening
keeps opening a referral fast (a benchmark target). A tab is built when it is shown, or when
the editor needs one of its fields (to save, or to show a message beside it); ``on_built`` then
lets the editor fill it and apply what this site may change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.ui.common.banner import Banner
from desktop.ui.common.forms import FieldRegistry
from desktop.ui.referrals.actions_section import ActionsSection
from desktop.ui.referrals.context import EditorContext
from desktop.ui.referrals.handling_section import HandlingSection
from desktop.ui.referrals.joint_plan_tab import JointPlanTab
from desktop.ui.referrals.person_block import PersonBlock
from desktop.ui.referrals.referral_section import ReferralSection
from desktop.ui.referrals.timeline import TimelineView
from desktop.ui.referrals.track_sections import CmdSection, NeetSection


class EditorTabs(QTabWidget):
    def __init__(
        self, context: EditorContext, registry: FieldRegistry, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._registry = registry
        self.on_built: Callable[[QWidget, QWidget], None] = lambda _page, _section: None
        self.person_page = self._page(self.tr("Person"))
        # Why the CPI returned or rejected the referral: on the first tab, read first.
        self.answer_banner = Banner(Banner.WARNING, self.person_page)
        first_layout = self.person_page.layout()
        assert first_layout is not None  # every page is made with its layout
        first_layout.addWidget(self.answer_banner)
        self.referral_page = self._page(self.tr("Referral"))
        self.neet_page = self._page(self.tr("NEET"))
        self.cmd_page = self._page(self.tr("Targeted placement (CMD)"))
        self.handling_page = self._page(self.tr("Taking in charge and outcome"))
        self.actions_page = self._page(self.tr("Path actions"))
        self.plan_page = self._page(self.tr("Shared plan"))
        self.timeline_page = self._page(self.tr("Timeline"))
        self.setToolTip(self.tr("Ctrl+Tab and Ctrl+Shift+Tab move between the tabs."))
        self._factories: dict[QWidget, Callable[[QWidget], QWidget]] = {
            self.person_page: lambda page: PersonBlock(context, registry, page),
            self.referral_page: lambda page: ReferralSection(context, registry, page),
            self.neet_page: lambda page: NeetSection(context, registry, page),
            self.cmd_page: lambda page: CmdSection(context, registry, page),
            self.handling_page: lambda page: HandlingSection(context, registry, page),
            self.actions_page: ActionsSection,
            self.plan_page: lambda page: JointPlanTab(
                context.store, context.actor, context.today, page
            ),
            self.timeline_page: TimelineView,
        }
        self._sections: dict[QWidget, QWidget] = {}
        self.currentChanged.connect(self._on_current_changed)

    def _page(self, title: str) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        self.addTab(page, title)
        return page

    def _on_current_changed(self, index: int) -> None:
        page = self.widget(index)
        if page is not None and page in self._factories:
            self.section(page)

    def is_built(self, page: QWidget) -> bool:
        return page in self._sections

    def section(self, page: QWidget) -> QWidget:
        """The section of a page, built (and handed to ``on_built``) on first use."""
        section = self._sections.get(page)
        if section is None:
            section = self._factories[page](page)
            layout = page.layout()
            assert layout is not None  # every page is made with its layout
            layout.addWidget(section)
            self._sections[page] = section
            self.on_built(page, section)
        return section

    def built_sections(self) -> dict[QWidget, QWidget]:
        return dict(self._sections)

    # Typed access for the editor; each builds its tab when first asked for.

    @property
    def person(self) -> PersonBlock:
        return self.section(self.person_page)  # type: ignore[return-value]

    @property
    def referral(self) -> ReferralSection:
        return self.section(self.referral_page)  # type: ignore[return-value]

    @property
    def neet(self) -> NeetSection:
        return self.section(self.neet_page)  # type: ignore[return-value]

    @property
    def cmd(self) -> CmdSection:
        return self.section(self.cmd_page)  # type: ignore[return-value]

    @property
    def handling(self) -> HandlingSection:
        return self.section(self.handling_page)  # type: ignore[return-value]

    @property
    def actions(self) -> ActionsSection:  # type: ignore[override] # QWidget's QActions are unused
        return self.section(self.actions_page)  # type: ignore[return-value]

    @property
    def plan(self) -> JointPlanTab:
        return self.section(self.plan_page)  # type: ignore[return-value]

    @property
    def timeline(self) -> TimelineView:
        return self.section(self.timeline_page)  # type: ignore[return-value]
