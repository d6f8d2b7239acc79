"""The configurable words of the minutes: the name of a meeting series and the opening formula.

The shipped texts are in ``resources/documents/minutes.json``, one object per meeting type
(documented in ``resources/documents/README.md``); a local setting named
``minutes.<type>.<key>`` overrides one of them for a data folder, as the privacy notice's do.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.codes import Attendance, MeetingType
from desktop.resources import resource_path
from desktop.services.meetings.records import PRESENT
from desktop.store.models import LocalSetting

MINUTES_TEXTS = ("documents", "minutes.json")
SETTING_PREFIX = "minutes."  # + "<meeting type>.<key>"
TEXT_KEYS = ("series", "series_without_project", "opening", "opening_without_quorum")


@dataclass(frozen=True)
class KindWording:
    series: str
    series_without_project: str
    quorum: bool  # the meeting is validly held with more than half of its members present
    opening: str
    opening_without_quorum: str


@cache
def _shipped() -> Mapping[str, Mapping[str, object]]:
    with resource_path(*MINUTES_TEXTS).open(encoding="utf-8") as handle:
        loaded: dict[str, dict[str, object]] = json.load(handle)
    return loaded


def kind_wording(session: Session, meeting_type: MeetingType) -> KindWording:
    kind = MeetingType(meeting_type).value  # a row just built may still hold the plain text
    shipped = _shipped().get(kind, {})
    keys = [SETTING_PREFIX + f"{kind}.{key}" for key in (*TEXT_KEYS, "quorum")]
    local = {
        row.key.rsplit(".", 1)[1]: row.value
        for row in session.scalars(select(LocalSetting).where(LocalSetting.key.in_(keys)))
    }

    def text(key: str) -> str:
        value = local.get(key) or shipped.get(key) or ""
        return str(value).strip()

    quorum = local.get("quorum", "").strip().lower()
    return KindWording(
        series=text("series"),
        series_without_project=text("series_without_project") or text("series"),
        quorum=quorum in ("true", "1", "sì", "si") if quorum else bool(shipped.get("quorum")),
        opening=text("opening"),
        opening_without_quorum=text("opening_without_quorum") or text("opening"),
    )


def _fill(template: str, values: Mapping[str, str]) -> str:
    """Placeholders replaced one by one: a brace typed in a setting is left as it is."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", value)
    return template


def series_name(wording: KindWording, project_title: str) -> str:
    """ "del Tavolo di co-progettazione «Ponti verso il lavoro»"."""
    if "{progetto}" in wording.series and not project_title.strip():
        return wording.series_without_project
    return _fill(wording.series, {"progetto": project_title.strip()})


def chair_words(convened_by: str) -> str:
    """ "la Presidente" when the convocation says so, else the customary "il Presidente"."""
    return (
        "la Presidente"
        if convened_by.strip().lower().startswith("la presidente")
        else ("il Presidente")
    )


def opening_formula(
    wording: KindWording, attendances: Sequence[Attendance], convened_by: str
) -> str:
    """The sentence that opens the session, or "" while nobody's attendance is recorded.

    Members are every participant of the meeting; those present in person or remotely count
    towards the quorum (a delegate stands in for the member who delegated).
    """
    if all(attendance is Attendance.INVITED for attendance in attendances):
        return ""
    present = sum(1 for attendance in attendances if attendance in PRESENT)
    members = len(attendances)
    template = wording.opening
    if wording.quorum and present * 2 <= members:
        template = wording.opening_without_quorum
    text = _fill(
        template,
        {
            "presenti": f"{present} {'presente' if present == 1 else 'presenti'}",
            "componenti": f"{members} {'componente' if members == 1 else 'componenti'}",
            "n_presenti": str(present),
            "n_componenti": str(members),
            "presidente": chair_words(convened_by),
            "Presidente": chair_words(convened_by).capitalize(),
        },
    )
    return text[:1].upper() + text[1:]
