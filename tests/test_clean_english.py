"""Correct English must come out of the punctuation stage untouched.

``data/clean_english`` holds short human-style news articles (straight and curly
quotes, a multi-paragraph quotation, dialogue, abbreviations, figures, dates,
possessives, markdown, hard-wrapped text); ``../shared/gold`` holds the seed
articles as a careful post-editor left them. Every edit on them is a false alarm.
"""

import json
from pathlib import Path

import pytest

import pipeline.stages.punctuation  # noqa: F401  (registers the rules)
from pipeline.stages import RuleStage

STAGE = RuleStage("punctuation")
CLEAN_DIR = Path(__file__).parent / "data" / "clean_english"
CLEAN = sorted(p for p in CLEAN_DIR.iterdir() if p.suffix in (".txt", ".md"))
GOLD_DIR = Path(__file__).parents[2] / "shared" / "gold"
GOLD = sorted(GOLD_DIR.glob("*.txt")) if GOLD_DIR.is_dir() else []


def false_alarms(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [
        f"{e.rule}: {text[max(0, e.start - 20) : e.end + 20]!r} -> {e.replacement!r}" for e in STAGE(text)
    ]


def test_there_are_enough_clean_articles():
    assert len(CLEAN) >= 6


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_article_gets_no_punctuation_edits(path):
    assert false_alarms(path) == []


@pytest.mark.parametrize("path", GOLD or [None], ids=lambda p: p.name if p else "absent")
def test_gold_post_edit_gets_no_punctuation_edits(path):
    if path is None:
        pytest.skip("../shared/gold is absent")
    assert false_alarms(path) == []


def test_the_whole_pipeline_leaves_clean_news_untouched_and_unflagged(run_cli, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for source in [*CLEAN, *sorted((CLEAN_DIR.parent / "clean_news").iterdir()), *GOLD]:
        (raw / source.name).write_bytes(source.read_bytes())
    result = run_cli(raw, tmp_path / "out")
    assert result.exit_code == 0
    for edit_file in (tmp_path / "out").glob("*.edits.json"):
        data = json.loads(edit_file.read_text(encoding="utf-8"))
        assert (data["edits"], data["flags"]) == ([], []), edit_file.name
