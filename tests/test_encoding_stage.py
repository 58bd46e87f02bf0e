"""The encoding stage: mojibake repaired through ftfy as small `safe` edits; correct text left alone."""

from __future__ import annotations

import re

import pytest

import pipeline.stages.encoding as encoding
from pipeline.core.edits import apply, validate
from pipeline.stages import RuleStage


@pytest.fixture(scope="module")
def stage() -> RuleStage:
    return RuleStage("encoding")


def cleaned(stage: RuleStage, text: str) -> str:
    edits = stage(text)
    validate(text, edits)
    return apply(text, edits)


@pytest.mark.parametrize(
    "raw, meant",
    [
        ("He donâ€™t know.", "He don’t know."),  # ’ read as Windows-1252
        ("A cafÃ© in Paris.", "A café in Paris."),  # é read as Latin-1
        ("He said â€œyesâ€\x9d.", "He said “yes”."),  # “ ” with the 0x9D kept as a C1 control
        ("Talks â€” again.", "Talks — again."),
        ("The naÃ¯ve plan.", "The naïve plan."),
        ("It cost Â£5 million.", "It cost £5 million."),
        ("See â€¦ later.", "See … later."),
        ("The Ã‰cole opens.", "The École opens."),
        ("Ã la carte.", "à la carte."),  # "à" whose 0xA0 became a space
        ("He didn\x92t go.", "He didn’t go."),  # Windows-1252 read as Latin-1: a C1 control
        ("It isnÃ¢â‚¬â„¢t.", "It isn’t."),  # mojibake of mojibake
        ("He donвЂ™t know.", "He don’t know."),  # read as Windows-1251
    ],
)
def test_mojibake_is_repaired(stage, raw, meant):
    assert cleaned(stage, raw) == meant


@pytest.mark.parametrize(
    "text",
    [
        "Georges Lemaître proposed it.",
        "Talks in Zürich and São Paulo.",
        "He said “yes” and ‘no’.",
        "It’s the minister’s plan.",
        "Москва и Пекин подписали соглашение.",
        "北京和上海",
        "Ελληνικά κείμενα.",
        "SÃO PAULO (Reuters) - Brazil’s economy grew.",  # Portuguese capitals, not mojibake
        "The fiancée’s café – résumé, naïve, Æsir, Øresund.",
        "Prices in € and £, 5 °C, ½ mile, © 2024.",
        "Plain ASCII text with 'straight' and \"double\" quotes.",
        "العربية والفارسية",
    ],
)
def test_correct_text_is_left_alone(stage, text):
    assert stage(text) == []


def test_clean_text_costs_one_failed_search():
    assert encoding.SUSPICIOUS.search("Lemaître in Zürich said “yes” – it’s fine.") is None


def test_clean_text_does_not_import_ftfy(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_ftfy(name, *args, **kwargs):
        if name == "ftfy":
            raise AssertionError("ftfy imported for clean text")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ftfy)
    assert list(encoding.fix_mojibake("Lemaître in Zürich said “yes”.\n" * 100)) == []


def test_edits_cover_only_the_mojibake(stage):
    text = "Mr. Lemaître said: â€œwe donâ€™t knowâ€\x9d, in Zürich."
    edits = stage(text)
    assert [text[e.start : e.end] for e in edits] == ["â€œ", "â€™", "â€\x9d"]
    assert [e.replacement for e in edits] == ["“", "’", "”"]


def test_edits_are_safe_and_name_the_rule_and_stage(stage):
    (edit,) = stage("A cafÃ© here.")
    assert (edit.rule, edit.stage, edit.risk) == ("fix-mojibake", "encoding", "safe")
    assert "Ã©" in edit.reason and "é" in edit.reason


def test_quotes_are_not_uncurled_or_straightened(stage):
    text = "He said “yes” and ‘no’, it’s \"fine\" – donâ€™t."
    assert cleaned(stage, text) == "He said “yes” and ‘no’, it’s \"fine\" – don’t."


