"""How a conflict names its record and field, and shows a value in wire form, in the UI's
language (codes through ``desktop.ui.labels``, dates in the locale's short format)."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from desktop.store.engine import Store
from desktop.ui.labels import QT_TRANSLATE_NOOP, label, labelled_enums

_CONTEXT = "SyncField"

RECORD_KINDS: dict[str, str] = {
    "referral": QT_TRANSLATE_NOOP("SyncRecord", "Referral %1"),
    "person": QT_TRANSLATE_NOOP("SyncRecord", "Person %1"),
    "organization": QT_TRANSLATE_NOOP("SyncRecord", "Organisation %1"),
    "contact": QT_TRANSLATE_NOOP("SyncRecord", "Contact %1"),
    "project": QT_TRANSLATE_NOOP("SyncRecord", "Project %1"),
    "meeting": QT_TRANSLATE_NOOP("SyncRecord", "Meeting %1"),
    "referral_handling": QT_TRANSLATE_NOOP("SyncRecord", "Handling of a referral (%1)"),
    "path_action": QT_TRANSLATE_NOOP("SyncRecord", "Path action (%1)"),
}
_OTHER_RECORD = QT_TRANSLATE_NOOP("SyncRecord", "Record %1 (%2)")

# What kind of record each synced table holds, as a noun: a record set aside is named by its
# kind alone (its data did not fit here, so there is no name to show). A test checks that
# every synced table has one, so that a table code never reaches the screen.
TABLE_KINDS: dict[str, str] = {
    "ambito": QT_TRANSLATE_NOOP("SyncTable", "Ambito territoriale"),
    "municipality": QT_TRANSLATE_NOOP("SyncTable", "Municipality"),
    "job_centre": QT_TRANSLATE_NOOP("SyncTable", "Job centre (CPI)"),
    "site": QT_TRANSLATE_NOOP("SyncTable", "Site"),
    "operator": QT_TRANSLATE_NOOP("SyncTable", "Operator"),
    "organization": QT_TRANSLATE_NOOP("SyncTable", "Organisation"),
    "contact": QT_TRANSLATE_NOOP("SyncTable", "Contact"),
    "referent": QT_TRANSLATE_NOOP("SyncTable", "Referent"),
    "retention_rule": QT_TRANSLATE_NOOP("SyncTable", "Retention rule"),
    "job_centre_catchment": QT_TRANSLATE_NOOP("SyncTable", "Municipality served by a CPI"),
    "person": QT_TRANSLATE_NOOP("SyncTable", "Person"),
    "referral": QT_TRANSLATE_NOOP("SyncTable", "Referral"),
    "referral_event": QT_TRANSLATE_NOOP("SyncTable", "Change of state of a referral"),
    "referral_handling": QT_TRANSLATE_NOOP("SyncTable", "Handling of a referral"),
    "path_action": QT_TRANSLATE_NOOP("SyncTable", "Path action"),
    "privacy_acknowledgement": QT_TRANSLATE_NOOP("SyncTable", "Privacy notice handed over"),
    "project": QT_TRANSLATE_NOOP("SyncTable", "Project"),
    "project_partner": QT_TRANSLATE_NOOP("SyncTable", "Project partner"),
    "project_funding": QT_TRANSLATE_NOOP("SyncTable", "Project funding"),
    "project_activity": QT_TRANSLATE_NOOP("SyncTable", "Project activity"),
    "project_indicator": QT_TRANSLATE_NOOP("SyncTable", "Project indicator"),
    "project_beneficiary": QT_TRANSLATE_NOOP("SyncTable", "Project beneficiary"),
    "meeting": QT_TRANSLATE_NOOP("SyncTable", "Meeting"),
    "meeting_participant": QT_TRANSLATE_NOOP("SyncTable", "Meeting participant"),
    "agenda_item": QT_TRANSLATE_NOOP("SyncTable", "Agenda item"),
    "action_item": QT_TRANSLATE_NOOP("SyncTable", "Action from the minutes"),
    "referral_route": QT_TRANSLATE_NOOP("SyncTable", "Referral route"),
    "social_referral": QT_TRANSLATE_NOOP("SyncTable", "Referral to the social services"),
    "social_referral_reply": QT_TRANSLATE_NOOP("SyncTable", "Answer to a social referral"),
    "plan_goal": QT_TRANSLATE_NOOP("SyncTable", "Goal of a shared plan"),
    "plan_action": QT_TRANSLATE_NOOP("SyncTable", "Action of a shared plan"),
    "joint_interview": QT_TRANSLATE_NOOP("SyncTable", "Joint interview"),
    "plan_review": QT_TRANSLATE_NOOP("SyncTable", "Review of a shared plan"),
}
# A table this version does not know (a newer server's): said as such, never by its code.
_OTHER_TABLE = QT_TRANSLATE_NOOP("SyncTable", "Record of a kind unknown to this version")

# The fields people edit most; any other is named by its code, in quotes.
FIELDS: dict[str, str] = {
    "deleted": QT_TRANSLATE_NOOP("SyncField", "Deleted"),
    "last_name": QT_TRANSLATE_NOOP("SyncField", "Last name"),
    "first_name": QT_TRANSLATE_NOOP("SyncField", "First name"),
    "fiscal_code": QT_TRANSLATE_NOOP("SyncField", "Tax code"),
    "sex": QT_TRANSLATE_NOOP("SyncField", "Sex"),
    "birth_date": QT_TRANSLATE_NOOP("SyncField", "Date of birth"),
    "citizenship": QT_TRANSLATE_NOOP("SyncField", "Citizenship"),
    "residence_address": QT_TRANSLATE_NOOP("SyncField", "Residence address"),
    "residence_postcode": QT_TRANSLATE_NOOP("SyncField", "Residence postcode"),
    "residence_municipality_id": QT_TRANSLATE_NOOP("SyncField", "Municipality of residence"),
    "domicile_address": QT_TRANSLATE_NOOP("SyncField", "Domicile address"),
    "phone": QT_TRANSLATE_NOOP("SyncField", "Phone"),
    "email": QT_TRANSLATE_NOOP("SyncField", "Email"),
    "employment_status": QT_TRANSLATE_NOOP("SyncField", "Employment status"),
    "education_title": QT_TRANSLATE_NOOP("SyncField", "Qualification"),
    "track": QT_TRANSLATE_NOOP("SyncField", "Track"),
    "status": QT_TRANSLATE_NOOP("SyncField", "Status"),
    "urgency": QT_TRANSLATE_NOOP("SyncField", "Urgency"),
    "reason": QT_TRANSLATE_NOOP("SyncField", "Reason for the referral"),
    "referring_service": QT_TRANSLATE_NOOP("SyncField", "Referring service"),
    "referring_operator": QT_TRANSLATE_NOOP("SyncField", "Referring operator"),
    "job_centre_id": QT_TRANSLATE_NOOP("SyncField", "CPI"),
    "privacy_notice_on": QT_TRANSLATE_NOOP("SyncField", "Privacy notice handed over on"),
    "attachments": QT_TRANSLATE_NOOP("SyncField", "Attachments"),
    "needs": QT_TRANSLATE_NOOP("SyncField", "Needs"),
    "received_on": QT_TRANSLATE_NOOP("SyncField", "Received on"),
    "taken_in_charge_on": QT_TRANSLATE_NOOP("SyncField", "Taken in charge on"),
    "referent_id": QT_TRANSLATE_NOOP("SyncField", "Referent"),
    "outcome": QT_TRANSLATE_NOOP("SyncField", "Outcome"),
    "outcome_on": QT_TRANSLATE_NOOP("SyncField", "Outcome date"),
    "outcome_notes": QT_TRANSLATE_NOOP("SyncField", "Notes on the outcome"),
    "name": QT_TRANSLATE_NOOP("SyncField", "Name"),
    "title": QT_TRANSLATE_NOOP("SyncField", "Title"),
    "role": QT_TRANSLATE_NOOP("SyncField", "Role"),
    "address": QT_TRANSLATE_NOOP("SyncField", "Address"),
    "notes": QT_TRANSLATE_NOOP("SyncField", "Notes"),
    "description": QT_TRANSLATE_NOOP("SyncField", "Description"),
    "start_on": QT_TRANSLATE_NOOP("SyncField", "Start date"),
    "end_on": QT_TRANSLATE_NOOP("SyncField", "End date"),
    "held_on": QT_TRANSLATE_NOOP("SyncField", "Held on"),
    "place": QT_TRANSLATE_NOOP("SyncField", "Place"),
}
_OTHER_FIELD = QT_TRANSLATE_NOOP("SyncField", "Field «%1»")


def _tr(context: str, source: str) -> str:
    return QCoreApplication.translate(context, source)


def record_text(table: str, record_label: str) -> str:
    source = RECORD_KINDS.get(table)
    if source is None:
        return _tr("SyncRecord", _OTHER_RECORD).replace("%1", record_label).replace("%2", table)
    return _tr("SyncRecord", source).replace("%1", record_label)


def table_text(table: str) -> str:
    """The kind of record a synced table holds, in the UI's language."""
    return _tr("SyncTable", TABLE_KINDS.get(table, _OTHER_TABLE))


