"""The punctuation stage: what each rule repairs, and the correct text it leaves alone.

Fix cases give (damaged, repaired) and check that only the rule under test fired;
leave-alone cases are correct text that the whole stage must not touch.
"""

import csv
from pathlib import Path

import pytest

import pipeline.stages.punctuation  # noqa: F401  (registers the rules)
from pipeline.edits import Edit, apply
from pipeline.rules import rules_of
from pipeline.stages import RuleStage

STAGE = RuleStage("punctuation")
ROOT = Path(__file__).parents[1]
SHARED = Path(__file__).parents[2] / "shared"


def edits(text: str) -> list[Edit]:
    return STAGE(text)


def clean(text: str) -> str:
    return apply(text, edits(text))


def assert_fixed_by(rule_id: str, raw: str, fixed: str) -> None:
    found = edits(raw)
    assert apply(raw, found) == fixed
    assert {e.rule for e in found} == {rule_id}


def assert_left_alone(text: str) -> None:
    assert edits(text) == []


# --- the stage -------------------------------------------------------------


def test_rules_run_in_the_specified_order_with_their_risks():
    assert [(r.id, r.risk) for r in rules_of("punctuation")] == [
        ("drop-junk-line", "review"),
        ("drop-space-before-punctuation", "safe"),
        ("drop-doubled-full-stop", "safe"),
        ("drop-stray-full-stop", "review"),
        ("drop-doubled-word", "safe"),
        ("drop-doubled-determiner", "safe"),
        ("add-space-before-bracketed-ellipsis", "safe"),
        ("fix-quote-direction", "safe"),
        ("curl-straight-closing-quote", "safe"),
        ("drop-space-before-closing-quote", "safe"),
        ("drop-orphan-quote", "review"),
        ("close-quote-at-paragraph-end", "review"),
    ]


@pytest.mark.parametrize("stage_rule", rules_of("punctuation"), ids=lambda r: r.id)
def test_each_rule_is_named_after_its_function_and_says_what_it_repairs_and_leaves_alone(stage_rule):
    assert stage_rule.function.__name__.replace("_", "-") == stage_rule.id
    summary, leaves_alone = stage_rule.function.__doc__.strip().split("\n\n")[:2]
    assert "\n" not in summary
    assert "Leaves alone" in leaves_alone


@pytest.mark.parametrize("text", ["", "\n", "Plain text.", "   \n\n  "])
def test_text_with_nothing_to_repair_gets_no_edits(text):
    assert_left_alone(text)


# --- drop-junk-line --------------------------------------------------------


@pytest.mark.parametrize(
    "raw, fixed",
    [
        ("time: 09/16/2022 – 00:26\n–\nAn article", "time: 09/16/2022 – 00:26\nAn article"),
        ("in the future.\n–", "in the future."),
        ("Title\n•\nText", "Title\nText"),
        ("—\nText", "Text"),
        ("a\n–\n—\nb", "a\nb"),
        ("Text\n\n|\n\nMore", "Text\n\n\nMore"),
        ("Text\n\n-\n\nMore", "Text\n\n\nMore"),
    ],
)
def test_line_of_only_a_dash_or_bullet_is_deleted_with_its_line_break(raw, fixed):
    assert_fixed_by("drop-junk-line", raw, fixed)


def test_junk_line_is_deleted_with_its_own_line_break():
    raw = "00:26\n–\nAn article"
    (edit,) = edits(raw)
    assert raw[edit.start : edit.end] == "–\n"


def test_junk_last_line_is_deleted_with_the_line_break_before_it():
    raw = "in the future.\n–"
    (edit,) = edits(raw)
    assert raw[edit.start : edit.end] == "\n–"


@pytest.mark.parametrize(
    "text",
    [
        "Intro\n\n---\n\nBody",
        "Intro\n\n***\n\nBody",
        "Intro\n\n___\n\nBody",
        "Intro\n\n* * *\n\nBody",
        "Heading\n-\nText under a markdown heading",
        "issuing time: 09/16/2022 – 00:26",
        "Posted\n– 00:26\nText",
        "A dash – inside text.",
        "- item one\n- item two",
        "• Bullet with text",
        "| a | b |",
        "Page\n2\nText",
    ],
)
def test_markdown_rules_dashes_in_text_and_lines_with_letters_or_digits_are_left_alone(text):
    assert_left_alone(text)


# --- fix-quote-direction ---------------------------------------------------


@pytest.mark.parametrize(
    "raw, fixed",
    [
        ("in the Indo-Pacific “. This was", "in the Indo-Pacific”. This was"),
        ("as Russian territory “. Russia", "as Russian territory”. Russia"),
        ("based on the support of any country. “\nToday", "based on the support of any country.”\nToday"),
        ("it is over, he said “, and left", "it is over, he said”, and left"),
        ("is it over “?", "is it over”?"),
    ],
)
def test_opening_mark_after_open_quote_in_closing_position_becomes_closing_mark(raw, fixed):
    assert_fixed_by("fix-quote-direction", "“" + raw, "“" + fixed)


