"""The network directory (Rubrica): organisations, their contacts, and the referents of CPIs.

Organisations and contacts are written by the site that created them (DESIGN.md §3.1).
Referents are reference data from the provincial server, so here they are only read.
The directory holds hundreds of rows, not hundreds of thousands: name searches are matched in
Python after folding case and accents, which SQLite's ``LIKE`` and ``lower()`` cannot do
beyond ASCII ("societa" must find "SOCIETÀ").
"""

from desktop.services.directory.contacts import (
    CONTACT_FIELDS,
    PERSON_NAME_MAX,
    ROLE_MAX,
    ContactDetail,
    ContactInput,
    create_contact,
    delete_contact,
    get_contact,
    list_contacts,
    load_contact,
    search_contacts,
    update_contact,
)
from desktop.services.directory.organizations import (
    NAME_MAX,
    NOTES_MAX,
    ORGANIZATION_FIELDS,
    SHORT_MAX,
    TAX_CODE_MAX,
    OrganizationDetail,
    OrganizationInput,
    OrganizationRow,
    create_organization,
    delete_organization,
    get_organization,
    list_organizations,
    search_organizations,
    update_organization,
)
from desktop.services.directory.referents import ReferentRow, current_referent, list_referents

__all__ = [
    "CONTACT_FIELDS",
    "NAME_MAX",
    "NOTES_MAX",
    "ORGANIZATION_FIELDS",
    "PERSON_NAME_MAX",
    "ROLE_MAX",
    "SHORT_MAX",
    "TAX_CODE_MAX",
    "ContactDetail",
    "ContactInput",
    "OrganizationDetail",
    "OrganizationInput",
    "OrganizationRow",
    "ReferentRow",
    "create_contact",
    "create_organization",
    "current_referent",
    "delete_contact",
    "delete_organization",
    "get_contact",
    "get_organization",
    "list_contacts",
    "list_organizations",
    "list_referents",
    "load_contact",
    "search_contacts",
    "search_organizations",
    "update_contact",
    "update_organization",
]