# How sync.protocol.records names a field in a reason: "Campo sex: ...", "Manca il campo at."
_FIELD_IN_REASON = re.compile(r"\b([Cc]ampo) ([a-z][a-z0-9_]*)\b")


def reason_text(reason: str) -> str:
    """A reason from the sync engine (Italian, fields named by their code) with each field
    named as the UI names it, in «»; a field with no name here keeps its code, quoted, as a
    conflict does."""

    def named(match: re.Match[str]) -> str:
        source = FIELDS.get(match.group(2))
        name = _tr(_CONTEXT, source) if source else match.group(2)
        return f"{match.group(1)} «{name}»"

    text = _FIELD_IN_REASON.sub(named, reason)
    return text[:1].upper() + text[1:]


def field_text(field: str) -> str:
    source = FIELDS.get(field)
    return _tr(_CONTEXT, source) if source else _tr(_CONTEXT, _OTHER_FIELD).replace("%1", field)


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _enum_for(table: str, field: str) -> type[StrEnum] | None:
    """The code list of a field by name: ``sex`` → Sex, ``referral.status`` → ReferralStatus."""
    wanted = {_camel(field), _camel(f"{table}_{field}"), _camel(field.removesuffix("_type"))}
    return next((enum for enum in labelled_enums() if enum.__name__ in wanted), None)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# What an identifier field points at, to show a name instead of a UUID.
