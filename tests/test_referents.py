"""The referents stage: repeated subjects of infinitives, gendered pronouns for "it" entities."""

from __future__ import annotations

import csv
import pickle
from pathlib import Path

import pytest

from pipeline.core.edits import apply
from pipeline.stages import RuleStage
from pipeline.tables.loading import default_table, load_table
from pipeline.tables.merge import merge_tables
from pipeline.tables.table import Entity, Table

ROOT = Path(__file__).parents[1]
SHARED = Path(__file__).parents[2] / "shared"
SEED = ROOT / "raw" / "001_e9bec2b34587e159.txt"

PEOPLE = merge_tables(
    [
        default_table(),
        Table(
            entities=(
                Entity("Vladimir Putin", short="Putin", pronoun="he", source="t.toml:1"),
                Entity("Xi Jinping", short="Xi", pronoun="he", source="t.toml:5"),
                Entity("Angela Merkel", short="Merkel", pronoun="she", source="t.toml:9"),
                Entity("Olaf Scholz", short="Scholz", pronoun="he", source="t.toml:13"),
                Entity("Lemaître", source="t.toml:17"),
                Entity("Gazprom", kind="organisation", pronoun="it", source="t.toml:20"),
            )
        ),
    ]
)


def referents(text: str, table: Table = PEOPLE):
    return RuleStage("referents", table)(text)


def cleaned(text: str, table: Table = PEOPLE) -> str:
    return apply(text, referents(text, table))


needs_shared = pytest.mark.skipif(not (SHARED / "checks.tsv").exists(), reason="no ../shared checkout")


# --- fix-repeated-subject -----------------------------------------------------------------


def test_object_repeating_the_infinitives_subject_becomes_the_main_subjects_pronoun():
    (edit,) = referents("Putin today expects Xi Jinping to support Xi not so much in deeds.")
    assert (edit.rule, edit.risk, edit.replacement) == ("fix-repeated-subject", "review", "him")
    assert "“Putin” (he in the table t.toml:1)" in edit.reason


def test_asks_y_to_help_y_takes_a_womans_pronoun():
    assert cleaned("Merkel asks Olaf Scholz to help Scholz with the budget.") == (
        "Merkel asks Olaf Scholz to help her with the budget."
    )


def test_main_subject_with_title_and_nationality_is_found_in_the_table():
    assert cleaned("Russian President Putin urges Xi Jinping to back Xi.") == "Russian President Putin urges Xi Jinping to back him."


def test_subject_sharing_only_a_surname_with_a_table_person_is_left_alone():
    table = merge_tables([PEOPLE, Table(entities=(Entity("Hillary Clinton", pronoun="she"),))])
    assert referents("Bill Clinton expects Xi Jinping to support Xi.", table) == []


def test_main_subject_unknown_to_the_table_is_left_alone():
    assert referents("Biden expects Xi Jinping to support Xi on trade.") == []


def test_main_subject_without_a_pronoun_in_the_table_is_left_alone():
    assert referents("Lemaître expects Xi Jinping to support Xi on trade.") == []


def test_object_naming_someone_else_is_left_alone():
    assert referents("Putin expects Xi Jinping to support Scholz on trade.") == []


def test_possessive_after_the_infinitive_is_left_alone():
    assert referents("Putin expects Xi Jinping to support Xi’s own plan.") == []


@needs_shared
def test_seed_001_check_b_ref_1_with_the_sample_table():
    table = merge_tables([default_table(), load_table(ROOT / "raw" / "clean.toml")])
    text = cleaned(SEED.read_text(encoding="utf-8"), table)
    row = next(r for r in csv.DictReader(open(SHARED / "checks.tsv", encoding="utf-8"), delimiter="\t") if r["id"] == "b-ref-1")
    assert row["absent"] not in text and row["present"] in text
    assert "expects Xi Jinping to support" in text  # b-keep-2


# --- fix-pronoun-for-it-entity ------------------------------------------------------------


def test_she_for_a_country_becomes_it():
    (edit,) = referents("Russia did what she had to do to protect itself.")
    assert (edit.rule, edit.risk, edit.replacement) == ("fix-pronoun-for-it-entity", "review", "it")
    assert "“Russia”" in edit.reason


def test_her_before_a_noun_becomes_its_and_she_in_the_next_sentence_it():
    text = "Russia did what it had to do. Faced with the United States, she is only exercising her right, she has no choice."
    assert cleaned(text) == (
        "Russia did what it had to do. Faced with the United States, it is only exercising its right, it has no choice."
    )


def test_her_as_an_object_becomes_it_and_herself_itself():
    assert cleaned("China says nobody can stop her; China will defend herself.") == (
        "China says nobody can stop it; China will defend itself."
    )


def test_country_whose_name_has_and_in_it_becomes_it():
    assert cleaned("Bosnia and Herzegovina did what she could.") == "Bosnia and Herzegovina did what it could."


def test_capitalised_he_for_an_organisation_from_the_table_becomes_it():
    assert cleaned("Gazprom raised its prices. He wants more cash.") == "Gazprom raised its prices. It wants more cash."


