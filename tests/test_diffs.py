"""Diffs: what `patch` and `git apply` make of the raw file is the proposed text, byte for byte."""

from __future__ import annotations

import codecs
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.store.diffs import encoded_diff, unified_diff
from pipeline.core.edits import Edit, apply

from .consistency import byte_lines

needs_patch = pytest.mark.skipif(shutil.which("patch") is None, reason="patch is not installed")
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
# Encodings whose line break is not the byte 0x0A alone: patch cuts their lines mid-character.
WIDE = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")


def edit(start: int, end: int, replacement: str) -> Edit:
    return Edit(start, end, replacement, "r", "test", "because")


def patched(tmp_path: Path, raw: str, edits: list[Edit], tool: str = "patch", encoding: str = "utf-8") -> str:
    """Write raw, apply the diff with the real tool, read the result back."""
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    target = work / "article.txt"
    target.write_bytes(raw.encode(encoding))
    diff = encoded_diff(raw, edits, "article.txt", encoding)
    if diff:
        (tmp_path / "d.diff").write_bytes(diff)
        if tool == "patch":
            cmd = ["patch", "--quiet", "-p1", "-d", str(work), "-i", str(tmp_path / "d.diff")]
        else:
            cmd = ["git", "apply", "--unsafe-paths", f"--directory={work.relative_to(tmp_path)}", str(tmp_path / "d.diff")]
        result = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr + repr(diff)
    return target.read_bytes().decode(encoding)


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
@pytest.mark.parametrize("encoding", ["utf-8", *WIDE])
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
def test_patch_reproduces_the_proposed_text(tmp_path, raw, edits, encoding):
    assert patched(tmp_path, raw, edits, encoding=encoding) == apply(raw, edits)


@needs_git
def test_git_apply_reproduces_the_proposed_text(tmp_path):
    raw = "Indo-Pacific “. This\nsecond line\nlast line"
    edits = [edit(12, 14, "”"), edit(len(raw), len(raw), ".")]
    assert patched(tmp_path, raw, edits, tool="git") == apply(raw, edits)


# Ċ (U+010A) and ਊ (U+0A0A) hold a 0x0A byte in UTF-16 and UTF-32; 😀 is a surrogate pair in UTF-16.
WIDE_CHARACTERS = ["Ċ", "\u0a0a", "\U0001f600"]


@st.composite
def texts_and_edits(draw, extra: tuple[str, ...] = ()):
    alphabet = ["a", "é", " ", "\n", "\n", "\r\n", "\r", "\u2028", *extra]
    raw = draw(st.lists(st.sampled_from(alphabet), max_size=40).map("".join))
    points = sorted(draw(st.sets(st.integers(0, len(raw)), max_size=5)))
    edits, last = [], -1
    for point in points:
        if point <= last:
            continue
        end = min(len(raw), point + draw(st.integers(0, 3)))
        edits.append(edit(point, end, draw(st.sampled_from(["", "X", "\n", "Y\nZ", "\r\n", *extra]))))
        last = end
    return raw, edits


@needs_patch
@settings(max_examples=500, deadline=None)
@given(texts_and_edits())
def test_patch_round_trip_on_any_text(tmp_path_factory, case):
    raw, edits = case
    assert patched(tmp_path_factory.mktemp("p"), raw, edits) == apply(raw, edits)


@needs_patch
@settings(max_examples=300, deadline=None)
@given(texts_and_edits(tuple(WIDE_CHARACTERS)), st.sampled_from(WIDE))
def test_patch_round_trip_on_any_text_in_utf16_or_utf32(tmp_path_factory, case, encoding):
    raw, edits = case
    assert patched(tmp_path_factory.mktemp("p"), raw, edits, encoding=encoding) == apply(raw, edits)


# --- the diffs `clean RAW OUT` writes ---------------------------------------------------

# Ċ (in Ċirkewwa, Malta) is U+010A: a 0x0A byte inside a character in UTF-16 and UTF-32.
ARTICLE = (
    "The council met on Monday , and the the vote was close.\n"
    "Members will meet again next week.\n"
    "The ferry left Ċirkewwa at noon , on time.\n"
    "The mayor said the result was fair ."
)
ACCEPTED = (
    "The council met on Monday, and the vote was close.\n"
    "Members will meet again next week.\n"
    "The ferry left Ċirkewwa at noon, on time.\n"
    "The mayor said the result was fair."
)


def article(text: str, newline: str, final_break: bool) -> str:
    return text.replace("\n", newline) + (newline if final_break else "")