def test_opening_single_mark_in_closing_position_becomes_closing_single_mark():
    assert_fixed_by("fix-quote-direction", "NATO ‘tout court ‘, but", "NATO ‘tout court’, but")


def test_space_before_misdirected_mark_is_dropped_in_the_same_edit():
    raw = "“in the Indo-Pacific “. This was"
    (edit,) = edits(raw)
    assert (raw[edit.start : edit.end], edit.replacement) == (" “", "”")


@pytest.mark.parametrize(
    "text",
    [
        "Russia and China have “found a synthesis” on the common fears.",
        "He said “a “b” c” twice.",
        "“Hello,” he said. “How are you?”",
        "She said: “Yes.”",
        "“Look at the ‘new’ plan,” he said.",
        "“In the ‘90s we had nothing,” she said.",
        "“We asked: “Why?” Nobody answered,” he said.",
    ],
)
def test_quotes_already_right_and_nested_openings_are_left_alone(text):
    assert_left_alone(text)


# --- curl-straight-closing-quote -------------------------------------------


@pytest.mark.parametrize(
    "raw, fixed",
    [
        ("“The formula is ‘never against each other'”.", "“The formula is ‘never against each other’”."),
        ('“He said yes".', "“He said yes”."),
        ("‘It works' she said.", "‘It works’ she said."),
    ],
)
def test_straight_mark_closing_a_curly_quote_becomes_curly(raw, fixed):
    assert_fixed_by("curl-straight-closing-quote", raw, fixed)


@pytest.mark.parametrize(
    "text",
    [
        '"He said yes," she said.',
        "'Single straight quotes' are fine.",
        "We don't know.",
        "The teachers' union met.",
        '“He said "no" twice,” she said.',
        "“It is the teachers' union,” she said.",
    ],
)
def test_straight_quotes_closing_straight_quotes_and_apostrophes_are_left_alone(text):
    assert_left_alone(text)


# --- drop-space-before-closing-quote ---------------------------------------


@pytest.mark.parametrize(
    "raw, fixed",
    [
        ("“the countries that fear Russia ”.", "“the countries that fear Russia”."),
        ("“Yes ” he said.", "“Yes” he said."),
        ("‘NATO expansion ’, he said.", "‘NATO expansion’, he said."),
    ],
)
def test_space_before_closing_mark_is_dropped(raw, fixed):
    assert_fixed_by("drop-space-before-closing-quote", raw, fixed)


@pytest.mark.parametrize(
    "text",
    [
        "“Yes” he said.",
        '"Hello " she said.',
        "“Yes, we will\n” he said.",
        "The countries’ leaders met.",
    ],
)
def test_closing_marks_without_a_space_straight_marks_and_line_starts_are_left_alone(text):
    assert_left_alone(text)


# --- drop-orphan-quote -----------------------------------------------------


@pytest.mark.parametrize(
    "raw, fixed",
    [
        ("by exporting technology. “\nMoscow recently", "by exporting technology.\nMoscow recently"),
        ("“Hi,” he said. “", "“Hi,” he said."),
        ('"Hi," he said. "', '"Hi," he said.'),
        ("He left the room.” Then he came back.", "He left the room. Then he came back."),
        ("countries that fear Russia ”. Then", "countries that fear Russia. Then"),
    ],
)
def test_quote_mark_pairing_with_nothing_is_dropped(raw, fixed):
    assert_fixed_by("drop-orphan-quote", raw, fixed)


@pytest.mark.parametrize(
    "text",
    [
        "They sell 12” vinyl records.",
        'They print 5"x7 photos.',
        'He is 6" taller.',
        "He said: “We will win.\nThe war is long,” he added.",
        "She said: “\nWe will win,” she added.",
        "“Quote one.\n“Quote two.”",
        "He said: «Bonjour.»",
    ],
)
def test_marks_paired_across_paragraphs_and_inch_marks_are_left_alone(text):
    assert_left_alone(text)


# --- close-quote-at-paragraph-end ------------------------------------------


