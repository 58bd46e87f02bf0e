"""Progress of `clean RAW OUT`: a line on a terminal for a run longer than a second, with the
article being worked on and its time so far; nothing where output goes to a pipe."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT
from .reviewing import CLEAN

pexpect = pytest.importorskip("pexpect", reason="pexpect drives the run through a pty: pip install -e '.[test]'")


@pytest.fixture
def long_raw(tmp_path: Path) -> Path:
    """One article long enough to take seconds to propose (about 2 MB: since proposing is
    linear in an article's size, a shorter one can finish before the line's first second)."""
    folder = tmp_path / "raw"
    folder.mkdir()
    seed = (ROOT / "raw" / "001_e9bec2b34587e159.txt").read_text(encoding="utf-8")
    (folder / "long.txt").write_text(seed * 400, encoding="utf-8")
    return folder


def test_a_long_article_shows_its_name_and_time_on_a_terminal(long_raw, tmp_path):
    env = {**os.environ, "COLUMNS": "200"}
    child = pexpect.spawn(CLEAN[0], [*CLEAN[1:], str(long_raw), str(tmp_path / "out")], env=env, encoding="utf-8", timeout=120)
    child.setwinsize(24, 200)
    child.expect(r"proposing 0/1 · long\.txt for \d+s")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_no_progress_when_output_goes_to_a_pipe(long_raw, tmp_path):
    done = subprocess.run(
        [*CLEAN, str(long_raw), str(tmp_path / "out")], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "proposing" not in done.stderr and "\r" not in done.stderr
