"""How the chaos run tells a lost, a duplicated and a made-up admission from a sound one."""

from __future__ import annotations

from collections import Counter

from chaos.load import Outcome
from chaos.tally import tally_downstream, tally_members, tally_transfers, tally_unions
from chaos.tree import number_of


def acked(number: int, member: str) -> Outcome:
    return Outcome(number, 201, 1, member)


def test_an_acknowledged_member_without_a_row_is_lost_and_a_second_row_duplicated() -> None:
    rows = {1: ["m1"], 2: ["m2", "m2-again"], 3: ["m3"]}
    outcomes = [acked(1, "m1"), acked(2, "m2"), acked(4, "m4")]

    place = tally_members(rows, outcomes)

    assert (place.counted, place.lost, place.duplicated) == (4, 1, 1)


def test_a_row_nobody_acknowledged_is_neither_lost_nor_duplicated() -> None:
    place = tally_members({1: ["m1"], 2: ["m2"]}, [acked(1, "m1")])

    assert (place.counted, place.lost, place.duplicated) == (2, 0, 0)


def test_downstream_counts_misses_repeats_and_members_membership_never_committed() -> None:
    truth = {"a", "b", "c"}
    seen = Counter({"a": 1, "b": 3, "ghost": 1})

    place = tally_downstream("place", seen, truth)

    assert (place.counted, place.lost, place.duplicated, place.extra) == (2, 1, 2, 1)


def test_an_acknowledged_transfer_without_a_row_is_lost_and_a_second_move_duplicated() -> None:
    rows = Counter({"a": 1, "b": 2})

    place = tally_transfers(rows, [acked(1, "a"), acked(2, "b"), acked(3, "c")])

    assert (place.counted, place.lost, place.duplicated) == (2, 1, 1)


def test_a_replica_still_showing_the_old_union_has_lost_the_transfer() -> None:
    truth = {"a": "union-2", "b": "union-1", "c": "union-1"}

    place = tally_unions("replica", {"a": "union-1", "b": "union-1"}, truth)

    assert (place.counted, place.lost) == (1, 2)


def test_only_names_the_run_gave_carry_a_command_number() -> None:
    assert number_of("混沌42") == 42
    assert number_of("李梅") is None
    assert number_of("混沌") is None
