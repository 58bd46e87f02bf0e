"""`clean status`: pending, accepted and rejected edits per article and in total."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.ui.status import status_command
from pipeline.store.writes import locked

from .reviewing import CLEAN, make_out


@pytest.fixture
def out(tmp_path: Path, run_cli) -> Path:
    out = make_out(tmp_path)
    run_cli("accept", out, "a.txt", "--rule", "drop-doubled-full-stop")
    run_cli("reject", out, "a.txt", "--rule", "drop-stray-full-stop")
    run_cli("accept", out, "b.txt")
    return out


def status(*args) -> tuple[int, list[str]]:
    result = CliRunner().invoke(status_command, [str(a) for a in args])
    return result.exit_code, result.output.splitlines()


def test_status_counts_pending_accepted_and_rejected_edits_per_article(out):
    code, lines = status(out)
    assert code == 0
    assert lines[0].split() == ["article", "pending", "accepted", "rejected"]
    assert lines[1].split() == ["a.txt", "1", "1", "1"]
    assert lines[2].split() == ["b.txt", "0", "2", "0"]


def test_status_ends_with_a_total_line(out):
    _, lines = status(out)
    assert lines[-1].split() == ["total", "(2", "articles)", "1", "3", "1"]


def test_status_columns_are_aligned(out):
    _, lines = status(out)
    assert len({len(line) for line in lines}) == 1
    for column in ("pending", "accepted", "rejected"):
        end = lines[0].index(column) + len(column)  # numbers line up under the heading's last letter
        assert all(line[end - 1].isdigit() and line[end:end + 1] in ("", " ") for line in lines[1:])


def test_status_can_name_some_articles(out):
    _, lines = status(out, "b.txt")
    assert [line.split()[0] for line in lines] == ["article", "b.txt", "total"]
    assert lines[-1].split()[-3:] == ["0", "2", "0"]


def test_a_freshly_proposed_out_has_everything_pending(tmp_path):
    _, lines = status(make_out(tmp_path))
    assert lines[-1].split()[-3:] == ["5", "0", "0"]


def test_a_broken_edit_list_is_named_and_the_other_articles_still_counted(out):
    (out / "a.txt.edits.json").write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(status_command, [str(out)])
    assert result.exit_code == 1
    assert "a.txt.edits.json: cannot read the edit list" in result.output
    assert [line.split()[0] for line in result.output.splitlines()[1:]] == ["article", "b.txt", "total"]


def test_status_of_an_out_without_proposals_is_a_usage_error(tmp_path):
    code, lines = status(tmp_path)
    assert code == 2
    assert "no proposals" in "\n".join(lines)


def test_status_does_not_wait_for_a_review_holding_the_lock(out):
    with locked(out, lambda message: None):
        result = subprocess.run([*CLEAN, "status", str(out)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split()[-3:] == ["1", "3", "1"]


def test_help_shows_an_example():
    result = CliRunner().invoke(status_command, ["--help"])
    assert result.exit_code == 0
    assert "Example:\n    clean status cleaned/" in result.output
