"""A big JSON Lines scrape, or a big JSON array, is streamed: `clean RAW OUT --accept all`
reads it a record at a time and writes it back the same way, so its peak memory does not
grow with the file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .reviewing import CLEAN

TEXT = "The minister said on Monday that talks would resume next week . Officials confirmed it.\n"
# What scrapers keep beside the text (the page's HTML): most of the file's bytes.
HTML = "<p>" + "The minister said on Monday that talks would resume. " * 6000 + "</p>"


def scrape(folder: Path, megabytes: int) -> int:
    """A JSON Lines file of about ``megabytes`` MB, of records of about 320 KB; returns how many."""
    folder.mkdir()
    record = json.dumps({"id": "r0", "text": TEXT, "html": HTML})
    count = megabytes * 1_000_000 // (len(record) + 1)
    with (folder / "scrape.jsonl").open("w", encoding="utf-8") as handle:
        for i in range(count):
            handle.write(json.dumps({"id": f"r{i}", "text": TEXT, "html": HTML}) + "\n")
    return count


def array_dump(folder: Path, megabytes: int) -> int:
    """A JSON array file of about ``megabytes`` MB, an indented record of about 320 KB a
    line; returns how many."""
    folder.mkdir()
    record = json.dumps({"id": "r0", "text": TEXT, "html": HTML})
    count = megabytes * 1_000_000 // (len(record) + 4)
    with (folder / "dump.json").open("w", encoding="utf-8") as handle:
        handle.write("[\n")
        for i in range(count):
            handle.write((",\n  " if i else "  ") + json.dumps({"id": f"r{i}", "text": TEXT, "html": HTML}))
        handle.write("\n]\n")
    return count


# Measures its own child: this process's RUSAGE_CHILDREN holds the largest child of the session.
_MEASURE = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def peak_rss_kb(raw: Path, out: Path) -> int:
    """The peak resident memory (KB) of `clean RAW OUT --accept all` in one process."""
    command = [sys.executable, "-c", _MEASURE, *CLEAN, str(raw), str(out), "--jobs", "1", "--accept", "all"]
    return int(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def two_runs_peak_rss(tmp_path: Path, build) -> tuple[int, int, int, int]:
    """Records in the small and the large file, and the peak RSS of cleaning each."""
    small = build(tmp_path / "small", 20)
    large = build(tmp_path / "large", 80)
    return small, large, peak_rss_kb(tmp_path / "small", tmp_path / "out-small"), peak_rss_kb(tmp_path / "large", tmp_path / "out-large")


@pytest.mark.big  # about 30 s: run with `python -m pytest -m big`
def test_peak_memory_does_not_grow_with_the_size_of_a_json_lines_file(tmp_path):
    small, large, small_rss, large_rss = two_runs_peak_rss(tmp_path, scrape)
    assert large_rss < 1.5 * small_rss + 20_000, (small_rss, large_rss)
    written = (tmp_path / "out-large" / "scrape.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(written) == large > small
    assert json.loads(written[-1])["text"] == TEXT.replace(" .", ".")


@pytest.mark.big  # about 30 s: run with `python -m pytest -m big`
def test_peak_memory_does_not_grow_with_the_size_of_a_json_array_file(tmp_path):
    small, large, small_rss, large_rss = two_runs_peak_rss(tmp_path, array_dump)
    assert large_rss < 1.5 * small_rss + 20_000, (small_rss, large_rss)
    written = json.loads((tmp_path / "out-large" / "dump.json").read_text(encoding="utf-8"))
    assert len(written) == large > small
    assert written[-1]["text"] == TEXT.replace(" .", ".")