@pytest.mark.parametrize(
    "raw, fixed",
    [
        (
            "said: “Russia is trying. Putin’s expectations are clear.\nThursday in Le Monde",
            "said: “Russia is trying. Putin’s expectations are clear.”\nThursday in Le Monde",
        ),
        ("Xi said: “We will support Kazakhstan.", "Xi said: “We will support Kazakhstan.”"),
        ('He said: "We will win.\nNext', 'He said: "We will win."\nNext'),
        ("He said: “We will win.   \nNext", "He said: “We will win.”   \nNext"),
        (
            "The mayor said the bridge would reopen soon: “We will rebuild\n"
            "it before the winter, and we will not stop until the work\n"
            "is done.\n\nThe council agreed with her and voted for the plan.\n",
            "The mayor said the bridge would reopen soon: “We will rebuild\n"
            "it before the winter, and we will not stop until the work\n"
            "is done.”\n\nThe council agreed with her and voted for the plan.\n",
        ),
    ],
)
def test_quote_left_open_at_paragraph_end_is_closed_there(raw, fixed):
    assert_fixed_by("close-quote-at-paragraph-end", raw, fixed)


def test_quote_closed_at_the_end_of_the_text_after_a_junk_last_line():
    raw = "Xi said: “We will support Kazakhstan in the future.\n–"
    assert clean(raw) == "Xi said: “We will support Kazakhstan in the future.”"


@pytest.mark.parametrize(
    "text",
    [
        "He said: “The war is long.\n“We will win,” he added.",
        'He said: "The war is long.\n"We will win," he added.',
        "He said: “The war is long.\n«We will win», he added.",
        "He said: “We will win.\nThe war is long,” he added.",
        "He said “we will “win",
        "“Yes,” she said.",
    ],
)
def test_multi_paragraph_quotations_and_nested_quotes_are_left_alone(text):
    assert_left_alone(text)


# --- drop-doubled-full-stop ------------------------------------------------


@pytest.mark.parametrize(
    "raw, fixed",
    [
        ("assistance to Moscow. . China is", "assistance to Moscow. China is"),
        ("the word.. Next", "the word. Next"),
        ("and so on, etc..", "and so on, etc."),
        ("the U.S.. The", "the U.S. The"),
    ],
)
def test_doubled_full_stop_is_reduced_to_one(raw, fixed):
    assert_fixed_by("drop-doubled-full-stop", raw, fixed)


@pytest.mark.parametrize(
    "text",
    ["Wait...", "Wait... then", "Wait. . . then", "See ../x for more.", "Run cd ../.. now.", "It grew 3.5%."],
)
def test_ellipses_and_paths_are_left_alone(text):
    assert_left_alone(text)


# --- drop-stray-full-stop --------------------------------------------------


@pytest.mark.parametrize(
    "raw, fixed",
    [
        ("its interests. through coordinated action", "its interests through coordinated action"),
        ("such catastrophes. to encourage", "such catastrophes to encourage"),
        ("“is not. never been accepted”", "“is not never been accepted”"),
        ("the plan. and the money", "the plan and the money"),
        ("Russia’s. interests", "Russia’s interests"),
    ],
)
def test_full_stop_before_a_lower_case_word_inside_a_clause_is_dropped(raw, fixed):
    assert_fixed_by("drop-stray-full-stop", raw, fixed)


@pytest.mark.parametrize(
    "text",
    [
        "China’s No. 3, said",
        "U.S. officials said",
        "He cited examples, e.g. this one.",
        "The plan, i.e. the budget.",
        "Call Mr. smith now.",
        "Signed by J. smith.",
        "Point 3. and then",
        "Apples, pears, etc. and more",
        "It costs approx. five dollars.",
        "At 9 a.m. tomorrow.",
        "Sales rose. iPhone sales doubled.",
        "It sold out. eBay sellers gained.",
        "He left in 1958. de Gaulle returned.",
        "He won. van der Bellen lost.",
        "Smith et al. found it.",
        "He was born in Miami, Fla. on a Monday.",
        "It ends. The next one starts.",
    ],
)
def test_abbreviations_initials_numbers_and_lower_case_names_are_left_alone(text):
    assert_left_alone(text)


# --- drop-doubled-word -----------------------------------------------------


@pytest.mark.parametrize(
    "raw, fixed",
    [
        ("it will will be", "it will be"),
        ("will will be", "will be"),
        ("the plan was was approved", "the plan was approved"),
        ("“we we are”", "“we are”"),
    ],
)
def test_lower_case_word_written_twice_is_written_once(raw, fixed):
    assert_fixed_by("drop-doubled-word", raw, fixed)


@pytest.mark.parametrize(
    "text",
    [
        "He had had enough.",
        "He knew that that was wrong.",
        "What it is is a mess.",
        "It was very very hot.",
        "Bye bye, said the children.",
        "The general Cao Cao won.",
        "They flew to Bora Bora.",
        "The song goes na na na.",
        "The then minister spoke.",
        "It will\nwill not.",
        "What is going on on the ground?",
        "He gave her her keys.",
        "We will, will we not?",
    ],
)
def test_intended_repetitions_names_and_repeats_across_punctuation_are_left_alone(text):
    assert_left_alone(text)


