"""drop-boilerplate-line: lines a scraper took from the web page around an article.

Fix cases give (damaged, repaired) and check that only this rule fired; leave-alone
cases are article text that the whole punctuation stage must not touch.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from pipeline.tables import boilerplate
from pipeline.tables.fingerprint import table_terms
from pipeline.core.edits import Edit, apply
from pipeline.engine.assembly import Pipeline, propose, rule_stages
from pipeline.core.rules import RULES
from pipeline.stages import RuleStage
from pipeline.tables.fingerprint import table_hash
from pipeline.tables.loading import TableError, default_table, load_table
from pipeline.tables.merge import merge_tables
from pipeline.tables.table import Table

RULE = "drop-boilerplate-line"
STAGE = RuleStage("punctuation")


def edits(text: str, stage: RuleStage = STAGE) -> list[Edit]:
    return stage(text)


def assert_fixed(raw: str, fixed: str, stage: RuleStage = STAGE) -> None:
    found = edits(raw, stage)
    assert apply(raw, found) == fixed
    assert {e.rule for e in found} == {RULE}


def assert_left_alone(text: str, stage: RuleStage = STAGE) -> None:
    assert edits(text, stage) == []


def write(tmp_path: Path, text: str, name: str = "clean.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(TableError) as caught:
        load_table(path)
    return str(caught.value)


# --- the rule ----------------------------------------------------------------


def test_the_rule_runs_right_after_drop_junk_line_for_review():
    ids = list(RULES)
    assert ids[ids.index("drop-junk-line") + 1] == RULE
    assert RULES[RULE].risk == "review"


def test_the_docstring_is_a_one_line_summary_then_what_it_leaves_alone():
    summary, leaves_alone = RULES[RULE].function.__doc__.strip().split("\n\n")[:2]
    assert "\n" not in summary
    assert leaves_alone.lstrip().startswith("Leaves alone")


# --- whole lines ----------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "Share this article",
        "Share on Facebook",
        "Click here to subscribe",
        "Subscribe to our newsletter",
        "Sign up for our newsletter",
        "Related articles",
        "Continue reading below",
        "Skip to content",
        "Follow us on Twitter",
        "Story continues below",
        "Scroll to continue",
        "Loading...",
        "Listen to this article",
        "Print",
        "Comments",
    ],
)
def test_a_line_the_list_names_is_deleted(line):
    assert_fixed(f"First paragraph.\n{line}\nSecond paragraph.", "First paragraph.\nSecond paragraph.")


def test_a_boilerplate_line_is_deleted_with_its_own_line_break():
    raw = "First paragraph.\nAdvertisement\nSecond paragraph."
    (edit,) = edits(raw)
    assert raw[edit.start : edit.end] == "Advertisement\n"


def test_a_boilerplate_last_line_is_deleted_with_the_line_break_before_it():
    raw = "The last paragraph.\nShare this article"
    (edit,) = edits(raw)
    assert raw[edit.start : edit.end] == "\nShare this article"


def test_a_boilerplate_first_line_is_deleted_with_its_own_line_break():
    assert_fixed("Skip to content\nHeadline", "Headline")


def test_a_boilerplate_paragraph_goes_with_one_of_the_blank_lines_around_it():
    assert_fixed("Text\n\nAdvertisement\n\nMore", "Text\n\nMore")


def test_consecutive_boilerplate_lines_go_in_one_edit():
    raw = "Text.\nShare on Facebook\nShare on Twitter\nPrint"
    (edit,) = edits(raw)
    assert apply(raw, [edit]) == "Text."


@pytest.mark.parametrize(
    "line",
    [
        "ADVERTISEMENT",
        "Advertisement.",
        "Advertisement:",
        "Share This Article",
        "SHARE THIS ARTICLE",
        "Related articles:",
        "Loading…",
        "Don’t miss",
        "Share  this   article",
        "- Advertisement -",
        "— ADVERTISEMENT —",
        "[Advertisement]",
        "**Advertisement**",
    ],
)
def test_case_trailing_punctuation_and_decoration_variants_are_deleted(line):
    assert_fixed(f"Text.\n{line}\nMore text.", "Text.\nMore text.")


# --- prefixes with a headline or a credit ---------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Read also: Putin and Xi meet in Samarkand",
        "Read more: Why the rouble keeps falling",
        "See also: Five things to know about the summit",
        "Related: Kyiv says grain exports resumed",
        "Also read: Oil prices climb after the OPEC+ decision",
        "Watch: the moment the bridge collapsed",
        "READ ALSO: Talks in Ankara end without a deal",
        "Read more: U.S. and China agree to resume talks",
        "Read more: Mr. Biden heads to Brussels",
        "Read more: Will Europe have enough gas this winter?",
        "Read also: https://example.com/news/2022/summit",
        "Read also:",
        "Read also : Un sommet sans accord",
        "Photo: Reuters",
        "(Photo: AFP)",
        "Image: Getty Images",
        "Photo: Reuters/Gleb Garanich",
    ],
)
def test_a_prefix_followed_by_a_headline_or_credit_is_deleted(line):
    assert_fixed(f"Text.\n{line}\nMore text.", "Text.\nMore text.")


WORDS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen".split()
WORDS += "seventeen eighteen nineteen twenty twenty-one".split()


def test_a_headline_of_twenty_words_after_a_prefix_is_deleted():
    headline = " ".join(WORDS[: boilerplate.MAX_TAIL_WORDS])
    assert_fixed(f"Text.\nRead more: {headline}\nMore.", "Text.\nMore.")


# --- what it leaves alone ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The advertisement was banned.",
        "He said: Read more books.",
        "Share prices fell.",
        "Readers left 300 comments.\nPrint editions sold out.",
    ],
)
def test_the_same_words_inside_a_sentence_are_left_alone(text):
    assert_left_alone(text)


@pytest.mark.parametrize(
    "text",
    [
        "Advertisement revenue fell 10% in May.",
        "Print sales fell by a third last year.",
        "Comments by the minister drew criticism.",
        "Watch this space, the minister said.",
        "Share this article's conclusions with care, he wrote.",
    ],
)
def test_a_sentence_starting_with_a_listed_word_is_left_alone(text):
    assert_left_alone(f"Headline\n{text}\nMore text.")


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Rescuers search the rubble of the building in Dnipro on Sunday.",
        "Read more: The ministry said on Monday. It gave no figures",
        "Read more: Is this the end? Analysts are divided",
        "Watch: " + " ".join(WORDS[: boilerplate.MAX_TAIL_WORDS + 1]),
        "Read more about the talks",
    ],
)
def test_a_prefix_followed_by_a_sentence_is_left_alone(line):
    assert_left_alone(f"Text.\n{line}\nMore text.")


def test_the_dateline_is_left_alone():
    assert_left_alone("issuing time: 09/16/2022 – 00:26\nAn article in Le Monde on Thursday.")


@pytest.mark.parametrize("line", ["By John Smith", "By John Smith, Reuters", "Updated: 12 May 2022, 14:05"])
def test_bylines_and_datelines_are_left_alone(line):
    assert_left_alone(f"Headline\n{line}\nText.")


@pytest.mark.parametrize("line", ["Photo and text: Anna Smith", "Photos: Anna Smith, text: John Brown (staff writer)"])
def test_a_line_crediting_the_writer_too_is_left_alone_as_a_byline(line):
    assert_left_alone(f"Headline\n{line}\nText.")


@pytest.mark.parametrize("line", ["Source: Reuters", "Source: the Ministry of Defence", "Sources: TASS, Interfax"])
def test_source_lines_are_left_alone_as_the_articles_own_attribution(line):
    assert_left_alone(f"Text.\n{line}")


@pytest.mark.parametrize(
    "line",
    [
        "Rescuers in Dnipro on Sunday. Photo: Reuters",
        "Vladimir Putin and Xi Jinping in Samarkand (Photo: AFP)",
    ],
)
def test_a_caption_with_a_credit_is_left_alone(line):
    assert_left_alone(f"Text.\n{line}\nMore text.")


@pytest.mark.parametrize("text", ["Intro\n\n## Related articles\n\nBody", "Intro\n\nComments\n--------\n\nBody", "Comments\n========\nBody"])
def test_markdown_headings_are_left_alone(text):
    assert_left_alone(text)


@pytest.mark.parametrize("line", ["“Advertisement”", '"Read more: the new book"', "> Share this article", "‘Print’"])
def test_quoted_lines_are_left_alone(line):
    assert_left_alone(f"Text.\n{line}\nMore text.")


def test_a_list_item_is_left_alone():
    assert_left_alone("The paper sells in three forms:\n- Print\n- Online\n- Audio")


def test_a_lower_case_line_is_left_alone():
    assert_left_alone("Text.\nadvertisement\nMore text.")


def test_a_line_a_sentence_runs_on_from_is_left_alone():
    assert_left_alone("Headline\nRead more: how the talks\nbroke down in Ankara, and why.")


def test_a_line_of_a_hard_wrapped_paragraph_is_left_alone():
    text = (
        "The ministry said on Monday that the figures, released after a long delay,\n"
        "showed a sharp fall in exports to the region over the past three months and\n"
        "Comments\n"
        "from officials suggested the decline would continue into the winter season.\n"
    )
    assert_left_alone(text)


def test_a_boilerplate_block_in_hard_wrapped_text_is_deleted():
    text = (
        "The ministry said on Monday that the figures, released after a long delay,\n"
        "showed a sharp fall in exports to the region over the past three months.\n"
        "\n"
        "Advertisement\n"
        "Share this article\n"
        "\n"
        "Officials said the decline would continue into the winter, as it did in 2021,\n"
        "and that no help from the government was expected before the end of the year.\n"
    )
    assert_fixed(text, text.replace("Advertisement\nShare this article\n\n", ""))


# --- a table extends the list ---------------------------------------------------------


EXTRA = Table(boilerplate=("Werbung", "Lire aussi:…"))


@pytest.mark.parametrize("line", ["Werbung", "WERBUNG", "Lire aussi: Le sommet de Samarkand", "Lire aussi : Le sommet"])
def test_a_table_entry_extends_the_list(line):
    assert_fixed(f"Text.\n{line}\nMore.", "Text.\nMore.", RuleStage("punctuation", EXTRA))


def test_without_the_table_its_entries_are_left_alone():
    assert_left_alone("Text.\nWerbung\nMore.")


def test_the_built_in_list_still_applies_with_a_table():
    assert_fixed("Text.\nAdvertisement\nMore.", "Text.\nMore.", RuleStage("punctuation", EXTRA))


def test_a_stage_with_a_table_survives_pickling_for_worker_processes():
    stage = pickle.loads(pickle.dumps(RuleStage("punctuation", EXTRA)))
    assert apply("Text.\nWerbung\nMore.", stage("Text.\nWerbung\nMore.")) == "Text.\nMore."


def test_the_pipeline_binds_the_merged_table_to_the_rule():
    table = merge_tables([default_table(), EXTRA])
    found, _ = propose("Text.\nWerbung\nMore.", Pipeline(rule_stages(table), rewrite=None))
    assert [(e.rule, e.replacement) for e in found] == [(RULE, "")]


def test_toml_boilerplate_entries_load_and_merge_after_earlier_tables(tmp_path):
    first = load_table(write(tmp_path, 'boilerplate = ["Werbung"]\n', "a.toml"))
    second = load_table(write(tmp_path, 'boilerplate = ["Lire aussi:…", "Werbung"]\n', "b.toml"))
    assert merge_tables([default_table(), first, second]).boilerplate == ("Werbung", "Lire aussi:…")


def test_a_boilerplate_entry_changes_the_table_hash():
    assert table_hash(Table()) != table_hash(EXTRA)


def test_a_boilerplate_entry_is_a_table_term_without_its_prefix_mark():
    terms = table_terms(EXTRA)
    assert {"werbung", "lire aussi"} <= terms.keys()


# --- malformed entries: file:line: what is wrong ------------------------------------------


def test_an_empty_boilerplate_entry_names_file_and_line(tmp_path):
    path = write(tmp_path, 'boilerplate = [\n  "Werbung",\n  "",\n]\n')
    assert error_of(path) == f"{path}:3: empty boilerplate entry"


def test_a_prefix_mark_alone_names_file_and_line(tmp_path):
    path = write(tmp_path, 'boilerplate = [\n  "…",\n]\n')
    assert error_of(path) == f"{path}:2: boilerplate entry '…' has no text to match"


def test_a_duplicate_boilerplate_entry_names_both_lines(tmp_path):
    path = write(tmp_path, 'boilerplate = [\n  "Werbung",\n  "WERBUNG.",\n]\n')
    assert error_of(path) == f"{path}:3: duplicate entry: “WERBUNG.” (already “Werbung” at line 2)"


def test_a_boilerplate_entry_with_a_line_break_names_file_and_line(tmp_path):
    path = write(tmp_path, 'boilerplate = [\n  "Werbung",\n  "Lire\\naussi",\n]\n')
    assert error_of(path).startswith(f"{path}:3: boilerplate entry 'Lire\\naussi' holds a line break")


def test_a_boilerplate_entry_that_is_not_a_string_names_file_and_line(tmp_path):
    path = write(tmp_path, 'it = ["Gazprom"]\nboilerplate = [3]\n')
    assert error_of(path) == f"{path}:2: “boilerplate” must be a list of strings"


# --- the built-in list and the search ----------------------------------------------------


def test_the_built_in_list_holds_each_entry_once():
    keys = [(e.key, e.prefix) for e in map(boilerplate.parse, boilerplate.builtin())]
    assert len(keys) == len(set(keys)) and all(key for key, _ in keys)


def test_the_built_in_list_leaves_source_lines_to_the_article():
    assert not [e for e in boilerplate.builtin() if e.lower().startswith("source")]


def test_lines_found_from_the_line_starts_are_those_found_by_checking_every_line():
    matcher = boilerplate.matcher(("Werbung", "Lire aussi:…"))
    lines = [
        "Advertisement", "Text.", "- Advertisement -", "Read also: Putin meets Xi", "  Share on Facebook  ",
        "(Photo: AFP)", "**Print**", "Werbung", "Lire aussi: x", "Comments by him.", "", "x Advertisement",
    ]
    text = "\n".join(lines)
    at, plain = 0, []
    for line in lines:
        entry = matcher.entry_of(line)
        if entry is not None:
            plain.append((at, at + len(line), entry))
        at += len(line) + 1
    assert list(matcher.lines(text)) == plain


def test_a_table_change_reproposes_only_articles_with_a_changed_entrys_text(run_cli, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "a.txt").write_text("Headline\nWerbung\nText of the article.\n", encoding="utf-8")
    (raw / "b.txt").write_text("Another article, nothing to drop.\n", encoding="utf-8")
    run_cli(raw, out)
    before = (out / "b.txt.edits.json").stat().st_mtime_ns
    (raw / "clean.toml").write_text('boilerplate = ["Werbung"]\n', encoding="utf-8")
    result = run_cli(raw, out)
    assert result.output.startswith("1 article proposed (1 unchanged)")
    found = json.loads((out / "a.txt.edits.json").read_text(encoding="utf-8"))["edits"]
    assert [(e["rule"], e["replacement"]) for e in found] == [(RULE, "")]
    assert (out / "b.txt.edits.json").stat().st_mtime_ns == before


@pytest.mark.parametrize("line", ["Click here to subscribe.", "Follow us on Facebook and Twitter.", "Share via e-mail"])
def test_a_call_to_action_may_end_in_a_full_stop_and_e_mail_is_email(line):
    assert_fixed(f"Text\n{line}\nMore", "Text\nMore")


def test_a_captioned_credit_ending_in_a_full_stop_is_still_a_sentence():
    assert_left_alone("Text\nPhoto: Rescuers search the rubble in the city centre.\nMore")