def test_line_breaks_and_other_lines_are_kept(stage):
    text = "First line.\r\nA cafÃ© here.\n\nLast “line”.\n"
    assert cleaned(stage, text) == "First line.\r\nA café here.\n\nLast “line”.\n"


def test_correct_and_broken_text_on_one_line(stage):
    text = "MÃ¼nchen and München, Lemaître and cafÃ©."
    assert cleaned(stage, text) == "München and München, Lemaître and café."


def test_mojibake_in_a_very_long_line_is_repaired_where_it_is(stage):
    text = "word " * 5000 + "donâ€™t " + "word " * 5000 + "cafÃ©"
    edits = stage(text)
    assert [(e.start, e.end) for e in edits] == [(25003, 25006), (len(text) - 2, len(text))]
    assert cleaned(stage, text) == "word " * 5000 + "don’t " + "word " * 5000 + "café"


def test_mojibake_of_a_byte_order_mark_is_dropped(stage):
    assert cleaned(stage, "Title\nï»¿Body text.") == "Title\nBody text."


def test_closing_quote_that_lost_its_last_byte_is_restored_by_its_own_rule(stage):
    # "â€" + space: ftfy would make a dagger of it. The lost byte can only be 0x9D (”): it is
    # the one byte of E2 80 xx that Windows-1252 cannot show, so a decoder drops it.
    found = stage("He said â€œyesâ€ and left.")
    assert apply("He said â€œyesâ€ and left.", found) == "He said “yes” and left."
    assert [e.rule for e in found] == ["fix-mojibake", "fix-truncated-mojibake-quote"]


@pytest.mark.parametrize("text, fixed", [("his thoughtâ€.", "his thought”."), ("such.â€\nNext", "such.”\nNext"), ("yesâ€, he said", "yes”, he said")])
def test_truncated_closing_quote_before_punctuation_or_a_line_end_is_restored(stage, text, fixed):
    assert cleaned(stage, text) == fixed


@pytest.mark.parametrize("text", ["â€œ at a word start", "Price: 5 â€", "the â€™90s"])
def test_truncated_quote_rule_leaves_alone_what_is_not_a_closing_quote_that_lost_a_byte(text):
    assert list(encoding.fix_truncated_mojibake_quote(text)) == []


def test_mojibake_in_a_line_with_right_non_ascii_characters_is_repaired_sequence_by_sequence(stage):
    # ftfy leaves such a line alone as a whole: the no-break spaces and the right dash cannot
    # be encoded back along with the mojibake.
    text = "Odesa\xa0â€“ the port of the south\xa0– will reopen"
    assert cleaned(stage, text) == "Odesa\xa0– the port of the south\xa0– will reopen"


def test_repair_is_idempotent(stage):
    text = "He said â€œwe donâ€™t knowâ€\x9d in ZÃ¼rich."
    once = cleaned(stage, text)
    assert stage(once) == []


def test_no_edit_spans_a_line_break(stage):
    text = "cafÃ©\nnaÃ¯ve\r\nâ€œyesâ€\x9d"
    assert all("\n" not in text[e.start : e.end] for e in stage(text))


def test_large_clean_text_is_fast(stage):
    from .conftest import growth

    line = "Lemaître said “yes” in Zürich – it’s fine.\n"
    small, large = line * 250_000, line * 1_000_000  # about 11 MB and 45 MB
    assert stage(large) == []
    # linear: 4× the text in well under the 16× a quadratic scan takes (best of 3 tries each)
    ratio, took_small, took_large = growth(lambda: stage(small), lambda: stage(large))
    assert ratio < 8, f"4× the text took {ratio:.1f}× as long ({took_small:.3f} s, {took_large:.3f} s)"


def test_suspicious_pattern_finds_every_case_it_must():
    for sample in ("â€™", "Ã©", "Â£", "\x92", "Ã ", "вЂ™", "‚Äô", "ï»¿"):
        assert re.search(encoding.SUSPICIOUS, sample), sample