# --- drop-doubled-determiner -----------------------------------------------


@pytest.mark.parametrize(
    "raw, fixed",
    [
        ("to safeguard the its fundamental interests", "to safeguard its fundamental interests"),
        ("it is a the best", "it is the best"),
        ("the his plan", "his plan"),
        ("the their plan", "their plan"),
        ("the this plan", "this plan"),
        ("an its own", "its own"),
    ],
)
def test_article_before_a_possessive_or_demonstrative_is_dropped(raw, fixed):
    assert_fixed_by("drop-doubled-determiner", raw, fixed)


@pytest.mark.parametrize(
    "text",
    [
        "They saw the her friend had sent.",
        "Of the, its parts",
        "A his and hers towel set.",
        "A that-clause follows.",
        "They bathe its wounds.",
        "It is a theory.",
        "The hiss of the snake.",
    ],
)
def test_object_pronouns_punctuation_and_longer_words_are_left_alone(text):
    assert_left_alone(text)


# --- add-space-before-bracketed-ellipsis -----------------------------------


@pytest.mark.parametrize(
    "raw, fixed",
    [
        ("speak out against the West[…]. Putin", "speak out against the West […]. Putin"),
        ("the West(…)", "the West (…)"),
        ("the West[...]", "the West [...]"),
        ("the West(...)", "the West (...)"),
    ],
)
def test_bracketed_ellipsis_glued_to_a_word_gets_a_space(raw, fixed):
    assert_fixed_by("add-space-before-bracketed-ellipsis", raw, fixed)


@pytest.mark.parametrize(
    "text",
    [
        "Let f(x) be",
        "Each country(s) listed.",
        "As noted[1] before.",
        "The West […] said",
        "[…] and more",
        "The West (…) said",
    ],
)
def test_other_brackets_and_spaced_ellipses_are_left_alone(text):
    assert_left_alone(text)


# --- drop-space-before-punctuation -----------------------------------------


@pytest.mark.parametrize(
    "raw, fixed",
    [
        ("the word , then", "the word, then"),
        ("the word ; then", "the word; then"),
        ("he said : “Russia”", "he said: “Russia”"),
        ("the end .", "the end."),
        ("the end\u00a0: then", "the end: then"),
    ],
)
def test_space_before_punctuation_is_dropped(raw, fixed):
    assert_fixed_by("drop-space-before-punctuation", raw, fixed)


@pytest.mark.parametrize(
    "text",
    [
        "It rose by .5 points.",
        "Written in .NET today.",
        "Wait . . . then",
        "Wait ... then",
        "Nice :)",
        "It starts at 10 : 30.",
        "Pick 1 , 2 or 3.",
        "- item",
        "Term\n: definition",
        "He paused … then spoke.",
    ],
)
def test_figures_ellipses_emoticons_and_line_starts_are_left_alone(text):
    assert_left_alone(text)


# --- whole text ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "It rose 3.5% to 1,000 tonnes.",
        "issuing time: 09/16/2022 – 00:26",
        "Evan Feigenbaum, member of the Carnegie Endowment for International Peace, said so.",
        "Li Zhanshu, China’s No. 3, said unequivocally.",
        "U.S. officials met on Jan. 5 at 10:30 a.m.",
    ],
)
def test_figures_dates_and_names_are_left_alone(text):
    assert_left_alone(text)


def test_several_rules_repair_one_sentence_in_one_pass():
    raw = "Li said: “We will safeguard the its interests. through coordinated action “.\nNext."
    assert clean(raw) == "Li said: “We will safeguard its interests through coordinated action”.\nNext."


# --- the seed articles -----------------------------------------------------

MY_CHECKS = ("a-quote-", "a-stop-", "b-quote-", "b-stop-1", "b-stop-2", "b-dup-1", "b-space-1", "b-junk-1")


def _seed_checks() -> list[dict]:
    path = SHARED / "checks.tsv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file, delimiter="\t"))
    return [r for r in rows if r["tier"] == "keep" or r["id"].startswith(MY_CHECKS)]


@pytest.mark.parametrize("check", _seed_checks() or [None], ids=lambda c: c["id"] if c else "absent")
def test_seed_check_passes_after_the_punctuation_stage(check):
    if check is None:
        pytest.skip("../shared/checks.tsv is absent")
    raw_path = ROOT / "raw" / check["article"]
    if not raw_path.exists():
        pytest.skip(f"raw/{check['article']} is absent")
    text = clean(raw_path.read_text(encoding="utf-8"))
    absent = check["absent"].replace("\\n", "\n")
    present = check["present"].replace("\\n", "\n")
    assert not absent or absent not in text
    assert not present or present in text