def proposed_and_accepted(run_cli, tmp_path: Path, name: str, data: bytes) -> tuple[Path, Path, bytes]:
    """`clean RAW OUT`, then `clean accept OUT`: the raw file, its diff, and the accepted bytes."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / name).write_bytes(data)
    result = run_cli(raw, out)
    assert result.exit_code == 0, result.output
    result = run_cli("accept", out)
    assert result.exit_code == 0, result.output
    return raw / name, out / (name + ".diff"), (out / name).read_bytes()


def run_patch(raw_file: Path, diff_file: Path, output: Path) -> bytes:
    """The README's command, `patch -o OUTPUT RAW/<name> OUT/<name>.diff`: what it writes."""
    result = subprocess.run(["patch", "--batch", "-o", str(output), str(raw_file), str(diff_file)], capture_output=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return output.read_bytes()


@needs_patch
@pytest.mark.parametrize(
    "encoding, bom",
    [
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-32-be", codecs.BOM_UTF32_BE),
    ],
    ids=["utf-16-le", "utf-16-be", "utf-16-le without BOM", "utf-16-be without BOM", "utf-32-le", "utf-32-be"],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("final_break", [True, False], ids=["final break", "no final break"])
def test_patch_turns_a_utf16_or_utf32_article_into_the_accepted_text(
    run_cli, tmp_path, encoding, bom, newline, final_break
):
    data = bom + article(ARTICLE, newline, final_break).encode(encoding)
    raw_file, diff_file, accepted = proposed_and_accepted(run_cli, tmp_path, "a.txt", data)
    assert accepted == bom + article(ACCEPTED, newline, final_break).encode(encoding)  # the edits were made
    assert run_patch(raw_file, diff_file, tmp_path / "patched.txt") == accepted


@needs_git
def test_git_apply_inside_raw_turns_a_utf16_article_into_the_accepted_text(run_cli, tmp_path):
    data = codecs.BOM_UTF16_LE + article(ARTICLE, "\r\n", True).encode("utf-16-le")
    raw_file, diff_file, accepted = proposed_and_accepted(run_cli, tmp_path, "a.txt", data)
    work = shutil.copytree(raw_file.parent, tmp_path / "work")
    result = subprocess.run(["git", "apply", str(diff_file)], cwd=work, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (work / "a.txt").read_bytes() == accepted


@needs_git
def test_diff_names_the_file_by_its_own_bytes_whatever_the_article_encoding(run_cli, tmp_path):
    name = "Zürich talks.txt"  # the file system spells it in UTF-8; the article is Windows-1252
    data = article(ARTICLE.replace("Ċ", "C").replace("Monday", "Zürich"), "\n", True).encode("cp1252")
    raw_file, diff_file, accepted = proposed_and_accepted(run_cli, tmp_path, name, data)
    assert byte_lines(diff_file.read_bytes())[:2] == [f"--- a/{name}\n".encode(), f"+++ b/{name}\n".encode()]
    work = shutil.copytree(raw_file.parent, tmp_path / "work")
    result = subprocess.run(["git", "apply", str(diff_file)], cwd=work, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (work / name).read_bytes() == accepted


@needs_patch
def test_crlf_article_diff_lines_end_in_crlf_as_the_raw_lines_do(run_cli, tmp_path):
    data = article(ARTICLE, "\r\n", True).encode("utf-8")
    raw_file, diff_file, accepted = proposed_and_accepted(run_cli, tmp_path, "a.txt", data)
    body = byte_lines(diff_file.read_bytes())[2:]  # after the two file-name lines
    removed = [line[1:] for line in body if line.startswith(b"-")]
    added = [line[1:] for line in body if line.startswith(b"+")]
    assert removed and added
    assert all(line in byte_lines(data) for line in removed)  # each raw line, byte for byte
    assert all(line.endswith(b"\r\n") for line in removed + added)
    assert run_patch(raw_file, diff_file, tmp_path / "patched.txt") == accepted


@needs_patch
def test_a_long_hunk_written_in_pieces_is_the_same_diff_and_patch_applies_it(tmp_path, monkeypatch):
    import pipeline.store.diffs as diffs
    from pipeline.store.diffs import encoded_diff_chunks

    raw = "".join(f"Line {i} has a a doubled word.\n" for i in range(300))
    edits = [edit(raw.index(f"Line {i} ") + len(f"Line {i} has "), raw.index(f"Line {i} ") + len(f"Line {i} has a "), "") for i in range(300)]
    whole = encoded_diff(raw, edits, "article.txt", "utf-8")
    monkeypatch.setattr(diffs, "_LONG_HUNK", 100)
    assert len(list(encoded_diff_chunks(raw, edits, "article.txt", "utf-8"))) > 10
    assert encoded_diff(raw, edits, "article.txt", "utf-8") == whole
    assert patched(tmp_path, raw, edits) == apply(raw, edits)
