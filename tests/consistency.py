"""Helpers for the crash and concurrency tests: a corpus, `clean` in a real subprocess, and
the check that OUT is consistent with RAW."""

from __future__ import annotations

import bisect
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

from pipeline.inputs.article import find_articles, read_article
from pipeline.core.edits import Edit, apply
from pipeline.store.layout import STATE_DIR, paths

ROOT = Path(__file__).resolve().parents[1]
CLEAN = [sys.executable, "-c", "from pipeline.ui.cli import main; main()"]

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
    file; the diff, applied to the raw bytes (by ``apply_diff``, not by the code that wrote it),
    gives the text with the edits not rejected and removes only lines those edits change; the
    accepted text (where present) is the raw text with the accepted edits; no temporary file left."""
    articles = list(find_articles(raw, exclude=out))
    assert articles
    for rel, path in articles:
        text_path, diff_path, edits_path = paths(out, rel)
        data = json.loads(edits_path.read_text(encoding="utf-8"))
        article = read_article(path, rel)
        raw_bytes = path.read_bytes()
        assert data["raw"]["sha256"] == article.sha256, rel
        edits = [Edit.from_json(e) for e in data["edits"]]
        for e, stored in zip(edits, data["edits"]):
            assert article.text[e.start : e.end] == stored["original"], rel
        live = [e for e in edits if e.status != "rejected" and article.text[e.start : e.end] != e.replacement]
        diff = diff_path.read_bytes()
        if not live:
            assert diff == b"", rel
        patched, removed = apply_diff(raw_bytes, diff)
        assert patched == article.encode(apply(article.text, live)), rel
        assert set(removed) <= changed_lines(raw_bytes, byte_spans(article.text, live, article.encoding)), rel
        if text_path.exists():
            accepted = [e for e in edits if e.status == "accepted"]
            assert text_path.read_bytes() == article.encode(apply(article.text, accepted)), rel
            if all(e.status == "accepted" for e in live):
                assert text_path.read_bytes() == patched, rel
    assert leftovers(out) == []


# --- an independent reading of the diffs ---------------------------------------------------

_HUNK = re.compile(rb"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n")


def byte_lines(data: bytes) -> list[bytes]:
    """``data`` cut after each b"\\n", as `patch` reads a file (whatever the encoding)."""
    parts = data.split(b"\n")
    return [part + b"\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def apply_diff(raw: bytes, diff: bytes) -> tuple[bytes, list[int]]:
    """Apply a unified diff to ``raw`` the strict way: every hunk exactly where its header
    says, every context and removed line equal to the raw line, byte for byte. Returns the
    patched bytes and the (0-based) raw lines the hunks remove. Written apart from the diff
    writer, so that a test does not check the writer with itself."""
    old, lines = byte_lines(raw), byte_lines(diff)
    if not lines:
        return raw, []
    assert lines[0].startswith(b"--- a/") and lines[1].startswith(b"+++ b/"), lines[:2]
    new: list[bytes] = []
    removed: list[int] = []
    pos, at = 0, 2  # next raw line to copy, next diff line to read
    while at < len(lines):
        header = _HUNK.fullmatch(lines[at])
        assert header, f"not a hunk header: {lines[at]!r}"
        old_len, new_len = (1 if n is None else int(n) for n in header.group(2, 4))
        old_start = int(header[1]) - 1 if old_len else int(header[1])
        new_start = int(header[3]) - 1 if new_len else int(header[3])
        assert old_start >= pos, "hunks out of order"
        new.extend(old[pos:old_start])
        pos, at = old_start, at + 1
        assert len(new) == new_start, "the hunk's new start does not follow from the ones before"
        while old_len or new_len:
            line = lines[at]
            kind, body = line[:1], line[1:]
            if at + 1 < len(lines) and lines[at + 1].startswith(b"\\"):
                assert body.endswith(b"\n"), line
                body, at = body[:-1], at + 1  # "\\ No newline at end of file"
            at += 1
            if kind in (b" ", b"-"):
                assert pos < len(old) and old[pos] == body, f"raw line {pos + 1} is {old[pos:pos + 1]!r}, not {body!r}"
                old_len -= 1
                if kind == b"-":
                    removed.append(pos)
                pos += 1
            if kind in (b" ", b"+"):
                new.append(body)
                new_len -= 1
            assert kind in (b" ", b"-", b"+") and old_len >= 0 and new_len >= 0, f"bad hunk line {line!r}"
    new.extend(old[pos:])
    return b"".join(new), removed


def byte_spans(text: str, edits: list[Edit], encoding: str) -> list[tuple[int, int]]:
    """Where each edit lies in the bytes of ``text`` written in ``encoding`` (edits in order)."""
    spans, pos, size = [], 0, 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        size += len(text[pos : e.start].encode(encoding))
        length = len(text[e.start : e.end].encode(encoding))
        spans.append((size, size + length))
        pos, size = e.end, size + length
    return spans


def changed_lines(raw: bytes, spans: list[tuple[int, int]]) -> set[int]:
    """The (0-based) lines of ``raw``, cut at each b"\\n", that edits over ``spans`` change: the
    lines a span overlaps, the line an insertion falls in, and the line after a line break an
    edit takes out (it joins the line before)."""
    starts = [0] + [m.end() for m in re.finditer(rb"\n", raw) if m.end() < len(raw)]
    changed = set()
    for start, end in spans:
        if start == end == len(raw) and (not raw or raw.endswith(b"\n")):
            continue  # an append after the final line break changes no raw line
        first = bisect.bisect_right(starts, start) - 1
        changed.update(range(first, bisect.bisect_right(starts, max(start, end - 1))))
        if start < end < len(raw) and raw[end - 1 : end] == b"\n":
            changed.add(bisect.bisect_right(starts, end) - 1)
    return changed