_NAMES = {
    "job_centre_id": "SELECT name FROM job_centre WHERE id = ?",
    "municipality_id": "SELECT name FROM municipality WHERE id = ?",
    "residence_municipality_id": "SELECT name FROM municipality WHERE id = ?",
    "domicile_municipality_id": "SELECT name FROM municipality WHERE id = ?",
    "referent_id": "SELECT full_name FROM referent WHERE id = ?",
    "organization_id": "SELECT name FROM organization WHERE id = ?",
    "provider_id": "SELECT name FROM organization WHERE id = ?",
    "person_id": "SELECT last_name || ' ' || first_name FROM person WHERE id = ?",
    # Sites by name: a site code is never shown.
    "sending_site": "SELECT name FROM site WHERE code = ?",
    "convening_site": "SELECT name FROM site WHERE code = ?",
    "owner_site": "SELECT name FROM site WHERE code = ?",
    "site_code": "SELECT name FROM site WHERE code = ?",
}


def referenced_name(store: Store, field: str, value: Any) -> str | None:
    """The name of the record an identifier field holds, when it is known here."""
    sql = _NAMES.get(field)
    if sql is None or not isinstance(value, str) or not value:
        return None
    with store.raw_read() as connection:
        row = connection.execute(sql, (value,)).fetchone()
    return str(row[0]) if row and row[0] else None


def value_text(table: str, field: str, kind: str, value: Any, *, name: str | None = None) -> str:
    """A wire value as a person reads it (``name``: what an identifier points at)."""
    if name:
        return name
    if value is None or value in ("", []):
        return QCoreApplication.translate("SyncField", "(empty)")
    if isinstance(value, bool) or kind == "boolean":
        return (
            QCoreApplication.translate("SyncField", "Yes")
            if value
            else QCoreApplication.translate("SyncField", "No")
        )
    locale = QLocale()
    if isinstance(value, list):
        return ", ".join(value_text(table, field, "text", item) for item in value)
    if kind == "date" and isinstance(value, str) and _ISO_DATE.match(value):
        day = date.fromisoformat(value)
        return locale.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)
    if kind == "datetime" and isinstance(value, str):
        return datetime.fromisoformat(value).astimezone().strftime("%d/%m/%Y %H:%M")
    if kind == "time" and isinstance(value, str):
        moment_of_day = time.fromisoformat(value)
        return QTime(moment_of_day.hour, moment_of_day.minute).toString("HH:mm")
    if kind in ("integer", "float") and isinstance(value, int | float):
        return locale.toString(value)
    if isinstance(value, str):
        enum = _enum_for(table, field)
        if enum is not None and value in enum._value2member_map_:
            return label(enum(value))
    return str(value)
