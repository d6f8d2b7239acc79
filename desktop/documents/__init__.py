"""Printable documents: plain data in, PDF bytes out (DESIGN.md §4).

The builders (``referral_form``, ``privacy_notice``, ``minutes``, ``attendance_sheet``,
``agenda``, ``project_sheet``) take the frozen dataclasses of ``desktop.documents.inputs`` and
return the bytes of a PDF/A4 document with embedded fonts; they import neither Qt, nor the
services, nor the store (``tests/test_architecture.py`` holds them to it).
``desktop.services.documents.data`` reads the records through the services and builds those
inputs; ``desktop.services.documents`` issues a document and records its SHA-256;
``desktop.services.documents.batch`` builds many of them in worker processes. A restricted
person or referral (GDPR art. 18) is refused by the data layer and again by the builders
(``desktop.documents.restriction``).
"""

from __future__ import annotations

from enum import StrEnum


class DocumentType(StrEnum):
    """Stable codes of the documents, stored in ``issued_document.document_type``."""

    REFERRAL_FORM = "referral_form"  # scheda di segnalazione
    PRIVACY_NOTICE = "privacy_notice"  # informativa privacy
    MINUTES = "minutes"  # verbale
    ATTENDANCE_SHEET = "attendance_sheet"  # foglio presenze
    AGENDA = "agenda"  # convocazione e ordine del giorno
    PROJECT_SHEET = "project_sheet"  # scheda progetto
    PERSONAL_DATA_EXTRACT = "personal_data_extract"  # estratto dei dati personali (art. 15)
    ACCESS_REGISTER = "access_register"  # registro degli accessi di una persona
    JOINT_PLAN = "joint_plan"  # progetto personalizzato condiviso (issue 17)
    MONITORING_REPORT = "monitoring_report"  # report di monitoraggio (issue 18)
