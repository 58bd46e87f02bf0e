"""The shortcuts taken for speed give exactly what the plain computation gives.

Each test compares a fast path with the slow computation it replaces, on the seeds, the
clean-news texts and randomly damaged copies of them (fixed random seeds).
"""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from pipeline.core.strings import distance
from pipeline.stages.names.index import BUCKET_LIMIT, NameIndex
from pipeline.stages.names.runs import NAME_RUNS, _scan, derive_name_runs, name_runs, one_word_runs
from pipeline.stages.names.spelling import spelling_candidates
from pipeline.stages.names.words import RUN, UPPER, WORD
from pipeline.core.text import line_starts, paragraph_spans
from pipeline.core.edits import Edit, apply, compose, moved
from pipeline.core.rules import MAX_ROUNDS, PARAGRAPH, RULES, rules_of, run_steps, run_to_fixpoint
from pipeline.stages.rewrite import detector
from pipeline.core.sentences import sentence_spans
from pipeline.stages.punctuation import doubled_words, ellipsis, spacing, stops

from .conftest import ROOT, SHARED

PIECES = [
    " ", "  ", "\n", ".", " .", ". .", ",", " ,", "“", "”", "‘", "’", "'", '"', " “.", "the the", "the its",
    "Moscow", "The United States", " Xi", "Xi Jinping", "-", "O’Brien", "Le Monde Le Monde", "Tmur Umarov",
    "you", "been", "nor", "not never", "anti-West.", "Country", "NATO Russia", "she", "Her", "Monday in",
    "with Russia.", "Iran and China are", "more open than China against", "…", "ǅa", "K", "\t", "U.S.", "Mr.",
]


def texts() -> list[str]:
    paths = sorted(SHARED.glob("seeds/*.txt")) + sorted((ROOT / "tests" / "data" / "clean_news").glob("*.txt"))
    found = [p.read_text(encoding="utf-8") for p in paths]
    if not found:
        pytest.skip("no seeds or clean-news texts beside this checkout")
    return found


def damaged(rng: random.Random, text: str) -> str:
    chars = list(text[: rng.randint(200, 4000)])
    for _ in range(rng.randint(1, 30)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(PIECES))
    return "".join(chars)


def random_edits(rng: random.Random, text: str) -> list[Edit]:
    points = sorted(rng.randint(0, len(text)) for _ in range(2 * rng.randint(1, 5)))
    edits, last = [], -1
    for a, b in zip(points[::2], points[1::2]):
        if a >= last:
            b = min(b, a + rng.randint(0, 10))
            edits.append(Edit(a, b, rng.choice(PIECES + [""]), "r", "s", "why"))
            last = b
    return edits


def test_name_runs_derived_through_edits_equal_a_fresh_scan():
    rng = random.Random(7)
    corpus = texts()
    for _ in range(400):
        NAME_RUNS.clear()
        text = damaged(rng, rng.choice(corpus))
        name_runs(text)
        for _ in range(rng.randint(1, 3)):  # a chain of steps, derived one from the other
            edits = random_edits(rng, text)
            after = apply(text, edits)
            derive_name_runs(text, edits, after)
            text = after
        assert name_runs(text) == _scan(text).result


def _flag_every_sentence(text: str, threshold: float) -> list[detector.Flag]:
    """flag_sentences as it was before hints: every signal asked on every sentence."""
    spans = sentence_spans(text)
    flags: list[detector.Flag] = []
    for i, (start, end) in enumerate(spans):
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        same_paragraph = nxt is not None and "\n" not in text[end : nxt[0]]
        sentence = detector.Sentence(text[start:end], start, end, text, text[nxt[0] : nxt[1]] if same_paragraph else "")
        score, reasons, joins = detector.score_sentence(sentence)
        if score <= threshold:
            continue
        if joins and same_paragraph:
            end = nxt[1]
        if flags and flags[-1].end > start:
            last = flags[-1]
            flags[-1] = detector.Flag(last.start, max(last.end, end), last.score + score, last.reasons + reasons)
        else:
            flags.append(detector.Flag(start, end, score, reasons))
    return flags


