"""Comuni and foreign countries written loosely, matched to their official names and codes.

Residences are comuni of the store (the Province of Varese, ISTAT's list); birthplaces may be
any Italian comune that ever existed, or a foreign country, from python-codicefiscale's
database (ISTAT names, cadastral codes, the dates each comune existed). What an
office writes is tried in order: the exact name ("Gallarate", "GALLARATE", "Comune di
Gallarate", "Gallarate (VA)", "Gallarate - VA"), the old name of a merged comune, an
abbreviation ("Busto A.", "S. Vittore Olona"), and last a close spelling ("Busto Arsisio"),
taken only with a high score and a clear margin over the next name, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from rapidfuzz import fuzz, process

from desktop.domain.fiscal_code import countries_archive, municipalities_archive
from desktop.services.imports.fields import abbreviated_words, normalise_header

# A loose spelling is taken when its score (RapidFuzz ratio, 0-100) reaches this and beats the
# next name by MARGIN; below, the names scoring SUGGEST and more are offered as suggestions.
ACCEPT_SCORE = 88.0
NATIONAL_ACCEPT_SCORE = 91.0
MARGIN = 4.0
SUGGEST_SCORE = 65.0
MAX_SUGGESTIONS = 3
SHORTEST_LOOSE_NAME = 6
# Lists up to this many names are searched with WRatio (partial matches) for suggestions: a
# province's comuni (Varese 136; the most, Torino's, 312), not the countries' 394 names, whose
# short ones ("USA", "UK") WRatio finds inside anything.
WRATIO_NAMES = 320

# Comuni of the Province of Varese merged into a new one: the old name -> (the new comune, the
# day the merger took effect). Source: ISTAT, "Variazioni amministrative e territoriali dei
# comuni"; the dates agree with python-codicefiscale's database (the old comuni ceased the day
# before, the new one began that day), which tests/imports/test_comuni.py checks.
MERGED_INTO: Mapping[str, tuple[str, date]] = {
    "Cadrezzate": ("Cadrezzate con Osmate", date(2019, 2, 15)),
    "Osmate": ("Cadrezzate con Osmate", date(2019, 2, 15)),
    "Maccagno": ("Maccagno con Pino e Veddasca", date(2014, 2, 4)),
    "Pino sulla Sponda del Lago Maggiore": ("Maccagno con Pino e Veddasca", date(2014, 2, 4)),
    "Veddasca": ("Maccagno con Pino e Veddasca", date(2014, 2, 4)),
    "Bardello": ("Bardello con Malgesso e Bregano", date(2023, 1, 1)),
    "Malgesso": ("Bardello con Malgesso e Bregano", date(2023, 1, 1)),
    "Bregano": ("Bardello con Malgesso e Bregano", date(2023, 1, 1)),
}

FOREIGN_PROVINCE = "EE"
# What people call a country -> its name in python-codicefiscale's list of countries.
COUNTRY_NAMES: Mapping[str, str] = {
    "Russia": "Federazione Russa",
    "Cina": "Repubblica Popolare Cinese",
    "Macedonia": "Macedonia Del Nord",
    "Bosnia": "Bosnia-Erzegovina",
    "Moldavia": "Moldova",
    "Inghilterra": "Regno Unito",
    "Gran Bretagna": "Regno Unito",
    "Scozia": "Regno Unito",
    "Galles": "Regno Unito",
    "UK": "Regno Unito",
    "USA": "Stati Uniti D'America",
    "U.S.A.": "Stati Uniti D'America",
    "Stati Uniti": "Stati Uniti D'America",
    "Olanda": "Paesi Bassi",
    "Unione Sovietica": "Unione Repubbliche Socialiste Sovietiche",
    "Ex Jugoslavia": "Jugoslavia",
    "Ex URSS": "Unione Repubbliche Socialiste Sovietiche",
    "Corea del Sud": "Repubblica Di Corea",
    "Corea del Nord": "Repubblica Popolare Democratica Di Corea",
    "Santo Domingo": "Repubblica Dominicana",
    "Vaticano": "Stato Citta' Del Vaticano",
    "Congo Kinshasa": "Repubblica Democratica Del Congo",
    "Zaire": "Repubblica Democratica Del Congo",
}  # python-codicefiscale's "province" of a foreign country


@dataclass(frozen=True)
class Place:
    """A comune or a foreign country as the matcher knows it."""

    name: str  # as written officially ("Busto Arsizio", "Marocco")
    code: str  # cadastral code (Z... for a country)
    province: str  # "VA", ...; "EE" for a country
    active: bool = True
    ceased_on: date | None = None  # the last day a ceased comune existed
    id: str | None = None  # the store's municipality id, for the store's comuni

    @property
    def shown(self) -> str:
        if self.province in ("", FOREIGN_PROVINCE):
            return self.name
        return f"{self.name} ({self.province})"


@dataclass(frozen=True)
class PlaceMatch:
    """What a loosely written name turned out to be: ``place`` None when nothing fits."""

    place: Place | None = None
    # The name was read with some freedom (a close spelling, an old name): the user should look.
    interpreted: bool = False
    merged_from: str | None = None  # the old comune's name, when it was merged into ``place``
    merged_on: date | None = None
    ambiguous: tuple[Place, ...] = ()  # several places answer to this name
    suggestions: tuple[str, ...] = ()


_COMUNE_PREFIX = re.compile(r"^\s*(?:comune\s+di|comune|citta\s+di)\s+", re.IGNORECASE)
_PROVINCE_SUFFIX = re.compile(r"^(.*?\S)\s*(?:\(\s*([A-Za-z]{2})\s*\)|[-–,/]\s*([A-Za-z]{2}))\s*$")
_SMALL_WORDS = frozenset({
    "a", "al", "alla", "allo", "ai", "d", "de", "dei", "del", "della", "delle", "dell", "degli",
    "di", "e", "ed", "in", "nel", "nella", "nei", "sul", "sulla", "sullo", "sui", "su", "con",
    "sopra", "sotto",
})  # fmt: skip
_ELIDED = frozenset({"d", "dell", "nell", "sull", "all", "dall", "l"})


def italian_case(name: str) -> str:
    """ "Pino Sulla Sponda Del Lago Maggiore" -> "Pino sulla Sponda del Lago Maggiore"."""
    words = name.split(" ")
    return " ".join(_elided(word) if index else word for index, word in enumerate(words))


def _elided(word: str) -> str:
    """ "Del" -> "del", "D'America" -> "d'America", "Nell'Emilia" -> "nell'Emilia"."""
    head, apostrophe, tail = word.partition("'")
    if head.lower() in _SMALL_WORDS or (apostrophe and head.lower() in _ELIDED):
        return head.lower() + apostrophe + tail
    return word


def _province_hint(text: str) -> tuple[str, str | None]:
    match = _PROVINCE_SUFFIX.match(text)
    if match is None:
        return text, None
    return match.group(1), (match.group(2) or match.group(3)).upper()


def strip_place(text: str) -> tuple[str, str | None]:
    """The name without "Comune di" and a province's initials, and those initials."""
    return _province_hint(_COMUNE_PREFIX.sub("", text.strip()))