def test_woman_named_in_the_table_followed_by_she_is_left_alone():
    assert referents("Germany hosted the talks. Angela Merkel said that she was pleased.") == []


def test_woman_named_after_the_country_is_left_alone():
    assert referents("Germany welcomed Merkel, and she thanked the hosts.") == []


def test_she_for_a_ship_is_left_alone():
    assert referents("The Queen Mary left port; she sailed at dawn.") == []


def test_unknown_name_between_country_and_pronoun_is_left_alone():
    assert referents("Russia hosted Evan Feigenbaum. She spoke about sanctions.") == []


def test_pronoun_before_a_reporting_verb_is_left_alone():
    text = "Russia, in turn, does not want to be involved in the disputes that China “has with India or Japan”. “So – he highlights – the formula holds”."
    assert referents(text) == []


def test_person_noun_between_country_and_pronoun_is_left_alone():
    assert referents("Russia welcomed the envoy. She said she would help.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The White House played down the former aide’s role, saying that any actions he took were his own.",
        "Russia thanked the adviser, saying that he had helped.",
        "The Kremlin praised the prosecutor, and she thanked it.",
        "US blogger fired by her airline",
    ],
)
def test_person_noun_of_any_trade_between_it_entity_and_pronoun_is_left_alone(text):
    assert referents(text) == []


def test_pronoun_interjected_between_dashes_is_left_alone():
    assert referents("China has its limits. “So – he is sure – the formula holds”.") == []


def test_nearest_subject_after_a_comma_and_conjunction_is_the_antecedent():
    (edit,) = referents("Russia raised its taxes, and Ukraine lost her patience.")
    assert edit.replacement == "its" and "“Ukraine”" in edit.reason


def test_possessive_country_is_not_an_antecedent():
    assert referents("Russia’s envoy arrived. She met the press.") == []


def test_pronoun_in_a_new_paragraph_is_left_alone():
    assert referents("Russia did what it had to do.\nShe said it would go on.") == []


@pytest.mark.parametrize(
    "text",
    [
        "“Russia did what she had to do,” the minister said.",
        'He told reporters: "France will defend her interests."',
        "“Ukraine is strong. She will win,” he said.",
    ],
)
def test_pronoun_inside_a_quotation_is_left_alone(text):
    # The speaker's own words: a quotation is quoted as it was said.
    assert referents(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The vote was delayed. Brazil blocked her nomination in May.",
        "France welcomed his appointment as envoy.",
        "Canada praised her career in the service.",
    ],
)
def test_possessive_before_what_only_a_person_has_is_left_alone(text):
    assert referents(text) == []


@pytest.mark.parametrize(
    "text",
    ["A loyal ally of Canada, he championed free trade for decades.", "Canada's loyal ally, he championed free trade."],
)
def test_country_that_is_not_the_subject_before_a_pronoun_is_left_alone(text):
    assert referents(text) == []


def test_a_thing_named_after_the_does_not_keep_the_pronoun():
    text = "Many criticise the Council for its delays. There is a risk that Norway will drop her plan."
    assert cleaned(text) == text.replace("her plan", "its plan")


@pytest.mark.parametrize(
    "text",
    [
        "Many praised the President for her work. Then Ukraine renewed her support.",
        "Crowds greeted the Queen Mary in port. Britain welcomed her home.",
    ],
)
def test_a_title_after_the_or_a_name_after_a_verb_still_keeps_the_pronoun(text):
    assert referents(text) == []


def test_member_countries_are_no_person_before_a_pronoun():
    text = "The Union and its member states were slow. There is a risk that Norway will drop her plan."
    assert cleaned(text) == text.replace("her plan", "its plan")


def test_her_before_a_countrys_possession_in_a_that_clause_becomes_its():
    text = "There is a risk that Finland will be forced to drop her plan to join the union."
    assert cleaned(text) == text.replace("her plan", "its plan")


def test_countries_without_a_gendered_pronoun_are_left_alone():
    assert referents("Russia did what it had to do, and China agreed with its position.") == []


@needs_shared
@pytest.mark.parametrize("sample", [False, True], ids=["default table", "sample table"])
def test_gold_articles_get_no_referents_edit(sample):
    table = default_table()
    if sample:
        table = merge_tables([table, load_table(ROOT / "raw" / "clean.toml")])
    gold = sorted((SHARED / "gold").glob("*.txt"))
    assert {p.name: referents(p.read_text(encoding="utf-8"), table) for p in gold} == {p.name: [] for p in gold}


def test_stage_pickles_for_worker_processes():
    stage = RuleStage("referents", PEOPLE)
    copy = pickle.loads(pickle.dumps(stage))
    text = "Russia did what she had to do."
    assert copy(text) == stage(text) and copy.name == "referents"


def test_sentences_start_where_the_one_sentence_splitter_says_not_after_an_abbreviation():
    from pipeline.core.text import line_starts
    from pipeline.stages.referents import _sentence_starts

    text = "Officials in the U.S. said Mr. Li left. Then China spoke.\nNext line."
    starts = _sentence_starts(text, line_starts(text))
    assert [text[s : s + 4] for s in starts] == ["Offi", "Then", "Next"]
