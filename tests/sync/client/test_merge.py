"""The field-by-field three-way merge: one side's change wins, both sides' change conflicts."""

from __future__ import annotations

from sync.client.merge import DELETED_FIELD, FieldConflict, merge

COLUMNS = ("phone", "email", "role")
BASE = {"phone": "0331 1", "email": "a@example.org", "role": "Referente"}


def _merge(local: list[str], remote: list[str], **flags: bool) -> object:
    return merge(
        COLUMNS,
        base=BASE,
        local=local,
        local_deleted=flags.get("local_deleted", False),
        remote=remote,
        remote_deleted=flags.get("remote_deleted", False),
    )


def test_changes_on_different_fields_are_both_kept() -> None:
    result = merge(
        COLUMNS,
        base=BASE,
        local=["0331 2", "a@example.org", "Referente"],
        local_deleted=False,
        remote=["0331 1", "b@example.org", "Referente"],
        remote_deleted=False,
    )
    assert result.values == ["0331 2", "b@example.org", "Referente"]
    assert result.conflicts == ()
    assert not result.equals_remote  # the local phone is still to be sent


def test_the_same_field_changed_on_both_sides_is_a_conflict_and_keeps_the_local_value() -> None:
    result = merge(
        COLUMNS,
        base=BASE,
        local=["0331 2", "a@example.org", "Referente"],
        local_deleted=False,
        remote=["0331 3", "a@example.org", "Referente"],
        remote_deleted=False,
    )
    assert result.values[0] == "0331 2"
    assert result.conflicts == (FieldConflict("phone", "0331 2", "0331 3", "0331 1"),)


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    result = merge(
        COLUMNS,
        base=BASE,
        local=["0331 9", "a@example.org", "Referente"],
        local_deleted=False,
        remote=["0331 9", "a@example.org", "Referente"],
        remote_deleted=False,
    )
    assert result.conflicts == ()
    assert result.equals_remote
    assert "phone" in result.agreed


def test_without_a_base_every_difference_is_a_conflict() -> None:
    result = merge(
        COLUMNS,
        base=None,
        local=["0331 2", "a@example.org", "Referente"],
        local_deleted=False,
        remote=["0331 3", "a@example.org", "Referente"],
        remote_deleted=False,
    )
    assert [c.field for c in result.conflicts] == ["phone"]
    assert result.conflicts[0].base is None


def test_a_deletion_elsewhere_of_a_record_edited_here_is_a_conflict() -> None:
    result = merge(
        COLUMNS,
        base=BASE,
        local=["0331 2", "a@example.org", "Referente"],
        local_deleted=False,
        remote=list(BASE.values()),
        remote_deleted=True,
    )
    assert [c.field for c in result.conflicts] == [DELETED_FIELD]
    assert not result.deleted


def test_a_deletion_elsewhere_of_an_unchanged_record_applies() -> None:
    result = merge(
        COLUMNS,
        base=BASE,
        local=list(BASE.values()),
        local_deleted=False,
        remote=list(BASE.values()),
        remote_deleted=True,
    )
    assert result.deleted and result.conflicts == () and result.equals_remote


def test_a_deletion_here_of_a_record_changed_elsewhere_is_a_conflict() -> None:
    result = merge(
        COLUMNS,
        base=BASE,
        local=list(BASE.values()),
        local_deleted=True,
        remote=["0331 1", "a@example.org", "Coordinatrice"],
        remote_deleted=False,
    )
    assert [c.field for c in result.conflicts] == [DELETED_FIELD]
    assert result.values[2] == "Coordinatrice"
