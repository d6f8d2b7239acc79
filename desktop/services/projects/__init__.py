"""Co-design projects (co-progettazione, art. 55 D.Lgs. 117/2017; DOMAIN.md §3).

A project, its partners, funding rows, activities and indicators belong to the site that
created the project. Beneficiaries are links to referrals, never copies of a person's data;
the indicators computed from them read the referrals' dates, handling and path actions only.
Money is in euro cents so that totals add up exactly.
"""

from __future__ import annotations

from desktop.services.projects.activities import add_activity, remove_activity, update_activity
from desktop.services.projects.beneficiaries import link_referral, unlink_referral
from desktop.services.projects.computed import computed_indicators
from desktop.services.projects.funding import (
    add_funding,
    funding_totals,
    remove_funding,
    update_funding,
)
from desktop.services.projects.identity import (
    advance_project_status,
    create_project,
    delete_project,
    get_project,
    list_projects,
    search_projects,
    update_project,
)
from desktop.services.projects.indicators import add_indicator, remove_indicator, update_indicator
from desktop.services.projects.partners import add_partner, remove_partner, update_partner
from desktop.services.projects.records import (
    COMPUTED_NAMES,
    DECISION_MAX,
    EXPECTED_BENEFICIARIES_MAX,
    FUNDING_YEAR_MAX,
    FUNDING_YEAR_MIN,
    NAME_MAX,
    NOTES_MAX,
    PROJECT_FIELDS,
    SHORT_MAX,
    STATUS_LABELS,
    STATUS_ORDER,
    TEXT_MAX,
    TITLE_MAX,
    TRAINEESHIP_TYPES,
    UNIT_MAX,
    ActivityInput,
    ActivityRow,
    BeneficiaryRow,
    ComputedIndicator,
    FundingInput,
    FundingRow,
    FundingTotals,
    IndicatorInput,
    IndicatorRow,
    PartnerInput,
    PartnerRow,
    ProjectDetail,
    ProjectInput,
    ProjectRow,
)

__all__ = [
    "COMPUTED_NAMES",
    "DECISION_MAX",
    "EXPECTED_BENEFICIARIES_MAX",
    "FUNDING_YEAR_MAX",
    "FUNDING_YEAR_MIN",
    "NAME_MAX",
    "NOTES_MAX",
    "PROJECT_FIELDS",
    "SHORT_MAX",
    "STATUS_LABELS",
    "STATUS_ORDER",
    "TEXT_MAX",
    "TITLE_MAX",
    "TRAINEESHIP_TYPES",
    "UNIT_MAX",
    "ActivityInput",
    "ActivityRow",
    "BeneficiaryRow",
    "ComputedIndicator",
    "FundingInput",
    "FundingRow",
    "FundingTotals",
    "IndicatorInput",
    "IndicatorRow",
    "PartnerInput",
    "PartnerRow",
    "ProjectDetail",
    "ProjectInput",
    "ProjectRow",
    "add_activity",
    "add_funding",
    "add_indicator",
    "add_partner",
    "advance_project_status",
    "computed_indicators",
    "create_project",
    "delete_project",
    "funding_totals",
    "get_project",
    "link_referral",
    "list_projects",
    "remove_activity",
    "remove_funding",
    "remove_indicator",
    "remove_partner",
    "search_projects",
    "unlink_referral",
    "update_activity",
    "update_funding",
    "update_indicator",
    "update_partner",
    "update_project",
]
