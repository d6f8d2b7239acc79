"""The demo configuration as fast look-ups and weighted choices for the seed."""

from __future__ import annotations

from datetime import date

from desktop.demo import distributions as d
from desktop.demo.distributions import Pick
from desktop.demo.reference import DemoMunicipality, DemoOperator, DemoReference, DemoReferent
from desktop.demo.reference_data import ETS_SITES
from desktop.domain.codes import PathActionType, SiteKind, Track

# Where people are born: hospital towns of the Province, any comune of it, elsewhere in Italy.
HOSPITAL_TOWNS = (
    "Varese", "Busto Arsizio", "Gallarate", "Saronno", "Tradate", "Luino", "Cittiglio", "Angera",
)  # fmt: skip
OTHER_ITALIAN_BIRTHPLACES = (
    ("F205", "Milano"), ("H501", "Roma"), ("F839", "Napoli"), ("G273", "Palermo"),
    ("L219", "Torino"), ("C933", "Como"), ("A662", "Bari"), ("F952", "Novara"),
    ("C351", "Catania"),
)  # fmt: skip
# Comuni born of mergers in 2014, 2019 and 2023: nobody aged 15 or more was born there.
RECENT_COMUNI = frozenset({"M339", "M425", "M433"})
_NO_END = 10**7


class World:
    def __init__(self, reference: DemoReference, today: date) -> None:
        self.reference = reference
        self.today = today
        self.today_ordinal = today.toordinal()
        self._referent_on: dict[tuple[str, Track, int], DemoReferent | None] = {}
        self.local_site = reference.local_site
        self.local_operator = reference.local_operator
        self.catchments: dict[str, list[tuple[int, int, str]]] = {}
        for catchment in reference.catchments:
            self.catchments.setdefault(catchment.municipality_id, []).append(
                (
                    catchment.valid_from.toordinal() if catchment.valid_from else 0,
                    catchment.valid_to.toordinal() if catchment.valid_to else _NO_END,
                    catchment.job_centre_id,
                )
            )
        self.job_centres = sorted(
            {centre for periods in self.catchments.values() for *_, centre in periods}
        )
        served = [m for m in reference.municipalities if m.id in self.catchments]
        by_ambito: dict[str, list[DemoMunicipality]] = {}
        for municipality in served:
            by_ambito.setdefault(municipality.ambito_id or "", []).append(municipality)
        senders = [
            site
            for site in reference.sites_of_kind(SiteKind.AMBITO)
            if site.operators and by_ambito.get(site.ambito_id or "")
        ]
        if not senders:
            raise ValueError("the configuration has no Ambito site with operators and comuni")
        self.residence = {
            site.code: Pick([(m, m.weight) for m in by_ambito[site.ambito_id or ""]])
            for site in senders
        }
        self.any_residence = Pick([(m, m.weight) for m in served])
        weights = {
            site.code: float(sum(m.weight for m in by_ambito[site.ambito_id or ""]))
            for site in senders
        }
        if self.local_site in weights and reference.enrolled:
            # Sync issue: in an enrolled folder every referral seeded is this Ambito's own.
            weights = {self.local_site: 1.0}
        elif self.local_site in weights:
            others = sum(weights.values()) - weights[self.local_site]
            weights[self.local_site] = others * d.LOCAL_SITE_SHARE / (1 - d.LOCAL_SITE_SHARE)
        if not reference.enrolled:
            # A Third Sector body enrolled as a site sends a few referrals of its own, for
            # people of the Ambito it works in.
            for spec in ETS_SITES:
                area = next((s for s in senders if s.code == spec.area), None)
                if area is None or not any(s.code == spec.code for s in reference.sites):
                    continue
                self.residence[spec.code] = self.residence[area.code]
                weights[spec.code] = sum(weights.values()) * d.ETS_SITE_SHARE
        self.sending_site = Pick(list(weights.items()))
        self.operators: dict[str, tuple[DemoOperator, ...]] = {
            site.code: site.operators for site in reference.sites
        }
        self.cpi_site = {
            site.job_centre_id: site.code
            for site in reference.sites_of_kind(SiteKind.CPI)
            if site.job_centre_id
        }
        self.referents: dict[tuple[str, Track], list[DemoReferent]] = {}
        for referent in sorted(reference.referents, key=lambda r: r.valid_from or date.min):
            key = (referent.job_centre_id, referent.track)
            self.referents.setdefault(key, []).append(referent)
        self.birthplace = self._birthplaces(reference)
        self.ets_senders = [o.name for o in reference.organizations if o.kind in d.ETS_SENDERS]
        everyone = [o.id for o in reference.organizations]
        self.providers: dict[PathActionType, list[str]] = {
            action: [o.id for o in reference.organizations if o.kind in kinds] or everyone
            for action, kinds in d.PROVIDER_KINDS.items()
        }

    @staticmethod
    def _birthplaces(reference: DemoReference) -> Pick[tuple[str, str]]:
        comuni = [
            m
            for m in reference.municipalities
            if m.cadastral_code and m.cadastral_code not in RECENT_COMUNI
        ]
        hospitals = [m for m in comuni if m.name in HOSPITAL_TOWNS]
        others = len(OTHER_ITALIAN_BIRTHPLACES)
        comuni_weight = sum(m.weight for m in comuni) or 1
        # Shares of 100: hospital towns 62, any comune of the Province 23, elsewhere 15.
        return Pick(
            [
                *(((m.cadastral_code, m.name), 62 / len(hospitals)) for m in hospitals),
                *(((m.cadastral_code, m.name), 23 * m.weight / comuni_weight) for m in comuni),
                *((place, 15 / others) for place in OTHER_ITALIAN_BIRTHPLACES),
            ]
        )

    def job_centre(self, municipality_id: str, on: int) -> str:
        """The competent CPI on the day with ordinal ``on``, per the catchments."""
        periods = self.catchments[municipality_id]
        for valid_from, valid_to, job_centre_id in periods:
            if valid_from <= on <= valid_to:
                return job_centre_id
        return periods[-1][2]

    def referent(self, job_centre_id: str, track: Track, day: int) -> DemoReferent | None:
        """The referent in office on the day (an ordinal), else the nearest one to it."""
        key = (job_centre_id, track, day)
        if key not in self._referent_on:
            on = date.fromordinal(day)
            candidates = self.referents.get((job_centre_id, track), [])
            found = [
                r
                for r in candidates
                if (r.valid_from or date.min) <= on <= (r.valid_to or date.max)
            ]
            later = [r for r in candidates if (r.valid_from or date.min) > on]
            chosen = found or later[:1] or candidates[-1:]
            self._referent_on[key] = chosen[0] if chosen else None
        return self._referent_on[key]

    def referent_username(self, job_centre_id: str, track: Track, day: int) -> str:
        referent = self.referent(job_centre_id, track, day)
        return referent.username if referent else ""
