"""Comuni and countries written loosely (desktop.services.imports.comuni)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from codicefiscale import data as codicefiscale_data

from desktop.services.imports.comuni import (
    MERGED_INTO,
    Place,
    PlaceIndex,
    foreign_countries,
    italian_case,
    italian_places,
    match_close,
    match_place,
)
from desktop.services.reference import read_shipped_comuni


@pytest.fixture(scope="module")
def varese() -> PlaceIndex:
    return PlaceIndex(
        Place(
            name=row["denominazione"],
            code=row["codice_catastale"],
            province=row["sigla_provincia"],
            id=f"id-{row['codice_catastale']}",
        )
        for row in read_shipped_comuni()
    )


def _rows(name: str, province: str = "VA") -> list[dict[str, object]]:
    return [
        row
        for row in codicefiscale_data.get_municipalities_data()
        if str(row["name"]).lower() == name.lower() and row["province"] == province
    ]


@pytest.mark.parametrize(("old", "successor"), sorted(MERGED_INTO.items()))
def test_each_merger_agrees_with_the_national_archive(
    old: str, successor: tuple[str, date]
) -> None:
    # ISTAT's "Variazioni amministrative", as python-codicefiscale's archive records them: the
    # old comune of the Province ceased the day before the new one was created.
    new_name, since = successor
    old_rows = _rows(old)
    assert old_rows, old
    last = max(old_rows, key=lambda row: str(row["date_deleted"]))
    assert not last["active"]
    assert date.fromisoformat(str(last["date_deleted"])[:10]) == since - timedelta(days=1)
    (new_row,) = _rows(new_name)
    assert new_row["active"]
    assert date.fromisoformat(str(new_row["date_created"])[:10]) == since


def test_every_successor_is_a_shipped_comune(varese: PlaceIndex) -> None:
    for new_name, _ in MERGED_INTO.values():
        assert varese.exact(new_name), new_name


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Gallarate", "Gallarate"),
        ("GALLARATE", "Gallarate"),
        ("  gallarate ", "Gallarate"),
        ("Gallarate (VA)", "Gallarate"),
        ("Gallarate(va)", "Gallarate"),
        ("Gallarate - VA", "Gallarate"),
        ("Gallarate, VA", "Gallarate"),
        ("Comune di Gallarate", "Gallarate"),
        ("Busto A.", "Busto Arsizio"),
        ("Busto Ars.", "Busto Arsizio"),
        ("Castellanza.", "Castellanza"),
        ("Cavaria c. Premezzo", "Cavaria con Premezzo"),
        ("Jerago con Orago", "Jerago con Orago"),
        ("Cadegliano Viconago", "Cadegliano-Viconago"),
    ],
)
def test_names_written_loosely_match_exactly(varese: PlaceIndex, written: str, name: str) -> None:
    found = match_place(varese, written)
    assert found.place is not None and found.place.name == name
    assert not found.interpreted


def test_a_close_spelling_is_taken_as_interpreted(varese: PlaceIndex) -> None:
    assert match_place(varese, "Busto Arsisio").place is None
    found = match_close(varese, "Busto Arsisio")
    assert found.place is not None and found.place.name == "Busto Arsizio"
    assert found.interpreted


def test_a_name_too_far_gives_suggestions_only(varese: PlaceIndex) -> None:
    found = match_close(varese, "Busto A")
    assert found.place is None
    assert found.suggestions[0] == "Busto Arsizio (VA)"
    assert len(found.suggestions) <= 3
    assert match_close(varese, "Xyzzy").suggestions == ()


def test_two_close_names_are_not_guessed(varese: PlaceIndex) -> None:
    # "Venegono" is as close to Venegono Inferiore as to Superiore: no clear margin.
    found = match_place(varese, "Venegono S.")
    assert found.place is not None and found.place.name == "Venegono Superiore"
    assert match_close(varese, "Venegono").place is None


def test_a_comune_of_another_province_abbreviated() -> None:
    found = match_place(italian_places(), "S. Vittore Olona")
    assert found.place is not None
    assert (found.place.name, found.place.code, found.place.province) == (
        "San Vittore Olona",
        "I409",
        "MI",
    )


def test_a_name_of_several_comuni_needs_the_province() -> None:
    found = match_place(italian_places(), "Samone")
    assert found.place is None
    assert sorted(found.suggestions) == ["Samone (TN)", "Samone (TO)"]
    chosen = match_place(italian_places(), "Samone (TN)").place
    assert chosen is not None and chosen.province == "TN"


def test_a_ceased_comune_keeps_its_own_code() -> None:
    # Birthplaces in old codici fiscali use the comune as it was (DOMAIN.md §7).
    found = match_place(italian_places(), "Osmate")
    assert found.place is not None
    assert (found.place.code, found.place.active) == ("E529", False)


@pytest.mark.parametrize(
    ("written", "code", "name"),
    [
        ("Marocco", "Z330", "Marocco"),
        ("MAROCCO", "Z330", "Marocco"),
        ("Morocco", "Z330", "Marocco"),
        ("Romania", "Z129", "Romania"),
        ("Stati Uniti d'America", "Z404", "Stati Uniti d'America"),
    ],
)
def test_foreign_countries(written: str, code: str, name: str) -> None:
    found = match_place(foreign_countries(), written)
    assert found.place is not None
    assert (found.place.code, found.place.name) == (code, name)


def test_bilingual_comuni_answer_to_both_names() -> None:
    for written in ("Bolzano", "Bozen"):
        found = match_place(italian_places(), written)
        assert found.place is not None and found.place.code == "A952"


def test_italian_case() -> None:
    assert italian_case("Pino Sulla Sponda Del Lago Maggiore") == (
        "Pino sulla Sponda del Lago Maggiore"
    )
    assert italian_case("Bardello Con Malgesso E Bregano") == "Bardello con Malgesso e Bregano"
    assert italian_case("Stati Uniti D'America") == "Stati Uniti d'America"
    assert italian_case("Aci Sant'Antonio") == "Aci Sant'Antonio"