class PlaceIndex:
    """Places by their normalised names, for exact, abbreviated and loose look-ups."""

    def __init__(self, places: Iterable[Place], *, alternative_names: Mapping[str, str] = {}):
        by_name: dict[str, list[Place]] = {}
        for place in places:
            by_name.setdefault(normalise_header(place.name), []).append(place)
        for alternative, official in alternative_names.items():
            key = normalise_header(alternative)
            if key not in by_name and normalise_header(official) in by_name:
                by_name[key] = by_name[normalise_header(official)]
        self._by_name = {name: tuple(places) for name, places in by_name.items()}
        # Loose matching looks at official names and long other names only: a short one
        # ("usa", "uk") is close to too much.
        officials = {normalise_header(p.name) for found in by_name.values() for p in found}
        self._names = [
            name for name in self._by_name if name in officials or len(name) >= SHORTEST_LOOSE_NAME
        ]
        self._by_length: dict[int, list[tuple[list[str], str]]] = {}
        for name in self._by_name:
            words = name.split()
            self._by_length.setdefault(len(words), []).append((words, name))

    def __len__(self) -> int:
        return len(self._by_name)

    @property
    def loose_names(self) -> int:
        return len(self._names)

    def exact(self, text: str) -> tuple[Place, ...]:
        return self._by_name.get(normalise_header(text), ())

    def abbreviated(self, text: str) -> tuple[Place, ...]:
        """ "Busto A." -> Busto Arsizio: each dotted word the start of the name's word."""
        tokens = abbreviated_words(text)
        if tokens is None:
            return ()
        found: list[Place] = []
        for words, name in self._by_length.get(len(tokens), ()):
            if all(
                word.startswith(token) if abbreviated else word == token
                for (token, abbreviated), word in zip(tokens, words, strict=True)
            ):
                found.extend(self._by_name[name])
        return tuple(found)

    def close(self, text: str) -> tuple[tuple[str, float], ...]:
        """The names closest to ``text``, best first, with their scores."""
        query = normalise_header(text)
        if not query:
            return ()
        return tuple(
            (name, score)
            for name, score, _ in process.extract(
                query,
                self._names,
                scorer=fuzz.ratio,
                limit=MAX_SUGGESTIONS + 2,
                score_cutoff=SUGGEST_SCORE,
            )
        )

    def suggestions(self, text: str, close: Sequence[tuple[str, float]] = ()) -> tuple[Place, ...]:
        """Up to three places a badly written name may mean: by WRatio in a province's list,
        so that a truncated "Busto A" still suggests Busto Arsizio; by plain ratio in the
        national archive, where WRatio would cost 30 ms a cell (ten thousand names), and among
        countries."""
        query = normalise_header(text)
        if not query:
            return ()
        if self.loose_names > WRATIO_NAMES:
            # ``close`` holds the same ratio's best already: no second pass over the archive.
            named = [name for name, _ in close[:MAX_SUGGESTIONS]]
        else:
            named = [
                name
                for name, _, _ in process.extract(
                    query, self._names, scorer=fuzz.WRatio, limit=MAX_SUGGESTIONS,
                    score_cutoff=SUGGEST_SCORE,
                )
            ]  # fmt: skip
        return tuple(self.best(self._by_name[name])[0] for name in named)

    def places(self, normalised_name: str) -> tuple[Place, ...]:
        return self._by_name.get(normalised_name, ())

    @staticmethod
    def best(places: Sequence[Place], province: str | None = None) -> tuple[Place, ...]:
        """The places a name means, one per code: the active ones when there are, those of
        ``province`` when given. More than one left: the name is ambiguous."""
        if province is not None:
            in_province = [p for p in places if p.province == province]
            places = in_province or places
        by_code: dict[str, Place] = {}
        for place in places:
            kept = by_code.get(place.code)
            if kept is None or _newer(place, kept):
                by_code[place.code] = place
        chosen = list(by_code.values())
        active = [p for p in chosen if p.active]
        return tuple(active or chosen)


