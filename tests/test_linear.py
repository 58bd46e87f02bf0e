"""Cost linear in the size of one article: each stage, as ``pipeline.engine.assembly`` builds
it, and the whole of ``propose``, on one long article at two sizes.

A step whose cost grows as the square of the article (one scan of the whole article per word,
per name, per sentence) takes 16x as long on 4x the text; a linear one about 4x. The bound
leaves room for the noise of a shared machine (best of 3, the two sizes interleaved, garbage
collection off: ``cpu_growth``), and the smaller input is large enough (200 KB) for a square to
show. Also here: ``indented_json`` writes the edit files as ``json.dumps`` would, whole or in pieces.
"""

from __future__ import annotations

import gc
import json
import math
import time
from pathlib import Path

import pytest

from pipeline.core.text import StageView
from pipeline.engine.assembly import Pipeline, propose, rule_stages
from pipeline.stages.rewrite.stage import RewriteStage
from pipeline.store.json_text import indented_json, indented_json_chunks
from pipeline.tables.loading import default_table

SEEDS = Path(__file__).resolve().parents[1] / "raw"
SMALL, GROWTH, BOUND = 200_000, 4, 6.0  # 4x the text; a square would give 16x


def long_article(size: int) -> str:
    """About ``size`` characters: the seed articles' paragraphs over and over, each numbered so
    that no two are the same text (caches of paragraphs must not make the long one cheap)."""
    paragraphs = [
        p.strip() for path in sorted(SEEDS.glob("*.txt")) for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()
    ]
    out, total, n = [], 0, 0
    while total < size:
        paragraph = f"Part {n}: {paragraphs[n % len(paragraphs)]}"
        out.append(paragraph)
        total += len(paragraph) + 2
        n += 1
    return "\n\n".join(out) + "\n"


def forget_caches() -> None:
    """The pipeline's in-process caches emptied: every try starts cold."""
    from pipeline.core import text
    from pipeline.stages.names import runs
    from pipeline.stages.punctuation import quotes

    quotes._SEEN.clear()
    quotes.scan.cache_clear()
    runs.NAME_RUNS.clear()
    text.paragraph_spans.cache_clear()


def _steps() -> dict[str, object]:
    steps: dict[str, object] = {getattr(s, "name", str(s)): s for s in rule_stages(default_table())}
    steps["rewrite (detector)"] = RewriteStage()
    return steps


@pytest.fixture(scope="module")
def texts() -> tuple[str, str]:
    small, large = long_article(SMALL), long_article(GROWTH * SMALL)
    return StageView.of(small)[0], StageView.of(large)[0]


def cpu_growth(run, small: str, large: str, repeats: int = 3) -> tuple[float, float, float]:
    """(large / small, small, large): the CPU time of ``run`` on each text, best of ``repeats``,
    the two interleaved, caches emptied and garbage collection off for each try. CPU time, not
    wall time: other work on a shared machine lengthens the wall clock, hardly this."""
    best = [math.inf, math.inf]
    for _ in range(repeats):
        for i, text in enumerate((small, large)):
            forget_caches()
            enabled = gc.isenabled()
            gc.disable()
            try:
                started = time.process_time()
                run(text)
                best[i] = min(best[i], time.process_time() - started)
            finally:
                if enabled:
                    gc.enable()
    return best[1] / best[0], best[0], best[1]


def _assert_linear(name: str, run, small: str, large: str) -> None:
    ratio, took_small, took_large = cpu_growth(run, small, large)
    assert ratio < BOUND, (
        f"{name}: {GROWTH}x the article took {ratio:.1f}x as long ({took_small:.3f} s, {took_large:.3f} s): "
        f"a step grows faster than the article"
    )


@pytest.mark.parametrize("stage", list(_steps()))
def test_each_stage_is_linear_in_the_article(stage, texts):
    step = _steps()[stage]
    _assert_linear(stage, step, *texts)


def test_propose_is_linear_in_the_article(texts):
    pipeline = Pipeline()
    _assert_linear("propose", lambda text: propose(text, pipeline), *texts)


