"""The Province's monitoring tables on the wire: ``GET /monitoring?start=…&end=…``.

The server counts (``sync.server.monitoring``), protects (``sync.server.disclosure``) and sends
these; the Province's PC turns them into its dashboard (``desktop.services.monitoring.province``).

Labels: Ambiti, CPI and senders carry their names as the reference records give them (data the
server holds); tracks, statuses, outcomes and funding sources travel as their codes with an
empty label, and the PC labels them with the same Italian labels as every other document
(``desktop.documents.labels``), so one table of labels serves the whole application.

A withheld count is ``count: null`` with ``suppressed: true``; a published zero is ``0``.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from sync.protocol import SUPPRESSION_THRESHOLD, WireModel

# The longest period one request may cover: five years of quarters.
MAX_MONITORING_DAYS = 5 * 366

# Keys of the rows that are not a reference record.
NO_OUTCOME = ""  # outcome × track: referrals whose handling has no outcome (yet)
SENDER_SITE_PREFIX = "site:"  # a sender that is not an Ambito (Third Sector body, CPI)


class Label(WireModel):
    key: str
    label: str = ""


class Cell(WireModel):
    count: int | None
    suppressed: bool = False


class MonitoringTable(WireModel):
    """Counts of referrals by ``rows`` × ``columns`` (the tracks), with the margins.

    ``columns`` is empty when the response is not split by track (``split_by_track`` false):
    ``cells`` then holds one empty list per row and the counts are in ``row_totals``.
    ``column_totals`` are the track totals, shared by every table of a response; ``total`` is
    the grand total, always published.
    """

    key: str
    rows: list[Label]
    columns: list[Label]
    cells: list[list[Cell]]
    row_totals: list[Cell]
    column_totals: list[Cell]
    total: int


class ResponseTimeRow(WireModel):
    """Whole days from sending to receipt (or taking in charge) at one CPI.

    ``count`` intervals measured; when fewer than the threshold, nothing is published
    (``suppressed``, all null)."""

    count: int | None
    median: float | None = None
    p90: float | None = None
    suppressed: bool = False


class CentreResponseTimes(WireModel):
    job_centre: Label
    receipt: ResponseTimeRow
    taking_in_charge: ResponseTimeRow


class FundingRow(WireModel):
    """Co-design projects financed by one source: how many, and the total amount in cents."""

    source: Label
    projects: int
    amount_cents: int


class MonitoringResponse(WireModel):
    threshold: int = SUPPRESSION_THRESHOLD
    generated_at: datetime
    # The period asked for, and the whole quarters actually counted.
    requested_start: date
    requested_end: date
    start: date
    end: date
    quarters: list[Label]
    split_by_track: bool
    tracks: list[Label]
    # The track totals (published whenever split; protected as a one-way table otherwise).
    track_totals: list[Cell]
    total: int
    tables: list[MonitoringTable] = Field(default_factory=list)
    response_times: list[CentreResponseTimes] = Field(default_factory=list)
    funding: list[FundingRow] = Field(default_factory=list)


# Keys of ``MonitoringResponse.tables``.
TABLE_KEYS = ("ambito", "job_centre", "status", "quarter", "outcome")