def _newer(place: Place, than: Place) -> bool:
    if place.active != than.active:
        return place.active
    return (place.ceased_on or date.max) > (than.ceased_on or date.max)


def match_place(index: PlaceIndex, text: str) -> PlaceMatch:
    """``text`` in ``index``: its exact name (without "Comune di" and the province's
    initials, which choose among homonyms), then an abbreviation; ``match_close`` does the
    loose rest."""
    stripped = _COMUNE_PREFIX.sub("", text.strip())
    core, province = _province_hint(stripped)
    for candidate, hint in ((stripped, None), (core, province)):
        places = index.exact(candidate)
        if places:
            return _one(index.best(places, hint))
    places = index.abbreviated(core)
    if places:
        return _one(index.best(places, province))
    return PlaceMatch()


def match_close(index: PlaceIndex, text: str, *, accept: float = ACCEPT_SCORE) -> PlaceMatch:
    """A close spelling of one name only, with a clear margin; else the suggestions.

    ``accept`` is higher against the national archive, where ten thousand names leave a
    short one a neighbour a letter away ("Bosnia" and Bosia, "Macedonia" and Lacedonia)."""
    core, province = strip_place(text)
    close = index.close(core)
    if close:
        name, score = close[0]
        runner_up = next((s for n, s in close[1:] if n != name), 0.0)
        if score >= accept and score - runner_up >= MARGIN:
            found = _one(index.best(index.places(name), province))
            if found.place is not None:
                return PlaceMatch(place=found.place, interpreted=True)
    return PlaceMatch(suggestions=tuple(p.shown for p in index.suggestions(core, close)))


def _one(places: tuple[Place, ...]) -> PlaceMatch:
    if len(places) == 1:
        return PlaceMatch(place=places[0])
    return PlaceMatch(ambiguous=places, suggestions=tuple(p.shown for p in places))


def _archive_date(value: object) -> date | None:
    text = str(value or "")
    return date.fromisoformat(text[:10]) if text else None


@cache
def italian_places() -> PlaceIndex:
    """Every Italian comune that ever existed, by name (python-codicefiscale's database)."""
    archive = municipalities_archive()
    places = [
        Place(
            name=italian_case(str(row["name"])),
            code=str(row["code"]),
            province=str(row["province"]),
            active=bool(row["active"]),
            ceased_on=_archive_date(row["date_deleted"]),
        )
        for row in archive
    ]
    # Bilingual comuni (Bolzano/Bozen) answer to either name.
    alternatives = {str(row["name_alt"]): str(row["name"]) for row in archive if row["name_alt"]}
    return PlaceIndex(places, alternative_names=alternatives)


@cache
def foreign_countries() -> PlaceIndex:
    """Foreign countries by their Italian and English names (Z codes), and by the names
    people use for them ("Russia", "Olanda", "USA")."""
    rows = countries_archive()
    places = [
        Place(
            name=_accented(italian_case(str(row["name"]))),
            code=str(row["code"]),
            province=FOREIGN_PROVINCE,
            active=bool(row["active"]),
            ceased_on=_archive_date(row["date_deleted"]),
        )
        for row in rows
    ]
    alternatives: dict[str, str] = {}
    for row in rows:
        for other in (row["name_alt"], row["name_alt_en"], *row["name_slugs"]):
            if other:
                alternatives[str(other).replace("-", " ")] = str(row["name"])
    alternatives |= COUNTRY_NAMES
    return PlaceIndex(places, alternative_names=alternatives)


def _accented(name: str) -> str:
    """ "Peru'" -> "Perù", "Stato Citta' del Vaticano" -> "Stato Città del Vaticano": the
    archive writes a final accent as an apostrophe, as old typewriters did."""
    return _FINAL_ACCENT.sub(lambda m: _GRAVE[m.group(1)], name)


_FINAL_ACCENT = re.compile(r"([aeiou])'(?=\s|$)")
_GRAVE = {"a": "à", "e": "è", "i": "ì", "o": "ò", "u": "ù"}
