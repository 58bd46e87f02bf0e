"""The edit model: applying subsets, and folding later edits back onto the raw text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.core.edits import Edit, apply, compose, validate
from pipeline.core.rules import run_steps

from .oracles import splice


def edit(start: int, end: int, replacement: str, rule: str = "r", risk: str = "safe") -> Edit:
    return Edit(start, end, replacement, rule, "test", f"because {rule}", risk)  # type: ignore[arg-type]


def test_apply_replaces_spans_of_the_original_text():
    assert apply("abcdef", [edit(4, 5, "E"), edit(0, 1, "A")]) == "AbcdEf"


def test_apply_of_no_edits_returns_the_text_unchanged():
    assert apply("abc", []) == "abc"


def test_apply_refuses_overlapping_edits():
    with pytest.raises(ValueError):
        apply("abcdef", [edit(0, 3, "x"), edit(2, 4, "y")])


@pytest.mark.parametrize(
    "edits",
    [[edit(0, 3, "x"), edit(2, 4, "y")], [edit(4, 5, "x"), edit(0, 1, "y")], [edit(5, 9, "x")], [edit(3, 2, "x")]],
    ids=["overlapping", "unsorted", "past-the-end", "end-before-start"],
)
def test_validate_refuses_edits_that_do_not_fit_the_text(edits):
    with pytest.raises(ValueError):
        validate("abcdef", edits)


def test_validate_accepts_sorted_disjoint_edits_and_touching_ones():
    validate("abcdef", [edit(0, 0, "^"), edit(0, 2, "x"), edit(2, 4, "y"), edit(6, 6, "$")])


def test_insertion_sorts_before_a_replacement_at_the_same_point():
    assert apply("abc", [edit(1, 2, "B"), edit(1, 1, "^")]) == "a^Bc"


def test_compose_shifts_later_edits_past_earlier_ones():
    raw = "one two three"
    base = [edit(0, 3, "1")]  # "1 two three"
    later = [edit(6, 11, "3", "second")]  # over the intermediate text
    assert compose(raw, base, later) == [base[0], edit(8, 13, "3", "second")]


def test_compose_merges_overlapping_edits_keeping_both_rule_ids():
    raw = "in the Pacific “. Next"
    base = [edit(15, 16, "”", "direction")]
    later = [edit(14, 16, "”", "space")]  # rewrites " ”" (the mark the base edit made) as "”"
    merged = compose(raw, base, later)
    assert len(merged) == 1
    assert merged[0].rules == ("direction", "space")
    assert apply(raw, merged) == "in the Pacific”. Next"


def test_merged_edit_takes_the_higher_risk():
    raw = "abc"
    merged = compose(raw, [edit(1, 2, "X", "a", "safe")], [edit(1, 2, "Y", "b", "review")])
    assert merged[0].risk == "review"


def test_insertions_at_the_same_point_merge_so_their_order_is_kept():
    raw = "ab"
    merged = compose(raw, [edit(1, 1, "X", "a")], [edit(2, 2, "Y", "b")])  # "aXb" -> "aXYb"
    assert len(merged) == 1 and apply(raw, merged) == "aXYb"


def test_deletion_and_adjacent_insertion_stay_separate_edits():
    raw = "future.\n–"
    base = [edit(7, 9, "", "junk")]
    later = [edit(7, 7, "”", "close")]
    composed = compose(raw, base, later)
    assert len(composed) == 2
    assert apply(raw, composed) == "future.”"
    assert {apply(raw, [e]) for e in composed} == {"future.”\n–", "future."}


def test_run_steps_gives_edits_over_the_original_text():
    def upper_b(text):
        return [edit(i, i + 1, "B", "upper") for i, c in enumerate(text) if c == "b"]

    def drop_x(text):
        return [edit(i, i + 1, "", "drop") for i, c in enumerate(text) if c == "x"]

    raw = "axbxb"
    edits = run_steps(raw, [drop_x, upper_b])
    assert apply(raw, edits) == "aBB"
    validate(raw, edits)


def test_run_steps_ignores_edits_that_change_nothing():
    assert run_steps("abc", [lambda text: [edit(0, 1, "a")]]) == []


@st.composite
def edit_lists(draw, text: str, tag: str):
    """Non-overlapping edits over ``text`` (no two insertions at one point)."""
    points = sorted(draw(st.sets(st.integers(0, len(text)), max_size=6)))
    edits, last = [], -1
    for point in points:
        if point <= last:
            continue
        end = min(len(text), point + draw(st.integers(0, 3)))
        edits.append(edit(point, end, draw(st.sampled_from(["", "X", "YY", "\n"])), tag))
        last = end
    return edits


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_compose_equals_applying_one_step_after_the_other(data):
    raw = data.draw(st.text(alphabet="ab \n", max_size=14))
    base = data.draw(edit_lists(raw, "base"))
    middle = apply(raw, base)
    later = data.draw(edit_lists(middle, "later"))
    composed = compose(raw, base, later)
    validate(raw, composed)
    assert apply(raw, composed) == apply(middle, later)


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_any_subset_of_composed_edits_applies_cleanly(data):
    raw = data.draw(st.text(alphabet="ab \n", max_size=14))
    base = data.draw(edit_lists(raw, "base"))
    later = data.draw(edit_lists(apply(raw, base), "later"))
    composed = compose(raw, base, later)
    subset = [e for e in composed if data.draw(st.booleans())]
    validate(raw, subset)
    assert apply(raw, subset) == splice(raw, subset)
