"""The `clean` command end to end: propose, accept, reject, and what lands in OUT."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ARTICLE = (
    "Officials said the talks would go on. . The minister added: “we are close “.\n"
    "He wanted to protect the interests. through dialogue.\n"
)


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    (folder / "sub dir").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub dir" / "b.md").write_text("A clean “quoted” line.\n", encoding="utf-8")
    (folder / "notes.csv").write_text("not, an, article\n", encoding="utf-8")
    return folder


def edits_of(out: Path, rel: str) -> list[dict]:
    return json.loads((out / f"{rel}.edits.json").read_text(encoding="utf-8"))["edits"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_run_writes_a_diff_and_an_edit_list_per_article(run_cli, raw, tmp_path):
    out = tmp_path / "out"
    result = run_cli(raw, out)
    assert result.exit_code == 0, result.output
    written = (p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert sorted(p for p in written if not p.startswith(".mtclean/")) == [
        "a.txt.diff",
        "a.txt.edits.json",
        "sub dir/b.md.diff",
        "sub dir/b.md.edits.json",
    ]


def test_edit_list_records_span_replacement_rule_stage_reason_risk_and_status(run_cli, raw, tmp_path):
    out = tmp_path / "out"
    run_cli(raw, out)
    edits = edits_of(out, "a.txt")
    assert edits
    for e in edits:
        assert {"start", "end", "original", "replacement", "rule", "stage", "reason", "risk", "status"} <= set(e)
        assert ARTICLE[e["start"] : e["end"]] == e["original"]
        assert e["status"] == "pending"


def test_run_prints_a_summary_and_the_next_command(run_cli, raw, tmp_path):
    result = run_cli(raw, tmp_path / "out")
    assert "2 articles" in result.output
    assert "clean accept" in result.output


def test_raw_folder_is_never_written_to(run_cli, raw, tmp_path):
    before = snapshot(raw)
    result = run_cli(raw, tmp_path / "out")
    assert result.exit_code == 0, result.output
    result = run_cli("accept", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert snapshot(raw) == before


def test_accept_writes_the_cleaned_text_under_the_article_name(run_cli, raw, tmp_path):
    out = tmp_path / "out"
    run_cli(raw, out)
    result = run_cli("accept", out)
    assert result.exit_code == 0, result.output
    cleaned = (out / "a.txt").read_text(encoding="utf-8")
    assert "go on. The minister" in cleaned
    assert "close”." in cleaned
    assert (out / "sub dir" / "b.md").read_text(encoding="utf-8") == "A clean “quoted” line.\n"


@pytest.mark.skipif(shutil.which("patch") is None, reason="patch is not installed")
def test_patch_with_the_diff_gives_the_accepted_text_byte_for_byte(run_cli, raw, tmp_path):
    out = tmp_path / "out"
    run_cli(raw, out)
    run_cli("accept", out)
    copy = tmp_path / "copy.txt"
    shutil.copy(raw / "a.txt", copy)
    subprocess.run(["patch", "--quiet", str(copy), str(out / "a.txt.diff")], check=True)
    assert copy.read_bytes() == (out / "a.txt").read_bytes()


def test_accept_by_rule_leaves_other_edits_pending(run_cli, raw, tmp_path):
    out = tmp_path / "out"
    run_cli(raw, out)
    run_cli("accept", out, "--rule", "drop-doubled-full-stop")
    statuses = {e["rule"]: e["status"] for e in edits_of(out, "a.txt")}
    assert statuses["drop-doubled-full-stop"] == "accepted"
    assert {s for r, s in statuses.items() if r != "drop-doubled-full-stop"} == {"pending"}
    assert "go on. The minister" in (out / "a.txt").read_text(encoding="utf-8")
    assert "close “." in (out / "a.txt").read_text(encoding="utf-8")


def test_accept_by_risk_accepts_only_that_risk(run_cli, raw, tmp_path):
    out = tmp_path / "out"
    run_cli(raw, out)
    run_cli("accept", out, "--risk", "safe")
    for e in edits_of(out, "a.txt"):
        assert e["status"] == ("accepted" if e["risk"] == "safe" else "pending")


def test_accept_can_name_one_article(run_cli, raw, tmp_path):
    out = tmp_path / "out"
    run_cli(raw, out)
    run_cli("accept", out, "a.txt")
    assert (out / "a.txt").exists()
    assert not (out / "sub dir" / "b.md").exists()


def test_reject_drops_edits_from_the_diff_and_the_text(run_cli, raw, tmp_path):
    out = tmp_path / "out"
    run_cli(raw, out)
    run_cli("reject", out, "--rule", "drop-stray-full-stop")
    run_cli("accept", out)
    assert "interests. through" in (out / "a.txt").read_text(encoding="utf-8")
    assert "interests. through" in (out / "a.txt.diff").read_text(encoding="utf-8")
    assert "+He wanted to protect the interests through" not in (out / "a.txt.diff").read_text(encoding="utf-8")


def test_accept_all_at_run_time_gives_the_same_text_as_accepting_later(run_cli, raw, tmp_path):
    run_cli(raw, tmp_path / "one")
    run_cli("accept", tmp_path / "one")
    run_cli(raw, tmp_path / "two", "--accept", "all")
    assert (tmp_path / "one" / "a.txt").read_bytes() == (tmp_path / "two" / "a.txt").read_bytes()


def test_accept_safe_at_run_time_leaves_review_edits_pending(run_cli, raw, tmp_path):
    out = tmp_path / "out"
    run_cli(raw, out, "--accept", "safe")
    assert {e["status"] for e in edits_of(out, "a.txt") if e["risk"] == "review"} == {"pending"}
    assert {e["status"] for e in edits_of(out, "a.txt") if e["risk"] == "safe"} == {"accepted"}


def test_rerun_keeps_decisions_already_made(run_cli, raw, tmp_path):
    out = tmp_path / "out"
    run_cli(raw, out)
    run_cli("reject", out, "--rule", "drop-stray-full-stop")
    run_cli(raw, out)
    assert {e["status"] for e in edits_of(out, "a.txt") if e["rule"] == "drop-stray-full-stop"} == {"rejected"}


def test_crlf_bom_article_keeps_its_line_endings_and_mark(run_cli, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "w.txt").write_bytes("\ufeffHe said: “yes “.\r\nNext line.\r\n".encode("utf-8"))
    run_cli(raw, tmp_path / "out", "--accept", "all")
    assert (tmp_path / "out" / "w.txt").read_bytes() == "\ufeffHe said: “yes”.\r\nNext line.\r\n".encode("utf-8")


def test_out_inside_raw_is_a_usage_error(run_cli, raw):
    result = run_cli(raw, raw / "out")
    assert result.exit_code == 2
    assert "must not be RAW or lie inside it" in result.output


def test_missing_raw_is_a_usage_error(run_cli, tmp_path):
    result = run_cli(tmp_path / "nowhere", tmp_path / "out")
    assert result.exit_code == 2


def test_accept_on_a_folder_without_proposals_is_a_usage_error(run_cli, tmp_path):
    result = run_cli("accept", tmp_path)
    assert result.exit_code == 2
    assert "no proposals" in result.output


def test_accept_fails_with_exit_1_when_the_raw_article_changed(run_cli, raw, tmp_path):
    out = tmp_path / "out"
    run_cli(raw, out)
    (raw / "a.txt").write_text("changed\n", encoding="utf-8")
    result = run_cli("accept", out)
    assert result.exit_code == 1
    assert "changed since it was proposed" in result.output


@pytest.mark.parametrize(
    "command", [[], ["run"], ["accept"], ["reject"], ["rules"], ["suggest"], ["review"], ["report"], ["status"]]
)
def test_every_command_has_help_with_an_example(run_cli, command):
    result = run_cli(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output


def test_accept_by_edit_id_accepts_only_those_edits(run_cli, raw, tmp_path):
    out = tmp_path / "out"
    run_cli(raw, out)
    result = run_cli("accept", out, "--edit", "a.txt:1,3")
    assert result.exit_code == 0, result.output
    assert [e["status"] for e in edits_of(out, "a.txt")] == ["accepted", "pending", "accepted"]


def test_reject_by_edit_id_takes_out_paths_too(run_cli, raw, tmp_path):
    out = tmp_path / "out"
    run_cli(raw, out)
    run_cli("reject", out, "--edit", f"{out / 'a.txt'}:2")
    assert [e["status"] for e in edits_of(out, "a.txt")][:2] == ["pending", "rejected"]


def test_an_unknown_edit_id_is_a_usage_error_and_decides_nothing(run_cli, raw, tmp_path):
    out = tmp_path / "out"
    run_cli(raw, out)
    result = run_cli("accept", out, "--edit", "a.txt:1,99")
    assert result.exit_code == 2
    assert "has edits 1 to" in result.output
    assert {e["status"] for e in edits_of(out, "a.txt")} == {"pending"}


def test_edit_ids_cannot_be_combined_with_other_filters(run_cli, raw, tmp_path):
    out = tmp_path / "out"
    run_cli(raw, out)
    assert run_cli("accept", out, "--edit", "a.txt:1", "--risk", "safe").exit_code == 2
