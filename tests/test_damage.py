"""benchmarks/damage.py: the damage injector the quality benchmark scores the cleaner with.

The texts here are written for these tests (the dev corpus is for measuring only)."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import damage  # noqa: E402
from damage import CLASSES, SCRAPER_LINES, Injection, copies, inject  # noqa: E402

# One sentence a line, curly quotes: every class but the straight-quote one has a place here.
CURLY = (
    "Harbour Talks Resume in Valdora\n"
    "The minister, Tomas Verhoeven, said on Monday that talks with the port authority would "
    "resume next week (on Tuesday).\n"
    "Verhoeven told reporters that the deal was “close to done”.\n"
    "He added: “We have waited long enough for a decision.”\n"
    "Critics in Valdora called the plan a “quiet surrender”, and the union said it would "
    "protest.\n"
    "Poland has said it will defend its fishing rights in the bay.\n"
    "The council expects Tomas Verhoeven to support him in the vote, according to its "
    "chairman.\n"
    "Valdora’s mayor, Ilse Marquardt, said the city needed “a clear answer […] before winter”.\n"
    "Marquardt later met Verhoeven in Valdora. Both declined to comment.\n"
)

# Straight quotes, plain ASCII, a URL and an e-mail address.
STRAIGHT = (
    "The festival committee met on Friday to discuss the new \"lantern walk\" route.\n"
    "Its chair, Mirela Oduya, said the route was \"safer and shorter\".\n"
    "Oduya added, \"We will open the registration in March.\"\n"
    "Visitors can sign up at https://example.org/lanterns, or write to info@example.org.\n"
)


def paragraphs(text: str) -> str:
    """The same text in the paragraph layout: the title alone, then sentences joined in twos."""
    lines = text.splitlines()
    body = [" ".join(lines[i:i + 2]) for i in range(1, len(lines), 2)]
    return "\n\n".join([lines[0], *body]) + "\n"


TEXTS = {"curly": CURLY, "straight": STRAIGHT,
         "curly-paragraphs": paragraphs(CURLY), "straight-paragraphs": paragraphs(STRAIGHT)}
CURLY_ONLY = {"quote-opening-as-closing", "straight-closing-curly", "space-before-closing-quote",
              "reversed-quote-mid-sentence", "truncated-mojibake-quote"}


def original_of(damaged: Injection, text: str) -> str:
    """The stretch of `text` that the injection replaced."""
    return text[damaged.start:len(text) - (len(damaged.text) - damaged.end)]


def test_classes_are_registered_in_order():
    assert len(CLASSES) == 30
    assert tuple(damage.DAMAGE) == CLASSES
    with pytest.raises(ValueError):
        inject(CURLY, "no-such-class", random.Random(0))


@pytest.mark.parametrize("cls", CLASSES)
def test_every_class_has_a_place_in_its_own_quote_style(cls):
    text = STRAIGHT if cls in ("space-before-straight-closing-quote", "doubled-straight-quotes") else CURLY
    assert inject(text, cls, random.Random(0)) is not None


@pytest.mark.parametrize("cls", CLASSES)
def test_inject_is_deterministic(cls):
    for text in TEXTS.values():
        first = inject(text, cls, random.Random("7:x:" + cls))
        assert first == inject(text, cls, random.Random("7:x:" + cls))


def test_copies_are_deterministic_and_seeded_per_text_and_class():
    runs = [list(copies(TEXTS, seed=3)) for _ in range(2)]
    assert runs[0] == runs[1]
    assert [name for name, _, _ in runs[0]] == sorted(name for name, _, _ in runs[0])
    for name, cls, injection in runs[0]:
        assert injection == inject(TEXTS[name], cls, random.Random(f"3:{name}:{cls}"))
    other = list(copies(TEXTS, seed=4))
    assert other != runs[0]


def test_copies_skip_texts_without_a_place():
    found = {(name, cls) for name, cls, _ in copies(TEXTS, classes=["bracketed-ellipsis-glued"])}
    assert found == {("curly", "bracketed-ellipsis-glued"),
                     ("curly-paragraphs", "bracketed-ellipsis-glued")}


@pytest.mark.parametrize("cls", CLASSES)
def test_copy_differs_only_inside_start_end(cls):
    for text in TEXTS.values():
        for seed in range(12):
            injection = inject(text, cls, random.Random(seed))
            if injection is None:
                continue
            damaged = injection.text
            assert damaged != text
            assert 0 <= injection.start <= injection.end <= len(damaged)
            assert damaged[:injection.start] == text[:injection.start]
            assert damaged[injection.end:] == text[len(text) - (len(damaged) - injection.end):]
            assert injection.note


@pytest.mark.parametrize("cls", CLASSES)
def test_urls_and_addresses_are_never_damaged(cls):
    for text in (STRAIGHT, paragraphs(STRAIGHT)):
        for seed in range(12):
            injection = inject(text, cls, random.Random(seed))
            if injection is not None:
                assert "https://example.org/lanterns" in injection.text
                assert "info@example.org" in injection.text


@pytest.mark.parametrize("cls", sorted(CURLY_ONLY))
def test_curly_classes_need_curly_quotes(cls):
    assert inject(STRAIGHT, cls, random.Random(0)) is None


def test_no_place_gives_none():
    rng = random.Random(0)
    assert inject(STRAIGHT, "bracketed-ellipsis-glued", rng) is None
    assert inject(CURLY, "space-before-straight-closing-quote", rng) is None
    assert inject(STRAIGHT, "mojibake", rng) is None
    assert inject(STRAIGHT, "repeated-subject", rng) is None
    assert inject(STRAIGHT, "pronoun-for-country", rng) is None
    assert inject(STRAIGHT, "name-two-spellings", rng) is None
    assert inject("One line only, with no break.", "scraper-line", rng) is None
    assert inject("No quotes at all here.\n", "orphan-quote-at-paragraph-end", rng) is None
    # one sentence a line: no two sentences share a unit
    assert inject(STRAIGHT, "missing-space-after-stop", rng) is None


def undo(cls: str, injection: Injection) -> str:
    """Repair one class's damage from the damaged text alone (what an ideal cleaner does)."""
    text, start, end, _ = injection
    changed = text[start:end]
    before, after = text[:start], text[end:]
    if cls == "quote-opening-as-closing":
        assert changed == " “"
        return before + "”" + after
    if cls == "straight-closing-curly":
        return before + {'"': "”", "'": "’"}[changed] + after
    if cls in ("space-before-closing-quote", "space-before-straight-closing-quote"):
        assert changed == " " and after[0] in "”’\""
        return before + after
    if cls == "reversed-quote-mid-sentence":
        return before + {"”": "“", "“": "”"}[changed] + after
    if cls == "mismatched-quote-pair":
        return before + {"'": '"', "’": "”"}[changed] + after
    if cls == "orphan-quote-at-paragraph-end":
        assert changed in (" “", ' "')
        return before + after
    if cls == "quote-left-open":
        assert changed == "" and before[-1] in ".?!"
        mark = "”" if "“" in before[before.rfind("\n") + 1:] else '"'
        return before + mark + after
    if cls == "stray-stop":
        assert changed == "." and re.match(r" [a-z]", after)
        return before + after
    if cls == "doubled-stop":
        return before + "." + after if changed in ("..", ". .", " ..") else before + after
    if cls == "doubled-determiner":
        assert changed == "the "
        return before + after
    if cls == "bracketed-ellipsis-glued":
        return before + " " + after
    if cls == "junk-line":
        assert changed in ("\n–", "\n—", "\n•", "\n|")
        return before + after
    if cls == "missing-space-after-comma":
        return before + " " + after
    if cls == "missing-space-after-stop":
        return before + " " + after
    if cls in ("doubled-word-sentence-start", "doubled-word"):
        word = changed.strip()
        assert re.match(rf"(?i)\b{word}\b", after.lstrip() if changed.endswith(" ") else
                        before[-len(word):])
        return before + after
    if cls in ("doubled-comma", "space-before-comma-glued"):
        return before + ", " + after
    if cls == "mojibake":
        raw = bytes(ord(ch) if ord(ch) < 0x100 and not ch.isprintable() else ch.encode("cp1252")[0]
                    for ch in changed)
        return before + raw.decode("utf-8") + after
    if cls == "truncated-mojibake-quote":
        assert changed == "â€"
        return before + "”" + after
    if cls == "scraper-line":
        line = changed.rstrip("\n")
        assert any(re.fullmatch(re.escape(known).replace(r"\{\}", ".+"), line)
                   for known in SCRAPER_LINES)
        return before + after
    if cls == "duplicated-name":
        half = changed[:len(changed) // 2]
        assert changed == f"{half} {half}"
        return before + half + after
    if cls == "pronoun-for-country":
        return before + {"she": "it", "her": "its", "herself": "itself"}[changed] + after
    if cls == "space-inside-brackets":
        assert changed.startswith("(") and changed.endswith(")")
        return before + "(" + changed[1:-1].strip(" ") + ")" + after
    if cls == "doubled-straight-quotes":
        assert changed.startswith('""') and changed.endswith('""')
        return before + changed[1:-1] + after
    raise AssertionError(f"no undo for {cls}")


UNDOABLE = [cls for cls in CLASSES if not cls.startswith(("misspelt", "name-two", "repeated"))]


@pytest.mark.parametrize("cls", UNDOABLE)
def test_undoing_the_one_change_restores_the_original(cls):
    for text in TEXTS.values():
        for seed in range(12):
            injection = inject(text, cls, random.Random(seed))
            if injection is not None:
                assert undo(cls, injection) == text, injection.note


@pytest.mark.parametrize("cls", ["misspelt-name", "misspelt-one-word-name", "name-two-spellings"])
def test_a_misspelt_name_is_one_mention_of_a_name_the_article_spells_right(cls):
    for text in (CURLY, paragraphs(CURLY)):
        for seed in range(12):
            injection = inject(text, cls, random.Random(seed))
            right = original_of(injection, text)
            wrong = injection.text[injection.start:injection.end]
            assert right[0].isupper() and wrong[0] == right[0] and wrong != right
            assert text.count(right) >= (3 if cls == "name-two-spellings" else 2)
            assert wrong not in text
            assert injection.text.count(wrong) == 1


def test_one_word_names_are_never_part_of_a_longer_name():
    for seed in range(20):
        injection = inject(CURLY, "misspelt-one-word-name", random.Random(seed))
        assert original_of(injection, CURLY) == "Valdora"
    for seed in range(20):
        injection = inject(CURLY, "misspelt-name", random.Random(seed))
        assert original_of(injection, CURLY) in ("Tomas", "Verhoeven", "Marquardt")


def test_repeated_subject_uses_the_name_as_the_article_calls_it():
    injection = inject(CURLY, "repeated-subject", random.Random(0))
    assert "expects Tomas Verhoeven to support Verhoeven in the vote" in injection.text
    text = "Zhou Wen spoke first.\nThe envoy wants Zhou Wen to back him.\nZhou said little.\n"
    assert "to back Zhou." in inject(text, "repeated-subject", random.Random(0)).text


def test_pronoun_for_country_only_with_the_country_as_subject():
    injection = inject(CURLY, "pronoun-for-country", random.Random(0))
    assert "Poland has said she will defend its fishing" in injection.text or \
        "Poland has said it will defend her fishing" in injection.text
    # another capitalised name between the country and the pronoun: no place
    text = "Poland signed the deal with Norway and its partners.\n"
    assert inject(text, "pronoun-for-country", random.Random(0)) is None


def test_quote_classes_use_the_texts_own_marks():
    assert inject(STRAIGHT, "orphan-quote-at-paragraph-end", random.Random(0)).text.count('"') \
        == STRAIGHT.count('"') + 1
    assert "“" in inject(CURLY, "orphan-quote-at-paragraph-end", random.Random(0)).note
    injection = inject(STRAIGHT, "mismatched-quote-pair", random.Random(0))
    assert injection.text[injection.start:injection.end] == "'"
    injection = inject(CURLY, "mismatched-quote-pair", random.Random(0))
    assert injection.text[injection.start:injection.end] == "’"


def test_mojibake_reads_utf8_bytes_as_windows_1252():
    assert damage._mojibake("’") == "â€™"
    assert damage._mojibake("é") == "Ã©"
    assert damage._mojibake("”") == "â€\x9d"  # 0x9d is undefined in cp1252: its C1 control
    injection = inject("Grand café “Ode”.\n", "truncated-mojibake-quote", random.Random(0))
    assert injection.text == "Grand café “Odeâ€.\n"


def test_variants_vary():
    notes = {inject(CURLY, "doubled-comma", random.Random(seed)).text[:400]
             for seed in range(40)}
    forms = {form for form in (", ,", ",, ", ", , ") if any(form in note for note in notes)}
    assert len(forms) == 3
    lines = {inject(CURLY, "scraper-line", random.Random(seed)).note for seed in range(40)}
    assert len(lines) > 10


def test_paragraph_layout():
    text = paragraphs(CURLY)
    injection = inject(text, "missing-space-after-stop", random.Random(0))
    assert injection is not None and injection.start == injection.end
    injection = inject(text, "scraper-line", random.Random(0))
    assert injection.text[injection.start:injection.end].endswith("\n\n")
    injection = inject(text, "junk-line", random.Random(0))
    assert injection.text[injection.start:injection.end + 2] in ("\n–\n\n", "\n—\n\n", "\n•\n\n",
                                                                 "\n|\n\n", "\n–\n", "\n—\n",
                                                                 "\n•\n", "\n|\n")


def test_command_line(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(CURLY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STRAIGHT, encoding="utf-8")
    assert damage.main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^doubled-word\s+2/2$", out, re.M)
    assert re.search(r"^bracketed-ellipsis-glued\s+1/2$", out, re.M)
    assert damage.main([str(tmp_path), "--seed", "5", "--show", "stray-stop"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("stray-stop") and "a.txt: " in out and "b.txt: " in out


def test_single_curly_quotes_inside_double_ones():
    text = "Critics called it “a ‘quiet’ surrender” on Monday.\n"
    found = {inject(text, "straight-closing-curly", random.Random(seed)).text for seed in range(20)}
    assert found == {"Critics called it “a ‘quiet' surrender” on Monday.\n",
                     "Critics called it “a ‘quiet’ surrender\" on Monday.\n"}
    # an apostrophe is no closing mark
    assert inject("The mayor’s plan.\n", "straight-closing-curly", random.Random(0)) is None