def test_hints_never_hide_a_flag():
    rng = random.Random(11)
    corpus = texts()
    cases = corpus + [damaged(rng, rng.choice(corpus)) for _ in range(150)]
    for text in cases:
        for threshold in (0.75, 0.25, 1.5):
            assert detector.flag_sentences(text, threshold) == _flag_every_sentence(text, threshold)


def test_space_before_punctuation_found_from_the_mark_as_from_the_spaces():
    import re

    from_the_spaces = re.compile(r"[^\S\n]+(?=[,;:](?:\s|\Z)|\.(?! \.)(?:\s|\Z))")
    rng = random.Random(3)
    corpus = texts()
    for text in corpus + [damaged(rng, rng.choice(corpus)) for _ in range(300)] + ["", " .", "  ,x", " \n .", "x \t.\n"]:
        fast = []
        for match in spacing._PUNCTUATION_AFTER_SPACE.finditer(text):
            start = match.start()
            while start and text[start - 1] in spacing._SPACE_NOT_BREAK:
                start -= 1
            fast.append((start, match.start()))
        assert fast == [m.span() for m in from_the_spaces.finditer(text)]


def _osa(a: str, b: str) -> int:
    rows = [[max(i, j) if not (i and j) else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[-1][-1]


def test_distance_shortcut_keeps_the_distance():
    rng = random.Random(5)
    letters = "aeiouTmrnslkéü"
    for _ in range(3000):
        a = "".join(rng.choice(letters) for _ in range(rng.randint(0, 8)))
        b = "".join(rng.choice(letters) for _ in range(rng.randint(0, 8)))
        if rng.random() < 0.5:  # a near spelling
            b = a[: len(a) // 2] + rng.choice(letters) + a[len(a) // 2 + 1 :]
        for limit in (1, 2):
            assert distance(a, b, limit) == min(_osa(a, b), limit + 1)


def test_compose_without_merges_equals_the_general_path():
    rng = random.Random(9)
    text = texts()[0]
    for _ in range(300):
        base = random_edits(rng, text)
        middle = apply(text, base)
        later = random_edits(rng, middle)
        composed = compose(text, base, later)
        assert apply(text, composed) == apply(middle, later)
        assert compose(text, base, later, middle) == composed


def test_candidates_of_the_index_are_spelling_candidates():
    index = NameIndex.from_texts(texts())
    for context, bucket in list(index.contexts.items())[:300]:
        for token in list(bucket)[:20] + ["Tmur", "Temur", "Umarov", "Xi"]:
            expected = list(spelling_candidates(token, bucket)) if len(bucket) <= BUCKET_LIMIT else []
            assert index.candidates(token, context) == expected


def test_counting_an_article_counts_its_multi_word_name_runs():
    """The index's search for runs of two words or more finds, in the same order, the
    ``name_runs`` of two words or more."""
    rng = random.Random(13)
    corpus = texts()
    for text in corpus + [damaged(rng, rng.choice(corpus)) for _ in range(100)] + [
        _names_damaged(rng, corpus) for _ in range(300)
    ]:
        index = NameIndex()
        index.add(text)
        NAME_RUNS.clear()
        runs = Counter(tuple(token.text for token in run) for run in name_runs(text) if len(run) > 1)
        assert index.names == runs and list(index.names) == list(runs), text
        assert index.articles == 1


def _rounds_over_the_whole_text(text: str, steps) -> list[Edit]:
    """run_to_fixpoint as it would be with every round reading the whole text."""
    edits = run_steps(text, steps)
    current, new = text, edits
    for _ in range(MAX_ROUNDS - 1):
        if not new:
            break
        current = apply(current, new)
        new = run_steps(current, steps)
        if new:
            edits = compose(text, edits, new, current)
    return edits


def test_later_rounds_over_the_changed_paragraphs_equal_rounds_over_the_whole_text():
    rng = random.Random(11)
    corpus = texts()
    steps = rules_of("punctuation")
    for _ in range(400):
        text = damaged(rng, rng.choice(corpus))
        assert run_to_fixpoint(text, steps) == _rounds_over_the_whole_text(text, steps), text


def test_a_paragraph_scope_rule_finds_in_each_paragraph_what_it_finds_there_alone():
    """What lets a later round read a changed paragraph alone, for these rules."""
    rng = random.Random(31)
    corpus = texts()
    scoped = [r for r in RULES.values() if r.scope == PARAGRAPH]
    assert len(scoped) >= 9
    for _ in range(300):
        text = damaged(rng, rng.choice(corpus))
        for scoped_rule in scoped:
            alone = [
                moved(edit, edit.start + start, edit.end + start)
                for start, end in paragraph_spans(text)
                for edit in scoped_rule(text[start:end])
            ]
            assert scoped_rule(text) == alone, (scoped_rule.id, text)


def test_a_step_that_reaches_past_its_paragraph_is_read_again_over_the_whole_text():
    """A step declared PARAGRAPH scope whose edit runs into the next paragraph breaks its
    declaration: its later rounds then read the whole text, as they would without it."""
    from pipeline.core.edits import Fix
    from pipeline.core.rules import Rule

    def join_short_lines(text: str):  # "a.\nb" -> "a. b" where the line before is short
        at = text.find(".\n")
        while at != -1:
            if at - text.rfind("\n", 0, at) < 12:
                yield Fix(at + 1, at + 2, " ", "join")
            at = text.find(".\n", at + 1)

    def double_dot(text: str):  # the change the first step makes work for, in round 1
        at = text.find("..")
        if at != -1:
            yield Fix(at, at + 2, ".\n", "break")

    steps = [Rule("join", "s", "safe", join_short_lines, PARAGRAPH), Rule("break", "s", "safe", double_dot, PARAGRAPH)]
    text = "A long first paragraph of text here.\nShort one..\nNext.\nAnother long paragraph of text.\nEnd.\n"
    assert run_to_fixpoint(text, steps) == _rounds_over_the_whole_text(text, steps)


def test_a_quotes_scope_step_reads_again_only_where_a_change_may_move_a_quotation():
    """A change in a paragraph without a quote mark, adding or removing no mark and no line
    break, changes nothing a QUOTES rule decides: it is not asked again."""
    from pipeline.core.edits import Fix
    from pipeline.core.rules import QUOTES, Rule

    read: list[str] = []

    def watch_quotes(text: str):
        read.append(text)
        return iter(())

    def drop_doubled_x(text: str):
        at = text.find("x x")
        if at != -1:
            yield Fix(at, at + 2, "", "doubled")

    steps = [Rule("quotes", "s", "safe", watch_quotes, QUOTES), Rule("x", "s", "safe", drop_doubled_x, PARAGRAPH)]
    plain = "He said “yes”.\nOne.\nTwo x x three.\nFour.\nFive.\n"
    run_to_fixpoint(plain, steps)
    assert len(read) == 1  # round 1 only
    read.clear()
    quoted = "He said “yes”.\nOne.\nTwo “x x” three.\nFour.\nFive.\n"
    run_to_fixpoint(quoted, steps)
    assert len(read) == 2  # the changed paragraph holds a mark: read again


def test_a_rule_of_unknown_scope_is_refused():
    from pipeline.core.rules import rule

    with pytest.raises(ValueError, match="unknown scope"):
        rule("no-such-rule", stage="s", risk="safe", scope="sentence")


def test_punctuation_stage_shortcuts_equal_the_plain_searches():
    """drop-space-before-punctuation's one-class regex, the bracketed-ellipsis pre-check and
    drop-stray-full-stop's token search from the last space give what the plain forms give."""
    import re

    plain_after_space = re.compile(r"(?:[,;:]|\.(?! \.))(?<=[^\S\n].)(?=\s|\Z)")
    rng = random.Random(29)
    corpus = texts()
    extra = [" … ", "West[…] a", "x (...) y", "a(…)", "[...]", "a . . b", "a .. b", "x\u00a0. y", "1 , 2", "a .\n"]
    for _ in range(300):
        text = damaged(rng, rng.choice(corpus)) + rng.choice(extra) + damaged(rng, rng.choice(extra))
        fast = [m.span() for m in spacing._PUNCTUATION_AFTER_SPACE.finditer(text)]
        assert fast == [m.span() for m in plain_after_space.finditer(text)]
        ellipses = [
            m.start() for m in ellipsis._BRACKETED_ELLIPSIS.finditer(text) if m.start() and text[m.start() - 1].isalnum()
        ]
        assert [fix.start for fix in ellipsis.add_space_before_bracketed_ellipsis(text)] == ellipses
        for stop in range(len(text)):
            if text[stop] != "." and rng.random() > 0.05:
                continue
            line_start = text.rfind("\n", 0, stop) + 1
            plain = stops._TOKEN_BEFORE.search(text, max(line_start, stop - 60), stop)
            floor = max(line_start, stop - 60, text.rfind(" ", line_start, stop) + 1)
            fast = stops._TOKEN_BEFORE.search(text, floor, stop)
            assert (plain and (plain.span(), plain["word"])) == (fast and (fast.span(), fast["word"]))


def test_doubled_determiners_found_from_the_articles_equal_the_plain_search():
    """drop-doubled-determiner tries its regex only where an article comes before one of its
    second words: it finds every match ``finditer`` finds, overlaps (``a the the its``) included."""
    rng = random.Random(37)
    corpus = texts()
    extra = ["a the the its", "the the its", "an its", "banana its", "a that", "the this", "an the a the", "A the"]
    for _ in range(300):
        text = damaged(rng, rng.choice(corpus)) + " " + " ".join(rng.choices(extra, k=3))
        found = [m.span() for m in doubled_words._doubled_determiners(text)]
        assert found == [m.span() for m in doubled_words._DOUBLED_DETERMINER.finditer(text)], text


def test_detector_lower_case_look_up_equals_the_set_of_lower_case_words():
    """``_written_in_lower_case`` (``str.find`` and the characters around) answers as the set of
    the document's lower-case words does, for every word of the text and pieces of them."""
    rng = random.Random(23)
    corpus = texts()
    extra = ["-", "'", "’", "--", "'s", "ǅa", "İ", "\u212a", "Σ", "_", "1", "x"]
    for text in corpus[:10] + [damaged(rng, rng.choice(corpus)) for _ in range(80)]:
        chars = list(text)
        for _ in range(rng.randint(0, 40)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(extra))
        text = "".join(chars)
        words = set(detector._WORD.findall(text))
        queries = words | {w.lower() for w in words} | {w[1:] for w in words} | {w[:-1] for w in words} | {"", "a-"}
        lower_case = {w for w in words if w[:1].islower()}  # the plain form: every word, split out
        for word in queries:
            assert detector._written_in_lower_case(text, word) == (word in lower_case), word


# --- names, referents and encoding shortcuts ---------------------------------------


_NAMES_EXTRA = [
    " asks Xi Jinping to support Xi", " calls on  Putin to help Putin.", " expects\nLe Monde to back Le Monde",
    " urged O’Brien-Smith to  meet O’Brien", " relies on Merkel to   to", " asks The President to ask",
    " to ", " wants ", " asks", "Ünal Çelik", " ÉTAT ", "’s", " -Xi", "\u00a0", "Ça va", " ǅemal ",
    "Ã ", "cafÃ©", "donâ€™t", "вЂ™", "‚Äô", "\u0085", "Â\u00a0", " Lemaître.\n", "… She", "! “The", "?) He",
]


def _names_damaged(rng: random.Random, corpus: list[str]) -> str:
    text = damaged(rng, rng.choice(corpus))
    chars = list(text)
    for _ in range(rng.randint(1, 12)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(_NAMES_EXTRA))
    return "".join(chars)


def test_name_run_regex_with_ascii_letters_first_matches_the_plain_one():
    """``_RUN`` (ASCII lower-case letters tried first, possessive) takes what the plain
    greedy form over ``WORD`` takes; ``one_word_runs`` lists the one-word ``name_runs``."""
    import re

    plain = re.compile(rf"(?<![\w'’-]){WORD}(?: {WORD})*")
    rng = random.Random(41)
    corpus = texts()
    for _ in range(300):
        text = _names_damaged(rng, corpus)
        assert [m.span() for m in RUN.finditer(text)] == [m.span() for m in plain.finditer(text)]
        NAME_RUNS.clear()
        runs = name_runs(text)
        assert one_word_runs(text) == [(r[0].text, r[0].start) for r in runs if len(r) == 1]


def test_repeated_subject_places_find_what_the_regex_finds():
    """fix-repeated-subject tries its regex only after name runs followed by "to": it finds
    every match ``finditer`` finds."""
    from pipeline.stages import referents

    rng = random.Random(43)
    corpus = texts()
    found = 0
    for _ in range(600):
        NAME_RUNS.clear()
        text = _names_damaged(rng, corpus)
        expected = [m.span() + m.span("y") + m.span("again") for m in referents._REPEATED.finditer(text)]
        assert [m.span() + m.span("y") + m.span("again") for m in referents._repeated(text)] == expected, text
        found += len(expected)
    assert found > 50  # the texts do hold such phrases


def test_one_class_regexes_match_the_plain_alternations():
    """The pronouns of fix-pronoun-for-it-entity and the suspicious places of fix-mojibake
    (written to start with one character class) match the plain alternations."""
    import re

    from pipeline.stages import encoding, referents

    pronoun = re.compile(r"(?<![\w'’-])(?:[Ss]he|[Hh](?:erself|ers|er|e|imself|im|is))(?![\w'’-])")
    suspicious = re.compile(encoding.SUSPICIOUS_PLAIN)
    rng = random.Random(47)
    corpus = texts()
    alphabet = "aÃ ©â€™\u0080\u009f\u00c2\u00f4\u00bfвЂ‚Äx\n.!?…”’»)]\t“‘«(TtSsHheirmlf-'_1" + encoding._CP1252_HIGH
    samples = [_names_damaged(rng, corpus) for _ in range(200)]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(5000)]
    for text in samples:
        lines = line_starts(text)
        assert lines == [0] + [m.end() for m in re.finditer("\n", text)]
        assert [m.span() for m in encoding.SUSPICIOUS.finditer(text)] == [m.span() for m in suspicious.finditer(text)]
        assert [m.span() for m in referents._PRONOUN.finditer(text)] == [m.span() for m in pronoun.finditer(text)]


def test_rule_stage_bound_rules_kept_equal_those_bound_afresh(monkeypatch):
    """``RuleStage.rules`` binds once and keeps the rules: they equal a fresh binding, run to
    the same edits, follow a rule registered since, and do not travel to a worker."""
    import pickle

    from pipeline.core.rules import Rule
    from pipeline.engine.assembly import default_stages
    from pipeline.stages import READS_NAME_RUNS
    from pipeline.stages.names.runs import derive_name_runs

    def stage_hooks(stage):
        return (derive_name_runs,) if stage.name in READS_NAME_RUNS else ()

    text = "Russia did what she had to do. . The the government said “No .”\nTmur Umarov and Temur Umarov met.\n"
    for stage in default_stages():
        first = stage.rules()
        assert [(r.id, r.scope) for r in first] == [(r.id, r.scope) for r in stage._bind()]
        kept = stage.rules()
        assert all(a is b for a, b in zip(first, kept))  # kept, not bound again
        plain = run_to_fixpoint if stage.name not in ("names", "referents") else run_steps
        assert stage(text) == plain(text, list(stage._bind()), stage_hooks(stage))
        fresh = pickle.loads(pickle.dumps(stage))
        assert "_bound" not in fresh.__dict__ and fresh.name == stage.name
        assert fresh(text) == stage(text)
        monkeypatch.setitem(RULES, f"zz-{stage.name}", Rule(f"zz-{stage.name}", stage.name, "safe", lambda t: []))
        assert [r.id for r in stage.rules()][-1] == f"zz-{stage.name}"


def test_at_word_starts_finds_every_word_start_match() -> None:
    """``at_word_starts`` (a scan after spaces, then the letters after marks found once per
    text) finds every span where ``\\b(?:body)`` matches, on real and damaged text."""
    from pipeline.stages.rewrite.detector import hints, name_signals, phrasing_signals, punctuation_signals

    bodies = [
        punctuation_signals._DOUBLED_WORD_BODY,
        punctuation_signals._DOUBLED_DETERMINER_BODY,
        phrasing_signals._AGREEMENT_BODY,
        name_signals._FEMININE_BODY,
    ]
    rng = random.Random(17)
    samples = texts() + [damaged(rng, t) for t in texts() for _ in range(3)]
    samples += ["(he have it", "“they is", "\nshe", "she have", "x—the its", "ǅa the the", "İt have"]
    for body in bodies:
        fast = hints.at_word_starts((body,), re.IGNORECASE)
        plain = re.compile(rf"\b(?:{body})", re.IGNORECASE)
        for text in samples:
            assert {m.span() for m in plain.finditer(text)} <= set(fast(text)[0]), (body, text[:80])
