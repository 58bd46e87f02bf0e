"""The names stage and the corpus name index: what each rule fixes and what it leaves alone."""

from __future__ import annotations

import csv
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.edits import apply, validate
from pipeline.names import NameIndex, distance, shape_problem, weigh
from pipeline.stages.names import NamesStage
from pipeline.stages.referents import ReferentsStage
from pipeline.tables import Entity, Replacement, Table, default_table, load_table, merge_tables

ROOT = Path(__file__).parents[1]
SHARED = Path(__file__).parents[2] / "shared"
SEED = ROOT / "raw" / "001_e9bec2b34587e159.txt"
SAMPLE = ROOT / "raw" / "clean.toml"


def sample_table() -> Table:
    return merge_tables([default_table(), load_table(SAMPLE)])


def names(text: str, table: Table | None = None, corpus: list[str] | None = None):
    """The names stage's edits on ``text``, the index built from ``corpus`` (default: the text)."""
    index = NameIndex.from_texts(corpus if corpus is not None else [text])
    return NamesStage(table or default_table(), index)(text)


def cleaned(text: str, table: Table | None = None, corpus: list[str] | None = None) -> str:
    return apply(text, names(text, table, corpus))


def seed_checks(check_id: str) -> dict:
    rows = csv.DictReader(open(SHARED / "checks.tsv", encoding="utf-8"), delimiter="\t")
    return next(r for r in rows if r["id"] == check_id)


def passes(check: dict, text: str) -> bool:
    return (not check["absent"] or check["absent"] not in text) and (not check["present"] or check["present"] in text)


needs_shared = pytest.mark.skipif(not (SHARED / "checks.tsv").exists(), reason="no ../shared checkout")


# --- replace-table-phrase ----------------------------------------------------------

PHRASES = Table(replacements=(Replacement("anti-West", "anti-Western", "adjective needed", "t.toml:3"),))


def test_table_phrase_is_replaced_as_a_whole_word():
    (edit,) = names("support for the anti-West stance", PHRASES)
    assert (edit.rule, edit.risk, edit.replacement) == ("replace-table-phrase", "safe", "anti-Western")
    assert edit.reason == "adjective needed (table t.toml:3)"


def test_table_phrase_follows_the_case_of_the_text():
    assert cleaned("Anti-West rhetoric. ANTI-WEST RHETORIC.", PHRASES) == "Anti-Western rhetoric. ANTI-WESTERN RHETORIC."


def test_table_phrase_inside_a_longer_word_is_left_alone():
    assert names("the anti-Westerners and anti-Westism", PHRASES) == []


# --- replace-table-variant -----------------------------------------------------------

UMAROV = Table(entities=(Entity("Temur Umarov", variants=("Tmur",), pronoun="he", source="t.toml:2"),))


def test_table_variant_becomes_the_canonical_word():
    (edit,) = names("Tmur Umarov said so.", UMAROV)
    assert (edit.rule, edit.risk, edit.replacement) == ("replace-table-variant", "safe", "Temur")


def test_table_variant_in_capitals_stays_in_capitals():
    assert cleaned("TMUR UMAROV SAID SO.", UMAROV) == "TEMUR UMAROV SAID SO."


def test_table_variant_inside_a_longer_word_is_left_alone():
    assert names("Tmurad Umarov said so.", UMAROV) == []


# --- drop-duplicated-name ----------------------------------------------------------------


def test_duplicated_name_is_dropped_for_review():
    (edit,) = names("The article written by Lemaître Lemaître and Greenspan.")
    assert (edit.rule, edit.risk) == ("drop-duplicated-name", "review")
    assert cleaned("The article written by Lemaître Lemaître and Greenspan.") == "The article written by Lemaître and Greenspan."


def test_duplicated_two_word_name_is_dropped():
    assert cleaned("as Le Monde Le Monde reported") == "as Le Monde reported"


@pytest.mark.parametrize("name", ["Cao Cao", "Bora Bora", "Walla Walla", "Wagga Wagga", "Pago Pago", "Sing Sing"])
def test_reduplicated_place_and_person_names_are_left_alone(name):
    assert names(f"They went to {name} last year.") == []


def test_duplicate_inside_a_longer_allowed_name_is_left_alone():
    table = merge_tables([default_table(), Table(reduplications=("Mount Kota Kota",))])
    assert names("They climbed Mount Kota Kota twice.", table) == []


