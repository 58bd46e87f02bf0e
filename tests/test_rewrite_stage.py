"""The rewrite stage: flagged sentences, one model batch per article, guarded `review` edits."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

import pytest

from pipeline.core.edits import Edit, apply, validate
from pipeline.engine.assembly import Pipeline, propose
from pipeline.stages.rewrite.model import Rewriter
from pipeline.stages import RuleStage
from pipeline.stages.rewrite.stage import RULE, RewriteStage

from .conftest import SHARED
from .tiny_model import tiny_model_folder


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    """A tiny random-weight T5 checkpoint folder (built once per session; skipped without torch)."""
    return tiny_model_folder(tmp_path_factory)


TEXT = (
    "Li Zhanshu’s remarks were widely reported.\n"
    "Russia did what she had to do to protect itself. Markets were calm.\n"
    "The article noted that these two Countries have made progress.\n"
)


class FakeRewriter:
    """A rewriter with a fixed answer per sentence, recording each batch it is sent."""

    name = "fake-model"

    def __init__(self, answer: Callable[[str], str]) -> None:
        self.answer = answer
        self.batches: list[list[str]] = []

    def rewrite(self, sentences: Sequence[str]) -> list[str]:
        self.batches.append(list(sentences))
        return [self.answer(s) for s in sentences]


def grammar_fixer(sentence: str) -> str:
    return sentence.replace("what she had", "what it had").replace("two Countries", "two countries")


def test_the_stage_is_named_rewrite():
    assert RewriteStage(None, 0.75).name == "rewrite"


def test_without_a_rewriter_the_stage_proposes_no_edits():
    assert RewriteStage(None, 0.75)(TEXT) == []


def test_without_a_rewriter_the_flags_still_list_the_flagged_sentences():
    flags = RewriteStage(None, 0.75).flags(TEXT)
    assert [TEXT[f["start"] : f["end"]] for f in flags] == [
        "Russia did what she had to do to protect itself.",
        "The article noted that these two Countries have made progress.",
    ]
    assert set(flags[0]) == {"start", "end", "score", "reasons"}


def test_a_rewrite_that_passes_the_guards_becomes_a_review_edit():
    edits = RewriteStage(FakeRewriter(grammar_fixer), 0.75)(TEXT)
    assert [e.replacement for e in edits] == [
        "Russia did what it had to do to protect itself.",
        "The article noted that these two countries have made progress.",
    ]
    assert {(e.rule, e.stage, e.risk) for e in edits} == {(RULE, "rewrite", "review")}


def test_the_edit_reason_names_the_signals_and_the_model():
    (edit, _) = RewriteStage(FakeRewriter(grammar_fixer), 0.75)(TEXT)
    assert edit.reason.startswith("flagged: `she` refers to a country")
    assert edit.reason.endswith("; model fake-model")


def test_a_rewrite_that_drops_a_name_is_rejected_by_the_guard():
    stage = RewriteStage(FakeRewriter(lambda s: s.replace("Russia did what she", "It did what it")), 0.75)
    assert all("Russia" not in TEXT[e.start : e.end] for e in stage(TEXT))
    flag = stage.flags(TEXT)[0]
    assert flag["rewrite"].startswith("It did what it") and flag["dropped"] == "name lost or changed: Russia"


def test_a_kept_rewrite_is_listed_in_the_flags_with_no_drop_reason():
    flag = RewriteStage(FakeRewriter(grammar_fixer), 0.75).flags(TEXT)[0]
    assert flag["rewrite"] == "Russia did what it had to do to protect itself." and flag["dropped"] is None


def test_the_flagged_sentences_of_an_article_go_to_the_model_in_one_batch():
    rewriter = FakeRewriter(grammar_fixer)
    RewriteStage(rewriter, 0.75)(TEXT)
    assert len(rewriter.batches) == 1 and len(rewriter.batches[0]) == 2


def test_an_article_with_nothing_flagged_never_calls_the_model():
    rewriter = FakeRewriter(grammar_fixer)
    assert RewriteStage(rewriter, 0.75)("Prices rose. Markets fell.\n") == []
    assert rewriter.batches == []


def test_a_higher_threshold_sends_fewer_sentences():
    assert RewriteStage(None, 5.0).flags(TEXT) == []


def test_rewrite_edits_fold_into_a_proposal_over_the_raw_text():
    raw = "\ufeff" + TEXT.replace("\n", "\r\n")
    edits, _ = propose(raw, Pipeline((RuleStage("punctuation"),), RewriteStage(FakeRewriter(grammar_fixer), 0.75)))
    validate(raw, edits)
    assert "Russia did what it had to do to protect itself. Markets were calm.\r\n" in apply(raw, edits)


def test_the_stage_runs_end_to_end_with_the_tiny_model(tiny_model, tmp_path):
    rewriter = Rewriter.load(tiny_model, cache_dir=tmp_path / "cache")
    stage = RewriteStage(rewriter, 0.75)
    raw = (SHARED / "seeds" / "001_e9bec2b34587e159.txt").read_text(encoding="utf-8") if SHARED.exists() else TEXT
    edits, _ = propose(raw, Pipeline((RuleStage("punctuation"),), stage))
    validate(raw, edits)
    flags = stage.flags(raw)
    assert flags and all("rewrite" in f and "dropped" in f for f in flags)
    # a random-weight model's noise never gets past the guards
    assert all(f["dropped"] for f in flags)
    assert not [e for e in edits if RULE in e.rules]


def test_a_second_run_of_the_stage_answers_from_the_cache(tiny_model, tmp_path):
    rewriter = Rewriter.load(tiny_model, cache_dir=tmp_path / "cache")
    stage = RewriteStage(rewriter, 0.75)
    stage.flags(TEXT)
    generated = rewriter.generated
    stage(TEXT)
    assert generated == 2 and rewriter.generated == 2


def test_flags_are_located_on_the_raw_text_after_earlier_stages():
    raw = "\ufeff" + TEXT.replace("\n", "\r\n")
    earlier = (RuleStage("punctuation"),)
    edits, flags = propose(raw, Pipeline(earlier, RewriteStage(None, 0.75)))
    assert edits == propose(raw, Pipeline(earlier, None))[0]
    assert [raw[f["start"] : f["end"]] for f in flags] == [
        "Russia did what she had to do to protect itself.",
        "The article noted that these two Countries have made progress.",
    ]


def test_a_flag_over_text_an_earlier_stage_changed_covers_the_raw_span():
    raw = "Markets were calm.\nRussia did what she had to do to protect itself . Markets fell.\n"

    def drop_space_before_stop(text: str) -> list[Edit]:
        at = text.index(" .")
        return [Edit(at, at + 1, "", "drop-space", "test", "space before a full stop", "safe")]

    _, flags = propose(raw, Pipeline((drop_space_before_stop,), RewriteStage(None, 0.75)))
    assert [raw[f["start"] : f["end"]] for f in flags] == ["Russia did what she had to do to protect itself ."]


def test_rewrite_edits_and_flags_come_back_together_over_the_raw_text():
    raw = TEXT.replace("\n", "\r\n")
    edits, flags = propose(raw, Pipeline((), RewriteStage(FakeRewriter(grammar_fixer), 0.75)))
    assert [raw[e.start : e.end] for e in edits] == [raw[f["start"] : f["end"]] for f in flags]
    assert all(f["dropped"] is None for f in flags)
