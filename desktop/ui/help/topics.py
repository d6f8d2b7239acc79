"""Which guide page F1 opens: a registry keyed by the screens' classes and packages.

A screen needs no code of its own to have help. F1 looks, from the focused widget up to its
window: a ``help_topic`` property on a widget (a string naming a page, for screens that want
to choose), then a class in ``TOPIC_RESOLVERS`` (the page depends on the screen's state: the
referral editor on a CPI's computer) or in ``CLASS_TOPICS``; then the main window's current
page, or the window itself, by the package it comes from (``PACKAGE_TOPICS``, longest prefix
first); then the window that opened it (a message box opened by an editor gets its page).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QStackedWidget, QWidget

INDEX = "index.md"
NEWS = "novita.md"

# Screens inside an area that have a page of their own (qualified class names).
CLASS_TOPICS: dict[str, str] = {
    "desktop.ui.referrals.handling_section.HandlingSection": "prendere-in-carico.md",
    "desktop.ui.meetings.session_tab.SessionTab": "riunioni-e-verbali.md",
}


def _referral_editor(editor: QWidget) -> str | None:
    """On a CPI's computer a referral is there to be taken in charge, not sent."""
    context = getattr(editor, "context", None)
    if getattr(context, "own_job_centre_id", None):
        return "prendere-in-carico.md"
    return None


def _transition(dialog: QWidget) -> str | None:
    """A step of a referral's life (send, take in charge, return...): its editor's page."""
    parent = dialog.parentWidget()
    return _referral_editor(parent.window()) if parent is not None else None


# Screens whose page depends on who uses them: None leaves it to the registries.
TOPIC_RESOLVERS: dict[str, Callable[[QWidget], str | None]] = {
    "desktop.ui.referrals.editor.ReferralEditor": _referral_editor,
    "desktop.ui.referrals.transition_dialog.TransitionDialog": _transition,
}

# Every area of the UI: the package (or module) a screen's class comes from, and its page.
PACKAGE_TOPICS: dict[str, str] = {
    "desktop.ui.worklist": "da-fare.md",
    "desktop.ui.referrals": "inviare-segnalazione.md",
    "desktop.ui.referrals.list_view": "segnalazioni.md",
    "desktop.ui.referrals.filter_bar": "segnalazioni.md",
    "desktop.ui.referrals.export_dialog": "segnalazioni.md",
    "desktop.ui.persons": "persone-e-informativa.md",
    "desktop.ui.projects": "progetti.md",
    "desktop.ui.meetings": "riunioni-e-verbali.md",
    "desktop.ui.directory": "rubrica.md",
    "desktop.ui.social_referrals": "segnalazioni-dai-cpi.md",
    "desktop.ui.documents": "stampare.md",
    "desktop.ui.sync": "sincronizzare.md",
    "desktop.ui.imports": "importare-da-excel.md",
    "desktop.ui.monitoring": "monitoraggio.md",
    "desktop.ui.backup": "backup-e-ripristino.md",
    "desktop.ui.recovery": "backup-e-ripristino.md",
    "desktop.ui.settings": "impostazioni.md",
    "desktop.ui.audit": "privacy-e-amministrazione.md",
    "desktop.ui.retention": "privacy-e-amministrazione.md",
    "desktop.ui.site_profiles": "privacy-e-amministrazione.md",
    "desktop.ui.routes": "privacy-e-amministrazione.md",
    "desktop.ui.help": INDEX,
}


def all_topics() -> set[str]:
    """Every page the registry can open (a test checks that each exists)."""
    return {INDEX, NEWS, *CLASS_TOPICS.values(), *PACKAGE_TOPICS.values()}


def _qualified_names(widget: QWidget) -> list[str]:
    return [f"{cls.__module__}.{cls.__qualname__}" for cls in type(widget).__mro__]


def _by_class(widget: QWidget) -> str | None:
    topic = widget.property("help_topic")
    if isinstance(topic, str) and topic:
        return topic
    for name in _qualified_names(widget):
        resolver = TOPIC_RESOLVERS.get(name)
        topic = resolver(widget) if resolver is not None else None
        if topic is not None:
            return topic
        if name in CLASS_TOPICS:
            return CLASS_TOPICS[name]
    return None


def _by_package(widget: QWidget) -> str | None:
    for cls in type(widget).__mro__:
        module = cls.__module__
        while module:
            if module in PACKAGE_TOPICS:
                return PACKAGE_TOPICS[module]
            module = module.rpartition(".")[0]
    return None


def current_page(window: QWidget) -> QWidget | None:
    """The main window's page on screen (the real page of a page built when first shown)."""
    pages = getattr(window, "pages", None)
    if not isinstance(pages, QStackedWidget):
        return None
    page = pages.currentWidget()
    inner = getattr(page, "page", None)
    if callable(inner) and page is not None and page.isVisible():
        built = inner()
        if isinstance(built, QWidget):
            return built
    return page


def topic_for(widget: QWidget | None) -> str:
    """The guide page for the screen ``widget`` (the focused one, or a window) is on."""
    seen: set[int] = set()
    while widget is not None and id(widget) not in seen:
        seen.add(id(widget))
        window = widget.window()
        chain: QWidget | None = widget
        while chain is not None:
            topic = _by_class(chain)
            if topic is not None:
                return topic
            if chain is window:
                break
            chain = chain.parentWidget()
        page = current_page(window)
        if page is not None:
            topic = _by_class(page) or _by_package(page)
            if topic is not None:
                return topic
        topic = _by_package(window)
        if topic is not None:
            return topic
        widget = window.parentWidget()
    return INDEX