def test_name_repeated_across_punctuation_is_left_alone():
    assert names("He sang New York, New York again.") == []


# --- fix-name-variant: the evidence --------------------------------------------------------


def test_distance_counts_a_transposition_as_one_edit():
    assert distance("Tmur", "Temur") == 1
    assert distance("Umarov", "Uamrov") == 1
    assert distance("Hillary", "Bill") == 3  # past the limit


def test_shape_of_a_name_without_a_possible_start_is_a_problem():
    assert shape_problem("Tmur")
    assert shape_problem("Xrz") == "has no vowel"
    assert shape_problem("Temur") is None and shape_problem("Dmitry") is None and shape_problem("Zbigniew") is None


def test_majority_alone_never_decides():
    verdict = weigh("Zhansu", "Zhanshu", wrong_count=1, right_count=9)
    assert not verdict.proposed


def test_word_list_and_shape_outweigh_a_wrong_majority():
    verdict = weigh("Tmur", "Temur", wrong_count=3, right_count=1)
    assert verdict.proposed


# --- fix-name-variant: fixes -----------------------------------------------------------------


def test_tmur_becomes_temur_without_any_table_when_seed_001_is_the_whole_corpus():
    text = SEED.read_text(encoding="utf-8")
    edits = [e for e in names(text, default_table()) if e.rule == "fix-name-variant"]
    assert [(text[e.start : e.end], e.replacement, e.risk) for e in edits] == [("Tmur", "Temur", "review")] * 3
    assert "“Temur Umarov” appears 1× in this article" in edits[0].reason
    assert "“Tmur” is not a known name" in edits[0].reason
    assert "1 edit apart" in edits[0].reason


def test_tmur_becomes_temur_without_any_table_across_the_sample_corpus():
    corpus = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "raw").glob("*.txt"))]
    text = SEED.read_text(encoding="utf-8")
    edits = [e for e in names(text, default_table(), corpus) if e.replacement == "Temur"]
    assert len(edits) == 3 and {e.rule for e in edits} == {"fix-name-variant"}
    assert "2× in the corpus" in edits[0].reason


def test_tmur_becomes_temur_with_the_sample_table_as_a_safe_edit():
    text = SEED.read_text(encoding="utf-8")
    edits = [e for e in names(text, sample_table()) if e.replacement == "Temur"]
    assert len(edits) == 3 and {(e.rule, e.risk) for e in edits} == {("replace-table-variant", "safe")}


def test_variant_seen_only_in_another_article_is_fixed_from_the_corpus():
    other = "Temur Umarov, an expert at the Carnegie Endowment, spoke."
    text = "Tmur Umarov said the talks failed."
    assert cleaned(text, corpus=[other, text]) == "Temur Umarov said the talks failed."


def test_lone_mention_follows_the_decision_for_the_full_name():
    text = "Tmur Umarov spoke first. Later Temur Umarov added more, and Tmur said the rest."
    assert cleaned(text) == "Temur Umarov spoke first. Later Temur Umarov added more, and Temur said the rest."


# --- fix-name-variant: leave alone ----------------------------------------------------------


def test_two_people_sharing_a_surname_are_left_alone():
    assert names("Hillary Clinton met voters while Bill Clinton stayed home.") == []


def test_two_known_first_names_one_edit_apart_are_left_alone():
    assert names("Mark Kelly flew to space; Mary Kelly stayed on Earth.") == []


def test_xi_as_the_short_form_of_xi_jinping_is_left_alone():
    text = "Xi Jinping arrived on Thursday. Xi said little, and Xi Jinping left early."
    assert names(text) == []
    assert names(text, sample_table()) == []


def test_name_with_no_variant_in_sight_is_left_alone():
    assert names("Evan Feigenbaum, member of the Carnegie Endowment for International Peace, said so.") == []


def test_two_unknown_spellings_with_no_other_evidence_are_left_alone():
    assert names("Li Zhanshu spoke. Li Zhansu agreed. Li Zhanshu left.") == []


def test_ordinary_capitalised_words_at_sentence_start_are_left_alone():
    assert names("Early Moscow talks failed. Yearly Moscow summits go on.") == []


def test_adjective_and_place_one_letter_apart_are_left_alone():
    assert names("The countries of Central Asia worry. Central Asian leaders agree.") == []


