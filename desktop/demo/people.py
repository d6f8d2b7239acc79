"""Demo persons: invented names, a codice fiscale that matches them, a real birthplace.

Names and streets come from ``desktop.demo.names``; residence is a real comune of the
Province, birthplaces are real comuni or foreign states, so that every codice fiscale passes
``check_fiscal_code`` without warnings.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache
from operator import itemgetter
from typing import Any, NamedTuple

from codicefiscale import codicefiscale

from desktop.demo import distributions as d
from desktop.demo import names, texts
from desktop.demo.bulk import DAY, BulkTable, sql_date, sql_instant
from desktop.demo.distributions import Draw
from desktop.demo.office_days import office_day_on_or_before
from desktop.demo.reference import DemoMunicipality
from desktop.demo.timeline import Plan
from desktop.demo.world import World
from desktop.domain.codes import EmploymentStatus, LegalRepresentativeKind, Track
from desktop.domain.fiscal_code import encode_fiscal_code
from desktop.domain.text import normalise_search_text
from desktop.store.models import Person

PERSON_FIELDS = (
    "id", "created_at", "updated_at", "updated_by", "owner_site", "dirty", "fiscal_code",
    "last_name", "first_name", "search_name", "sex", "birth_date", "birthplace_code",
    "birthplace_name", "citizenship", "permit_type", "permit_number", "permit_expiry",
    "permit_renewing", "residence_municipality_id", "residence_address", "residence_postcode",
    "domicile_municipality_id", "domicile_address", "domicile_postcode", "phone", "email",
    "preferred_channel", "employment_status", "did_date", "education_title", "isced_level",
    "education_year", "last_school", "school_left_date", "representative_kind",
    "representative_name", "representative_phone", "representative_act",
    "representative_act_on",
)  # fmt: skip
# Of those born in Italy: children of immigrants, with the parents' names, Italian citizens
# (by choice at eighteen, or through a parent) or still of the parents' citizenship.
SECOND_GENERATION_SHARE = 0.05
NATURALISED_SHARE = 0.15  # of those born abroad: Italian citizens by naturalisation
SUPPORT_ADMINISTRATOR_SHARE = 0.06  # of adults on the CMD track
_MOBILE_PREFIXES = ("20", "28", "29", "33", "34", "35", "38", "39", "40", "45", "47", "48", "49")
# Domains reserved for examples (RFC 2606): no demo address can reach a real mailbox.
_MAIL_DOMAINS = ("example.com", "example.org", "example.net")
_REGISTERED = frozenset({EmploymentStatus.UNEMPLOYED, EmploymentStatus.NEVER_EMPLOYED})


FISCAL_CODE_COLUMN = PERSON_FIELDS.index("fiscal_code")
# Omocodia (DOMAIN.md §6): digits replaced by letters from the right, in this order.
_OMOCODE_POSITIONS = (14, 13, 12, 10, 9, 7, 6)
_OMOCODE_LETTERS = "LMNPQRSTUV"


def make_fiscal_codes_unique(rows: list[tuple[Any, ...]], taken: set[str]) -> None:
    """Give a person whose codice fiscale is already taken its omocode, as the registry does.

    Two invented people may share surname, name, sex, birth date and birthplace; the Agenzia
    delle Entrate then tells their codes apart by omocodia, which the checks accept.
    """
    for index, row in enumerate(rows):
        code = row[FISCAL_CODE_COLUMN]
        if code in taken:
            code = _free_omocode(code, taken)
            rows[index] = (*row[:FISCAL_CODE_COLUMN], code, *row[FISCAL_CODE_COLUMN + 1 :])
        taken.add(code)


def _free_omocode(code: str, taken: set[str]) -> str:
    for replaced in range(1, len(_OMOCODE_POSITIONS) + 1):
        characters = list(code[:15])
        for position in _OMOCODE_POSITIONS[:replaced]:
            characters[position] = _OMOCODE_LETTERS[int(code[position])]
        body = "".join(characters)
        candidate = body + str(codicefiscale.encode_cin(body))
        if candidate not in taken:
            return candidate
    raise ValueError(f"every omocode of {code} is taken")


class PersonFacts(NamedTuple):
    """What the referral rows need to know of their person."""

    id: str
    sex: str
    birth: date
    isced_level: int
    school_left: date | None


def persons_table() -> BulkTable:
    return BulkTable(Person, PERSON_FIELDS)


class PersonBuilder:
    def __init__(
        self, draw: Draw, new_id: Callable[[], str], world: World, table: BulkTable
    ) -> None:
        self.draw = draw
        self.new_id = new_id
        self.world = world
        self.table = table
        self._row: Callable[[dict[str, Any]], tuple[Any, ...]] = itemgetter(*PERSON_FIELDS)

    def add(
        self,
        group: list[Plan],
        *,
        site: str,
        operator: str,
        residence: DemoMunicipality,
    ) -> PersonFacts:
        draw, world = self.draw, self.world
        latest = group[-1]
        created = group[0].times[0] - draw.between(60, 1800)
        created_on = date.fromordinal(created // DAY)
        sex = "F" if draw.chance(0.5) else "M"
        state: names.ForeignState | None = None
        born_abroad = draw.chance(d.FOREIGN_BORN_SHARE)
        if born_abroad:
            state = draw.one_of(names.FOREIGN_BIRTH_STATES)
            naturalised = not state.eu and draw.chance(NATURALISED_SHARE)
            citizenship = names.ITALIAN_CITIZENSHIP if naturalised else state.citizenship
            birthplace_code, birthplace_name = state.code, state.name
        else:
            if draw.chance(SECOND_GENERATION_SHARE):
                state = draw.one_of(names.FOREIGN_BIRTH_STATES)
            citizenship = names.ITALIAN_CITIZENSHIP
            if state is not None and not draw.chance(0.4):
                citizenship = state.citizenship
            birthplace_code, birthplace_name = world.birthplace(draw)
        last_name, first_name = _names(draw, sex, state)
        birth, fiscal_code = self._birth_and_code(
            group, last_name, first_name, sex, birthplace_code
        )
        needs_permit = citizenship != names.ITALIAN_CITIZENSHIP and not (state and state.eu)
        permit_expiry = (
            created_on + timedelta(days=draw.between(-60, 700)) if needs_permit else None
        )
        # Protection (asylum, subsidiary, special) only for someone who came from abroad.
        permit_type = None
        if needs_permit:
            permit_type = d.PERMIT(draw) if born_abroad else d.BORN_HERE_PERMIT(draw)
        representative = self._representative(latest, last_name, birth, state, created_on)
        level, title, year, school, left = self._education(latest.track, birth, created_on)
        employment = d.EMPLOYMENT[latest.track](draw)
        did = None
        if employment in _REGISTERED and draw.chance(0.75):
            did = max(created_on - timedelta(days=draw.between(10, 700)), birthday(birth, 16))
        domicile = world.any_residence(draw) if draw.chance(0.05) else None
        person_id = self.new_id()
        stamp = sql_instant(created)
        row: dict[str, Any] = {
            "id": person_id, "created_at": stamp, "updated_at": stamp, "updated_by": operator,
            "owner_site": site, "dirty": site == world.local_site, "fiscal_code": fiscal_code,
            "last_name": last_name, "first_name": first_name,
            "search_name": _search_name(last_name, first_name), "sex": sex,
            "birth_date": birth.isoformat(), "birthplace_code": birthplace_code,
            "birthplace_name": birthplace_name, "citizenship": citizenship,
            "permit_type": permit_type,
            "permit_number": f"I{draw.between(0, 99_999_999):08d}" if needs_permit else "",
            "permit_expiry": sql_date(permit_expiry),
            "permit_renewing": permit_expiry is not None and permit_expiry < created_on,
            "residence_municipality_id": residence.id,
            "residence_address": _address(draw), "residence_postcode": residence.postcode,
            "domicile_municipality_id": domicile.id if domicile else None,
            "domicile_address": _address(draw) if domicile else "",
            "domicile_postcode": domicile.postcode if domicile else "",
            "phone": f"3{draw.one_of(_MOBILE_PREFIXES)} {draw.between(1_000_000, 9_999_999)}",
            "email": (
                f"{_mail_name(first_name, last_name)}{draw.between(1, 99)}"
                f"@{draw.one_of(_MAIL_DOMAINS)}" if draw.chance(0.8) else ""
            ),
            "preferred_channel": d.CHANNEL(draw), "employment_status": employment,
            "did_date": sql_date(did), "education_title": title, "isced_level": level,
            "education_year": year, "last_school": school, "school_left_date": sql_date(left),
            **representative,
        }  # fmt: skip
        self.table.add(self._row(row))
        return PersonFacts(person_id, sex, birth, level, left)

    def _representative(
        self,
        latest: Plan,
        last_name: str,
        birth: date,
        state: names.ForeignState | None,
        created_on: date,
    ) -> dict[str, Any]:
        """A parent for a minor (required); an amministratore di sostegno for a few adults on
        the CMD track, appointed by the Tribunale di Varese."""
        draw = self.draw
        today = date.fromordinal(self.world.today_ordinal)
        phone = f"3{draw.one_of(_MOBILE_PREFIXES)} {draw.between(1_000_000, 9_999_999)}"
        if _age(birth, today) < 18:
            parent_sex = "F" if draw.chance(0.6) else "M"
            _, parent_first = _names(draw, parent_sex, state)
            return {
                "representative_kind": LegalRepresentativeKind.PARENT,
                "representative_name": f"{parent_first} {last_name}",
                "representative_phone": phone, "representative_act": "",
                "representative_act_on": None,
            }  # fmt: skip
        if latest.track is Track.CMD and draw.chance(SUPPORT_ADMINISTRATOR_SHARE):
            appointed = date.fromordinal(
                office_day_on_or_before(created_on.toordinal() - draw.between(60, 1500))
            )
            surname, first = _names(draw, "F" if draw.chance(0.5) else "M", None)
            return {
                "representative_kind": LegalRepresentativeKind.SUPPORT_ADMINISTRATOR,
                "representative_name": f"{first} {surname}", "representative_phone": phone,
                "representative_act": (
                    f"Decreto del Tribunale di Varese n. {draw.between(120, 4800)}/"
                    f"{appointed.year}"
                ),
                "representative_act_on": appointed.isoformat(),
            }  # fmt: skip
        return _NO_REPRESENTATIVE

    def _birth_and_code(
        self, group: list[Plan], last_name: str, first_name: str, sex: str, place: str
    ) -> tuple[date, str]:
        draw = self.draw
        low, high = _birth_range(group)
        latest = group[-1]
        if latest.track is Track.NEET:
            age = d.NEET_AGE(draw)
        else:
            age = draw.between(19, 63) if draw.chance(0.4) else draw.between(30, 58)
        latest_day = date.fromordinal(latest.times[0] // DAY)
        target = _years_before(latest_day, age).toordinal() - draw.between(0, 364)
        birth = date.fromordinal(min(max(target, low), high))
        code = encode_fiscal_code(
            last_name=last_name,
            first_name=first_name,
            sex=sex,
            birth_date=birth,
            birthplace_code=place,
        )
        return birth, code

    def _education(
        self, track: Track, birth: date, on: date
    ) -> tuple[int, str, int | None, str, date | None]:
        draw = self.draw
        age = _age(birth, on)
        level = d.ISCED[track](draw)
        while level > 0 and d.ISCED_AGE[level] >= age:
            level -= 1
        title = draw.one_of(texts.EDUCATION_TITLES[level])
        if level == 0:
            return level, title, None, "", None
        upper_secondary = title.startswith("Diploma di istruzione")
        finish_age = d.ISCED_AGE[level] + (2 if upper_secondary else 0)
        last_school_year = on.year - (1 if on.month < 7 else 0)
        year = min(birth.year + finish_age + draw.between(0, 2), last_school_year)
        year = max(year, birth.year + d.ISCED_AGE[level])
        if level >= 5:
            school = draw.one_of(texts.UNIVERSITIES)
            left = date(year, draw.between(3, 12), draw.between(1, 28))
        else:
            school = draw.one_of(_schools(level, title))
            left = date(year, 6, draw.between(8, 30))
        if left >= on:
            left = on - timedelta(days=draw.between(30, 200))
            year = left.year
        return level, title, year, school, left


def _schools(level: int, title: str) -> tuple[str, ...]:
    if level <= 2:
        return texts.LOWER_SECONDARY_SCHOOLS
    if "IeFP" in title or "IFTS" in title:
        return texts.VOCATIONAL_CENTRES
    return texts.UPPER_SECONDARY_SCHOOLS


_NO_REPRESENTATIVE: dict[str, Any] = {
    "representative_kind": None, "representative_name": "", "representative_phone": "",
    "representative_act": "", "representative_act_on": None,
}  # fmt: skip


def _names(draw: Draw, sex: str, state: names.ForeignState | None) -> tuple[str, str]:
    """Surname and first name of the state's own names, or Italian ones (``state`` None)."""
    if state is not None:
        first_names = state.female_names if sex == "F" else state.male_names
        return draw.one_of(state.surnames), draw.one_of(first_names)
    first_names = names.ITALIAN_FEMALE_FIRST_NAMES if sex == "F" else names.ITALIAN_MALE_FIRST_NAMES
    return draw.one_of(names.ITALIAN_SURNAMES), draw.one_of(first_names)


