"""Helpers for the crash and concurrency tests: a corpus, `clean` in a real subprocess, and
the check that OUT is consistent with RAW."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

from pipeline.article import find_articles, read_article
from pipeline.diffs import unified_diff
from pipeline.edits import Edit, apply
from pipeline.store import STATE_DIR, _encode_diff, paths

ROOT = Path(__file__).resolve().parents[1]
CLEAN = [sys.executable, "-c", "from pipeline.cli import main; main()"]

PARAGRAPHS = [
    "Officials said the talks would go on. . The minister added: “we are close “.",
    "He wanted to protect the interests. through dialogue with the U.S. and No. 3 partners.",
    "“We will will continue,” said Dr. Smith, adding that the plan was “ambitious”.",
    "The company’s shares rose 5 % on Monday after it reported strong results .",
    "Analysts in Zürich expect the its rates to stay high until next year.",
    "President Xi Jinping met the envoy in Geneva on Tuesday, the ministry said.",
    "–",
]


def make_corpus(raw: Path, articles: int, paragraphs: int = 40, seed: int = 0) -> None:
    """``articles`` damaged news articles under ``raw`` (some in a sub-folder, some CRLF)."""
    rng = random.Random(seed)
    for n in range(articles):
        lines = [f"Article {n}, paragraph {i}: {rng.choice(PARAGRAPHS)}" for i in range(paragraphs)]
        newline = "\r\n" if n % 5 == 0 else "\n"
        folder = raw / "world" if n % 3 == 0 else raw
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"a{n:04d}.txt").write_bytes((newline.join(lines) + newline).encode("utf-8"))


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}


def start(*args: object, **kwargs) -> subprocess.Popen:
    """`clean ARGS` in a subprocess, in its own process group (so a test can kill all of it)."""
    return subprocess.Popen(
        [*CLEAN, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(),
        start_new_session=True,
        **kwargs,
    )


def clean(*args: object, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*CLEAN, *map(str, args)], capture_output=True, text=True, env=env(), timeout=timeout)


def edit_list(out: Path, rel: str) -> dict:
    return json.loads(paths(out, rel)[2].read_text(encoding="utf-8"))


def decisions(out: Path) -> dict[tuple[str, str], str]:
    """(article, edit key) -> status of every decided edit under OUT."""
    found = {}
    for edits_path in out.rglob("*.edits.json"):
        if STATE_DIR in edits_path.parts:
            continue
        data = json.loads(edits_path.read_text(encoding="utf-8"))
        for e in data["edits"]:
            if e["status"] != "pending":
                found[(data["article"], e["key"])] = e["status"]
    return found


def leftovers(out: Path) -> list[str]:
    """Temporary files and unfinished journal entries anywhere under OUT."""
    left = [p for p in out.rglob("*") if p.is_file() and (p.name.endswith(".tmp") or "journal" in p.parts)]
    return sorted(p.relative_to(out).as_posix() for p in left)


def assert_consistent(raw: Path, out: Path) -> None:
    """Every article under RAW fully proposed in OUT: the edit list parses and matches the raw
    file, the diff is the diff of the edits not rejected, the accepted text (where present)
    is the raw text with the accepted edits; and no temporary file is left."""
    articles = list(find_articles(raw, exclude=out))
    assert articles
    for rel, path in articles:
        text_path, diff_path, edits_path = paths(out, rel)
        data = json.loads(edits_path.read_text(encoding="utf-8"))
        article = read_article(path, rel)
        assert data["raw"]["sha256"] == article.sha256, rel
        edits = [Edit.from_json(e) for e in data["edits"]]
        for e, stored in zip(edits, data["edits"]):
            assert article.text[e.start : e.end] == stored["original"], rel
        live = [e for e in edits if e.status != "rejected"]
        expected_diff = _encode_diff(unified_diff(article.text, live, rel), article.encoding)
        assert diff_path.read_bytes() == expected_diff, rel
        if text_path.exists():
            accepted = [e for e in edits if e.status == "accepted"]
            assert text_path.read_bytes() == article.encode(apply(article.text, accepted)), rel
    assert leftovers(out) == []
