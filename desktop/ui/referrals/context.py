"""What every referral editor needs to know besides the referral: who works here, the comuni,
the CPIs and the sites' names. Who works here is read with the referral; the reference data
are shared by the editors of one window (see ``launcher``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from desktop.domain.codes import Track
from desktop.domain.text import normalise_search_text
from desktop.services.context import Actor
from desktop.services.reference import (
    JobCentreRow,
    MunicipalityRow,
    list_job_centres,
    list_municipalities,
)
from desktop.services.referrals.drafts import ReferralForm
from desktop.services.referrals.records import site_names
from desktop.services.routes import referral_tracks_for, routes_in_force
from desktop.services.sites import site_name
from desktop.store.engine import Store
from sync.protocol.routes import DEFAULT_ROUTES, Route


@dataclass(frozen=True)
class ReferenceData:
    """Comuni, CPIs, sites and the referral routes: they change only with a sync, so editors
    may share them."""

    municipalities: list[MunicipalityRow]
    job_centres: list[JobCentreRow]
    site_names: dict[str, str]
    routes: frozenset[Route] = DEFAULT_ROUTES

    @classmethod
    def load(cls, store: Store) -> ReferenceData:
        return cls(
            list_municipalities(store),
            list_job_centres(store),
            site_names(store),
            routes_in_force(store),
        )


@dataclass
class EditorContext:
    store: Store
    actor: Actor
    today: Callable[[], date]
    own_job_centre_id: str | None  # the CPI this installation works for, if it is a CPI
    operator_name: str
    reference: ReferenceData
    _by_name: dict[str, MunicipalityRow] = field(default_factory=dict, repr=False)

    @classmethod
    def from_form(
        cls,
        store: Store,
        form: ReferralForm,
        *,
        today: Callable[[], date] = date.today,
        reference: ReferenceData | None = None,
    ) -> EditorContext:
        """From what the editor read when it opened; the reference data unless given."""
        return cls(
            store=store,
            actor=form.actor,
            today=today,
            own_job_centre_id=form.own_job_centre_id,
            operator_name=form.operator_name,
            reference=reference or ReferenceData.load(store),
        )

    @property
    def municipalities(self) -> list[MunicipalityRow]:
        return self.reference.municipalities

    @property
    def job_centres(self) -> list[JobCentreRow]:
        return self.reference.job_centres

    @property
    def sender_tracks(self) -> list[Track]:
        """The tracks this site may create and send referrals on (none: it sends none)."""
        return referral_tracks_for(self.reference.routes, self.actor.site_kind)

    @property
    def site_names(self) -> dict[str, str]:
        return self.reference.site_names

    def municipality_by_name(self, name: str) -> MunicipalityRow | None:
        if not self._by_name:
            self._by_name = {normalise_search_text(row.name): row for row in self.municipalities}
        return self._by_name.get(normalise_search_text(name))

    def municipality_name(self, municipality_id: str | None) -> str:
        for row in self.municipalities:
            if row.id == municipality_id:
                return row.name
        return ""

    def job_centre_name(self, job_centre_id: str | None) -> str:
        for row in self.job_centres:
            if row.id == job_centre_id:
                return row.name
        return ""

    def site_name(self, code: str) -> str:
        return site_name(self.site_names, code)