def test_table_name_supports_the_spelling_it_gives():
    (edit,) = names("Temur Umarov and Temor Umarov.", UMAROV)
    assert (edit.rule, edit.replacement) == ("fix-name-variant", "Temur")


def test_table_name_is_never_respelt():
    assert names("Temur Umarov spoke.", UMAROV, corpus=["Timur Umarov spoke.", "Temur Umarov spoke."]) == []


# --- the seed's checks, via the stage alone ---------------------------------------------------


@needs_shared
@pytest.mark.parametrize("table", [default_table, sample_table], ids=["default table", "sample table"])
def test_seed_001_check_b_name_1_all_three_tmur(table):
    text = cleaned(SEED.read_text(encoding="utf-8"), table())
    assert passes(seed_checks("b-name-1"), text)
    assert text.count("Temur Umarov") == 4


@needs_shared
def test_seed_001_check_b_name_2_duplicated_lemaitre():
    assert passes(seed_checks("b-name-2"), cleaned(SEED.read_text(encoding="utf-8"), sample_table()))


@needs_shared
@pytest.mark.parametrize("table", [default_table, sample_table], ids=["default table", "sample table"])
def test_gold_articles_get_no_names_edit(table):
    gold = sorted((SHARED / "gold").glob("*.txt"))
    corpus = [p.read_text(encoding="utf-8") for p in gold]
    stage = NamesStage(table(), NameIndex.from_texts(corpus))
    assert {p.name: stage(text) for p, text in zip(gold, corpus)} == {p.name: [] for p in gold}


# --- the index and the stage as objects ---------------------------------------------------------


def test_index_counts_multi_word_names_without_leading_function_words():
    index = NameIndex.from_texts(["The United States and Temur Umarov.", "Temur Umarov said: Umarov"])
    assert index.names == {("Temur", "Umarov"): 2, ("United", "States"): 1}
    assert index.articles == 2


def test_index_built_in_several_processes_is_the_one_a_single_process_builds(tmp_path):
    from pipeline.article import find_articles
    from pipeline.corpus import PARALLEL_INDEX_FROM, name_index

    people = ["Temur Umarov", "Tmur Umarov", "Le Monde", "Xi Jinping", "Bora Bora", "Emmanuel Macron"]
    for n in range(PARALLEL_INDEX_FROM + 10):
        (tmp_path / f"a{n:04d}.txt").write_text(f"{people[n % 6]} met {people[n * 5 % 6]} in New Town {n}.\n")
    found = list(find_articles(tmp_path))
    one, three = name_index(found), name_index(found, jobs=3)
    assert list(three.names.items()) == list(one.names.items())  # the same counts, in the same order
    assert three.articles == one.articles == len(found)


def test_index_merge_adds_counts():
    a, b = NameIndex.from_texts(["Temur Umarov"]), NameIndex.from_texts(["Tmur Umarov", "Temur Umarov"])
    merged = a.merge(b)
    assert merged.names[("Temur", "Umarov")] == 2 and merged.articles == 3
    assert merged.count_in("Tmur", ("*", "Umarov")) == 1


def test_stage_and_index_pickle_for_worker_processes():
    stage = NamesStage(sample_table(), NameIndex.from_texts([SEED.read_text(encoding="utf-8")]))
    stage.index.contexts  # noqa: B018 - builds the derived buckets, which are not pickled
    copy = pickle.loads(pickle.dumps(stage))
    text = SEED.read_text(encoding="utf-8")
    assert copy(text) == stage(text) and copy.name == "names"


# --- any text ---------------------------------------------------------------------------------

PIECES = [
    "Tmur", "Temur", "Umarov", "Lemaître", "Cao", "Xi", "Jinping", "Putin", "Russia", "The", "the", "she",
    "her", "He", "his", "expects", "asks", "to", "support", "help", "did", "what", ".", ",", ";", "–", "“",
    "”", "’s", "\n", " ", "  ", "É", "x",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join))
def test_both_stages_propose_valid_edits_on_any_text(text):
    table = sample_table()
    corpus = NameIndex.from_texts([text, SEED.read_text(encoding="utf-8")])
    for stage in (NamesStage(table, corpus), ReferentsStage(table)):
        edits = stage(text)
        validate(text, edits)
        apply(text, edits)
