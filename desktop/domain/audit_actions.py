"""The audit trail's vocabulary: what was done (``AuditAction``) to what (``AuditEntity``).

Stable codes, stored in ``audit_entry`` and sent to the server; people read them through the
Italian labels of the audit screen and its printouts, never as codes. A new kind of audited
action gets a code here first, so that the screen, the exports and the server agree.
"""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    # Writes (recorded in the unit of work that makes them).
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    STATUS = "status"
    UPDATE_HANDLING = "update_handling"
    ADD_ACTION = "add_action"
    UPDATE_ACTION = "update_action"
    REMOVE_ACTION = "remove_action"
    LINK_REFERRAL = "link_referral"
    UNLINK_REFERRAL = "unlink_referral"
    APPROVE_MINUTES = "approve_minutes"
    CORRECT_MINUTES = "correct_minutes"
    ISSUE_DOCUMENT = "issue_document"
    RESTRICT = "restrict"
    LIFT_RESTRICTION = "lift_restriction"
    MERGE = "merge"
    RESOLVE_CONFLICT = "resolve_conflict"
    ANONYMISE = "anonymise"
    # Records brought in from a spreadsheet, all together: ``entity_id`` is empty, the details
    # carry the counts and the file's SHA-256.
    IMPORT = "import"
    # Reads of special-category data (recorded in a unit of their own).
    OPEN_PERSON = "open_person"
    OPEN_REFERRAL = "open_referral"
    OPEN_CMD_SECTION = "open_cmd_section"
    # A NEET referral's health-related codes (SerD, CPS/NPIA, "Salute": desktop.domain.health).
    OPEN_HEALTH_DATA = "open_health_data"
    SEARCH = "search"
    EXPORT = "export"
    EXPORT_SENSITIVE = "export_sensitive"
    PRINT = "print"
    PREVIEW = "preview"
    ACCESS_EXTRACT = "access_extract"
    # The audit itself and the store.
    VIEW_AUDIT = "view_audit"
    EXPORT_AUDIT = "export_audit"
    PRINT_ACCESS_REGISTER = "print_access_register"
    RETENTION_REVIEW = "retention_review"
    RESTORE = "restore"


class AuditEntity(StrEnum):
    PERSON = "person"
    REFERRAL = "referral"
    PROJECT = "project"
    MEETING = "meeting"
    ORGANIZATION = "organization"
    CONTACT = "contact"
    # A site's profile (reference data the Province keeps): ``entity_id`` is the site row's id.
    SITE = "site"
    # The Province's referral routes, saved all together: ``entity_id`` is empty.
    REFERRAL_ROUTE = "referral_route"
    # A CPI's referral to an Ambito's social services.
    SOCIAL_REFERRAL = "social_referral"
    # A list or a set of records (a search, an export): ``entity_id`` is empty.
    REFERRAL_LIST = "referral_list"
    PERSON_LIST = "person_list"
    AUDIT = "audit"
    STORE = "store"
