"""Decisions are reversible: a named edit can be accepted, rejected or reset whatever its
state, a bulk command never overrides a person's decision, and each edit keeps a short
history of the decisions made on it, across re-runs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.store.decisions import HISTORY_LIMIT

from .reviewing import ARTICLES, edits_of, make_out, statuses

RAW_A = ARTICLES["a.txt"]
ISO_SECONDS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return make_out(tmp_path)


def text_of(out: Path, rel: str) -> str:
    return (out / rel).read_text(encoding="utf-8")


def test_reject_by_edit_id_rejects_an_accepted_edit_and_says_so(run_cli, out):
    run_cli("accept", out, "--edit", "a.txt:1")
    result = run_cli("reject", out, "--edit", "a.txt:1")
    assert result.exit_code == 0, result.output
    assert "rejected 1 edit in 1 article (1 was accepted); 2 pending." in result.output
    assert statuses(out, "a.txt") == ["rejected", "pending", "pending"]


def test_rejecting_an_accepted_edit_takes_it_out_of_the_text_and_the_diff_at_once(run_cli, out):
    run_cli("accept", out, "--edit", "a.txt:1")
    assert text_of(out, "a.txt") == RAW_A.replace("go on. . The", "go on. The")
    run_cli("reject", out, "--edit", "a.txt:1")
    assert text_of(out, "a.txt") == RAW_A
    assert "+Officials said the talks would go on. . The" in (out / "a.txt.diff").read_text(encoding="utf-8")


def test_accept_by_edit_id_accepts_a_rejected_edit(run_cli, out):
    run_cli("reject", out, "--edit", "a.txt:2")
    result = run_cli("accept", out, "--edit", "a.txt:2")
    assert "accepted 1 edit in 1 article (1 was rejected)" in result.output
    assert statuses(out, "a.txt") == ["pending", "accepted", "pending"]
    assert text_of(out, "a.txt") == RAW_A.replace("close “.", "close”.")


def test_accept_by_rule_or_article_overrides_earlier_rejects(run_cli, out):
    run_cli("reject", out, "--edit", "a.txt:2", "--edit", "b.txt:1")
    run_cli("accept", out, "--rule", "fix-quote-direction")
    assert statuses(out, "a.txt")[1] == "accepted"
    assert statuses(out, "b.txt")[0] == "accepted"
    run_cli("reject", out, "a.txt")
    assert statuses(out, "a.txt") == ["rejected", "rejected", "rejected"]


def test_unnarrowed_accept_never_overrides_a_reject(run_cli, out):
    run_cli("reject", out, "--edit", "a.txt:2")
    result = run_cli("accept", out)
    assert "accepted 4 edits in 2 articles; 0 pending." in result.output
    assert statuses(out, "a.txt") == ["accepted", "rejected", "accepted"]


def test_accept_by_risk_alone_acts_on_pending_edits_only(run_cli, out):
    run_cli("reject", out, "--edit", "a.txt:1")
    run_cli("accept", out, "--risk", "safe")
    assert statuses(out, "a.txt") == ["rejected", "accepted", "pending"]


def test_deciding_an_edit_already_so_decided_changes_nothing_and_says_so(run_cli, out):
    run_cli("reject", out, "--edit", "a.txt:1")
    before = edits_of(out, "a.txt")
    result = run_cli("reject", out, "--edit", "a.txt:1")
    assert result.exit_code == 0
    assert "rejected 0 edits in 0 articles (1 already rejected)" in result.output
    assert edits_of(out, "a.txt") == before


def test_reset_returns_every_decided_edit_to_pending_and_rewrites_the_text(run_cli, out):
    run_cli("accept", out, "--edit", "a.txt:1")
    run_cli("reject", out, "--edit", "a.txt:2,3")
    result = run_cli("reset", out)
    assert result.exit_code == 0, result.output
    assert "reset 3 edits in 1 article (1 was accepted, 2 were rejected); 5 pending." in result.output
    assert statuses(out, "a.txt") == ["pending", "pending", "pending"]
    assert text_of(out, "a.txt") == RAW_A


def test_reset_narrowed_by_edit_rule_or_article_resets_only_those(run_cli, out):
    run_cli("accept", out)
    run_cli("reset", out, "--edit", "a.txt:3")
    assert statuses(out, "a.txt") == ["accepted", "accepted", "pending"]
    run_cli("reset", out, "--rule", "fix-quote-direction")
    assert statuses(out, "a.txt") == ["accepted", "pending", "pending"]
    assert statuses(out, "b.txt") == ["pending", "accepted"]
    run_cli("reset", out, "b.txt")
    assert statuses(out, "b.txt") == ["pending", "pending"]


def test_reset_by_risk_resets_only_edits_of_that_risk(run_cli, out):
    run_cli("accept", out)
    run_cli("reset", out, "--risk", "review")
    assert statuses(out, "a.txt") == ["accepted", "accepted", "pending"]


def test_reset_of_a_reviewers_replacement_brings_back_the_stage_replacement(run_cli, out):
    data = json.loads((out / "a.txt.edits.json").read_text(encoding="utf-8"))
    data["edits"][2].update(status="accepted", replacement=";", proposed="")  # as `review`'s `e` leaves it
    (out / "a.txt.edits.json").write_text(json.dumps(data), encoding="utf-8")
    run_cli("reset", out, "--edit", "a.txt:3")
    third = edits_of(out, "a.txt")[2]
    assert (third["status"], third["replacement"], "proposed" in third) == ("pending", "", False)


def test_reset_has_help_with_an_example(run_cli):
    result = run_cli("reset", "--help")
    assert result.exit_code == 0
    assert "clean reset cleaned/ --edit" in result.output


def test_every_decision_is_appended_to_the_edits_history_with_its_utc_time(run_cli, out):
    run_cli("accept", out, "--edit", "a.txt:1")
    run_cli("reject", out, "--edit", "a.txt:1")
    run_cli("reset", out, "--edit", "a.txt:1")
    history = edits_of(out, "a.txt")[0]["history"]
    assert [h["status"] for h in history] == ["accepted", "rejected", "pending"]
    assert all(ISO_SECONDS.match(h["at"]) for h in history)
    assert "history" not in edits_of(out, "a.txt")[1]


def test_accept_at_propose_time_is_recorded_in_the_history(run_cli, tmp_path):
    out = make_out(tmp_path)
    run_cli(tmp_path / "raw", out, "--accept", "safe")
    assert [h["status"] for h in edits_of(out, "a.txt")[0]["history"]] == ["accepted"]


def test_history_keeps_only_the_latest_decisions(run_cli, out):
    for _ in range(HISTORY_LIMIT // 2 + 1):
        run_cli("accept", out, "--edit", "a.txt:1")
        run_cli("reject", out, "--edit", "a.txt:1")
    history = edits_of(out, "a.txt")[0]["history"]
    assert len(history) == HISTORY_LIMIT
    assert history[-1]["status"] == "rejected"


def test_history_changes_neither_the_edit_key_nor_the_diff(run_cli, out):
    key, diff = edits_of(out, "a.txt")[0]["key"], (out / "a.txt.diff").read_bytes()
    run_cli("accept", out, "--edit", "a.txt:1")
    run_cli("reset", out, "--edit", "a.txt:1")
    assert edits_of(out, "a.txt")[0]["key"] == key
    assert (out / "a.txt.diff").read_bytes() == diff


def test_an_edit_file_without_history_still_loads_and_can_be_decided(run_cli, out):
    data = json.loads((out / "a.txt.edits.json").read_text(encoding="utf-8"))
    for edit in data["edits"]:
        edit.pop("history", None)
    data["edits"][0]["status"] = "accepted"
    (out / "a.txt.edits.json").write_text(json.dumps(data), encoding="utf-8")
    result = run_cli("reject", out, "--edit", "a.txt:1")
    assert result.exit_code == 0, result.output
    assert [h["status"] for h in edits_of(out, "a.txt")[0]["history"]] == ["rejected"]


def test_reject_rerun_reset_rerun_proposes_the_edit_again(run_cli, tmp_path):
    out = make_out(tmp_path)
    raw = tmp_path / "raw"
    run_cli("reject", out, "--edit", "a.txt:1")

    (raw / "a.txt").write_text(RAW_A + "A line added later.\n", encoding="utf-8")  # proposed again
    run_cli(raw, out)
    assert statuses(out, "a.txt") == ["rejected", "pending", "pending"]
    assert "+Officials said the talks would go on. . The" in (out / "a.txt.diff").read_text(encoding="utf-8")

    run_cli("reset", out, "--edit", "a.txt:1")
    (raw / "a.txt").write_text(RAW_A + "A line added later, changed.\n", encoding="utf-8")
    run_cli(raw, out)
    first = edits_of(out, "a.txt")[0]
    assert first["status"] == "pending"
    assert [h["status"] for h in first["history"]] == ["rejected", "pending"]
    assert "+Officials said the talks would go on. The" in (out / "a.txt.diff").read_text(encoding="utf-8")
