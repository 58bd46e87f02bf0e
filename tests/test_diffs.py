"""Diffs: what `patch` and `git apply` make of the raw file is the proposed text, byte for byte."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.diffs import unified_diff
from pipeline.edits import Edit, apply

needs_patch = pytest.mark.skipif(shutil.which("patch") is None, reason="patch is not installed")


def edit(start: int, end: int, replacement: str) -> Edit:
    return Edit(start, end, replacement, "r", "test", "because")


def patched(tmp_path: Path, raw: str, edits: list[Edit], tool: str = "patch") -> str:
    """Write raw, apply the diff with the real tool, read the result back."""
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    target = work / "article.txt"
    target.write_bytes(raw.encode("utf-8"))
    diff = unified_diff(raw, edits, "article.txt")
    if diff:
        (tmp_path / "d.diff").write_bytes(diff.encode("utf-8"))
        if tool == "patch":
            cmd = ["patch", "--quiet", "-p1", "-d", str(work), "-i", str(tmp_path / "d.diff")]
        else:
            cmd = ["git", "apply", "--unsafe-paths", f"--directory={work.relative_to(tmp_path)}", str(tmp_path / "d.diff")]
        result = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr + diff
    return target.read_bytes().decode("utf-8")


def test_no_edits_give_an_empty_diff():
    assert unified_diff("text\n", [], "a.txt") == ""


def test_diff_names_the_article_with_a_and_b_prefixes():
    diff = unified_diff("one\n", [edit(0, 3, "two")], "dir/a.txt")
    assert diff.startswith("--- a/dir/a.txt\n+++ b/dir/a.txt\n@@ -1 +1 @@\n-one\n+two\n")


def test_last_line_without_line_break_is_marked():
    diff = unified_diff("one\ntwo", [edit(4, 7, "TWO")], "a.txt")
    assert diff.endswith("-two\n\\ No newline at end of file\n+TWO\n\\ No newline at end of file\n")


def test_far_apart_edits_get_separate_hunks():
    raw = "".join(f"line {i}\n" for i in range(30))
    diff = unified_diff(raw, [edit(0, 4, "LINE"), edit(raw.index("line 29"), raw.index("line 29") + 4, "LINE")], "a.txt")
    assert diff.count("@@ -") == 2


@needs_patch
@pytest.mark.parametrize(
    "raw, edits",
    [
        ("a “b”\n–\nc\n", [edit(6, 8, "")]),  # a whole line goes
        ("future.\n–", [edit(7, 7, "”"), edit(7, 9, "")]),  # last line, no final break
        ("one\r\ntwo\r\n", [edit(3, 3, "!")]),  # CRLF kept
        ("\ufeffBOM line\nx\n", [edit(1, 4, "bom")]),  # a byte-order mark on line 1
        ("keep\n", [edit(5, 5, "added\n")]),  # append after the final break
        ("join\nme\n", [edit(4, 5, " ")]),  # two lines become one
    ],
)
def test_patch_reproduces_the_proposed_text(tmp_path, raw, edits):
    assert patched(tmp_path, raw, edits) == apply(raw, edits)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_apply_reproduces_the_proposed_text(tmp_path):
    raw = "Indo-Pacific “. This\nsecond line\nlast line"
    edits = [edit(12, 14, "”"), edit(len(raw), len(raw), ".")]
    assert patched(tmp_path, raw, edits, tool="git") == apply(raw, edits)


@st.composite
def texts_and_edits(draw):
    raw = draw(st.lists(st.sampled_from(["a", "é", " ", "\n", "\n", "\r\n", "\r", "\u2028"]), max_size=40).map("".join))
    points = sorted(draw(st.sets(st.integers(0, len(raw)), max_size=5)))
    edits, last = [], -1
    for point in points:
        if point <= last:
            continue
        end = min(len(raw), point + draw(st.integers(0, 3)))
        edits.append(edit(point, end, draw(st.sampled_from(["", "X", "\n", "Y\nZ", "\r\n"]))))
        last = end
    return raw, edits


@needs_patch
@settings(max_examples=500, deadline=None)
@given(texts_and_edits())
def test_patch_round_trip_on_any_text(tmp_path_factory, case):
    raw, edits = case
    assert patched(tmp_path_factory.mktemp("p"), raw, edits) == apply(raw, edits)
