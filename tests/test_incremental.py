"""Re-runs: only new or changed articles are processed, and decisions survive."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

DAMAGED = "The minister said: “we are close “. Talks go on. . Next week.\n"


def article(n: int) -> str:
    return f"Article {n} opens here. The envoy said: “talks {n} go on “.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for n in range(5):
        (raw / f"a{n}.txt").write_text(article(n), encoding="utf-8")
    return raw


def edit_list(out: Path, rel: str) -> list[dict]:
    return json.loads((out / f"{rel}.edits.json").read_text(encoding="utf-8"))["edits"]


def test_second_run_with_nothing_new_says_so_in_one_line(run_cli, corpus, tmp_path):
    out = tmp_path / "out"
    run_cli(corpus, out)
    result = run_cli(corpus, out)
    assert result.output.strip().count("\n") == 0
    assert result.output.startswith("nothing new: 5 articles")


def test_rerun_processes_only_new_and_changed_articles(run_cli, corpus, tmp_path):
    out = tmp_path / "out"
    run_cli(corpus, out)
    untouched = {rel: (out / f"{rel}.edits.json").stat().st_mtime_ns for rel in ("a0.txt", "a1.txt", "a2.txt", "a3.txt")}
    (corpus / "new1.txt").write_text(article(10), encoding="utf-8")
    (corpus / "new2.txt").write_text(article(11), encoding="utf-8")
    (corpus / "a4.txt").write_text(DAMAGED, encoding="utf-8")
    result = run_cli(corpus, out)
    assert result.output.startswith("3 articles proposed (4 unchanged)")
    assert {rel: (out / f"{rel}.edits.json").stat().st_mtime_ns for rel in untouched} == untouched
    assert any(e["rule"] == "drop-doubled-full-stop" for e in edit_list(out, "a4.txt"))


def test_rerun_keeps_every_earlier_decision(run_cli, corpus, tmp_path):
    out = tmp_path / "out"
    run_cli(corpus, out)
    run_cli("accept", out, "a0.txt")
    run_cli("reject", out, "a1.txt")
    (corpus / "new.txt").write_text(article(20), encoding="utf-8")
    (corpus / "a2.txt").write_text(DAMAGED, encoding="utf-8")
    run_cli(corpus, out)
    assert {e["status"] for e in edit_list(out, "a0.txt")} == {"accepted"}
    assert {e["status"] for e in edit_list(out, "a1.txt")} == {"rejected"}


def test_edited_article_keeps_decisions_on_the_parts_that_did_not_change(run_cli, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "a.txt").write_text("First he said: “yes “.\nSecond line is fine.\n", encoding="utf-8")
    run_cli(raw, out)
    run_cli("reject", out)
    (raw / "a.txt").write_text("A new opening line.\nFirst he said: “yes “.\nSecond line is fine.\n", encoding="utf-8")
    run_cli(raw, out)
    assert [e["status"] for e in edit_list(out, "a.txt")] == ["rejected"]


def test_rejected_edit_is_never_proposed_again_as_pending(run_cli, corpus, tmp_path):
    out = tmp_path / "out"
    run_cli(corpus, out)
    run_cli("reject", out, "a3.txt")
    os.utime(corpus / "a3.txt", ns=(1, 1))  # looks changed; same content
    run_cli(corpus, out)
    assert {e["status"] for e in edit_list(out, "a3.txt")} == {"rejected"}


def test_accept_at_run_time_also_accepts_articles_proposed_before(run_cli, corpus, tmp_path):
    out = tmp_path / "out"
    run_cli(corpus, out)
    run_cli(corpus, out, "--accept", "all")
    assert (out / "a0.txt").read_text(encoding="utf-8").endswith("go on”.\n")


def test_parallel_run_writes_the_same_files_as_a_serial_run(run_cli, corpus, tmp_path):
    for n in range(5, 40):
        (corpus / f"a{n}.txt").write_text(article(n) + DAMAGED, encoding="utf-8")
    run_cli(corpus, tmp_path / "one", "--jobs", "1", "--accept", "all")
    run_cli(corpus, tmp_path / "two", "--jobs", "2", "--accept", "all")

    def files(folder: Path) -> dict[str, bytes]:
        found = {}
        for p in folder.rglob("*"):
            if p.is_file() and ".mtclean" not in p.parts:
                data = p.read_bytes().replace(str(folder).encode(), b"OUT")
                data = re.sub(rb'"at": "[^"]*"', b'"at": "TIME"', data)  # when each edit was accepted
                found[p.relative_to(folder).as_posix()] = data
        return found

    assert files(tmp_path / "one") == files(tmp_path / "two")


def test_reviewers_own_replacement_survives_a_rerun_of_the_changed_article(run_cli, tmp_path):
    from dataclasses import replace

    from pipeline.store.proposals import load, save

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "a.txt").write_text("First he said: “yes “.\nSecond line is fine.\n", encoding="utf-8")
    run_cli(raw, out)
    proposal = load(out, "a.txt")
    [edit] = proposal.edits
    mine = replace(edit, replacement="”!", proposed=edit.replacement, status="accepted")  # what `e` in review does
    save(out, replace(proposal, edits=(mine,)), (raw / "a.txt").read_text(encoding="utf-8"), write_text=True)
    (raw / "a.txt").write_text("A new opening line.\nFirst he said: “yes “.\nSecond line is fine.\n", encoding="utf-8")
    assert run_cli(raw, out).exit_code == 0
    [carried] = edit_list(out, "a.txt")
    assert (carried["status"], carried["replacement"], carried["proposed"]) == ("accepted", "”!", edit.replacement)
    assert "“yes”!" in (out / "a.txt").read_text(encoding="utf-8")


def test_changed_pipeline_signature_proposes_every_article_again(run_cli, corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run_cli(corpus, out)
    monkeypatch.setattr("pipeline.engine.assembly.__version__", "99.0")  # as a new release of the rules would
    result = run_cli(corpus, out)
    assert result.output.startswith("5 articles proposed")
    assert edit_list(out, "a0.txt")  # proposed again, not emptied


@pytest.mark.parametrize("stage", ["encoding", "punctuation", "names", "referents"])
def test_a_new_rule_in_any_stage_changes_the_signature(stage, monkeypatch):
    from pipeline.engine.assembly import Pipeline
    from pipeline.core.rules import RULES, Rule

    before = Pipeline().signature()
    monkeypatch.setitem(RULES, "a-new-rule", Rule("a-new-rule", stage, "safe", lambda text: []))
    assert Pipeline().signature() != before


def test_article_rewritten_to_the_same_size_is_proposed_again(run_cli, corpus, tmp_path):
    out = tmp_path / "out"
    run_cli(corpus, out)
    before = (corpus / "a0.txt").read_text(encoding="utf-8")
    damaged = "Article 0 opens here. The envoy said: “talks 0 go on” .\n"
    assert len(damaged.encode()) == len(before.encode())
    (corpus / "a0.txt").write_text(damaged, encoding="utf-8")
    os.utime(corpus / "a0.txt", ns=(10**18, 10**18))  # a later time, as an editor's save gives
    assert run_cli(corpus, out).output.startswith("1 article proposed")
    assert [e["rule"] for e in edit_list(out, "a0.txt")] == ["drop-space-before-punctuation"]