def test_indented_json_writes_what_json_dumps_writes():
    edit = {"id": 1, "line": 4, "original": '"', "start": 9, "end": 10, "replacement": "”", "rule": "r",
            "reason": "a “quote”\n\u2028\x00\\", "risk": "safe", "status": "pending", "key": "84b6b8b1"}
    values = [
        {"format": 1, "raw": {"path": "/r/é.txt", "encoding": "utf-8"}, "edits": [edit, dict(edit, id=2)], "flags": []},
        {"a": [1.5, math.nan, math.inf, -math.inf, True, False, None, -0.0, 10**30, 1e300], "b": {}, "c": []},
        {"d": [[[]], {"x": {}}, [1, [2, {"y": [None]}]]], "e": (1, 2), "f": {"n": math.nan, "t": True, "s": "\ud800"}},
        {1: 2, "mixed": {3: "key not a string"}},
        [], {}, "plain", 3, None,
    ]
    for value in values:
        assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=1)


def test_indented_json_written_in_pieces_is_the_text_written_whole():
    edit = {"id": 1, "line": 4, "original": '"', "start": 9, "end": 10, "replacement": "”", "rule": "r",
            "reason": "a “quote”\n\u2028\x00\\", "risk": "safe", "status": "pending", "key": "84b6b8b1"}
    values = [
        {"format": 1, "raw": {"path": "/r/é.txt"}, "edits": [dict(edit, id=i) for i in range(50)], "flags": [], "m": {"t": None}},
        {"a": [[1, {"b": []}], {}], "e": [], "f": {"n": math.nan, 3: "key not a string"}, "g": [{"x": {1: 2}}]},
        {},
    ]
    for value in values:
        lazy = {key: iter(item) if isinstance(item, list) else item for key, item in value.items()}
        pieces = list(indented_json_chunks(lazy, every=7))
        assert "".join(pieces) == json.dumps(value, ensure_ascii=False, indent=1) + "\n"
    assert len(pieces) > 2 or not value


def test_an_edit_file_saved_in_pieces_is_the_file_written_whole(tmp_path):
    from pipeline.inputs.article import read_article
    from pipeline.store.proposals import new_proposal

    path = tmp_path / "a.txt"
    path.write_text(long_article(60_000), encoding="utf-8")
    article = read_article(path, "a.txt")
    edits, flags = propose(article.text)
    proposal = new_proposal(article, path, edits, {"pipeline": "x"}, flags)
    assert len(proposal.edits) > 100 and proposal.flags
    whole = indented_json(proposal.to_json(article.text)) + "\n"
    assert b"".join(proposal.json_chunks(article.text)) == whole.encode("utf-8")


def test_word_counts_of_a_long_article_answer_as_str_find_does(monkeypatch):
    """The detector's look-ups of words in the article: from ``str.find`` (a short article) and
    from the words counted once (a long one, after many look-ups) the same answers."""
    from pipeline.stages.rewrite.detector import WORD, capital_signals

    text = long_article(20_000) + " co-op Co-op O’Brien o’brien x-ray X_ray _Ray ray- -ray Ǆa ǅa İstanbul \u212aelvin 1st"
    words = set(WORD.findall(text))
    queries = sorted(words | {w.lower() for w in words} | {w[1:] for w in words if len(w) > 1} | {"ray", "Ray", "op"})

    def answers() -> list[tuple[int, bool]]:
        capital_signals.forget_document()
        found = [
            (capital_signals._word_count(text, q, 2) if WORD.fullmatch(q) else None, capital_signals.written_in_lower_case(text, q))
            for q in queries
        ]  # _word_count is asked of whole words only
        capital_signals.forget_document()
        return found

    monkeypatch.setattr(capital_signals, "_COUNT_AFTER", 10**9)  # str.find throughout
    by_find = answers()
    monkeypatch.setattr(capital_signals, "_COUNT_AFTER", 0)  # counted from the first look-up
    assert answers() == by_find