def _birth_range(group: list[Plan]) -> tuple[int, int]:
    """Ordinals of the earliest and latest birth date that fit every referral's track."""
    low, high = 0, 10**7
    for plan in group:
        created = date.fromordinal(plan.times[0] // DAY)
        youngest, oldest = (15, 29) if plan.track is Track.NEET else (18, 64)
        high = min(high, _years_before(created, youngest).toordinal())
        low = max(low, _years_before(created, oldest + 1).toordinal() + 1)
    return low, high


@lru_cache(maxsize=65536)
def _search_name(last_name: str, first_name: str) -> str:
    return normalise_search_text(f"{last_name} {first_name}")


@lru_cache(maxsize=65536)
def _mail_name(first_name: str, last_name: str) -> str:
    plain = normalise_search_text(f"{first_name}.{last_name}")
    return "".join(char for char in plain if char.isalnum() or char == ".")


def _address(draw: Draw) -> str:
    suffix = "/A" if draw.chance(0.05) else ""
    return f"{draw.one_of(names.STREETS)} {draw.between(1, 120)}{suffix}"


def birthday(birth: date, age: int) -> date:
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:  # 29 February in a common year
        return birth.replace(year=birth.year + age, day=28)


def _years_before(day: date, years: int) -> date:
    return birthday(day, -years)


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
