"""`kill -9` at random moments of `clean RAW OUT` and `clean accept`: OUT stays consistent.

Each article is fully proposed or not at all (its edit list, diff and accepted text agree),
no decision is lost, and no temporary file is left once the next command has run.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

import pipeline.store.writes as store
from pipeline.ui.cli import main
from pipeline.store.layout import articles_in
from pipeline.store.writes import locked, recover, run_journal

from .consistency import assert_consistent, clean, decisions, edit_list, make_corpus, start

KILLS = 6


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    make_corpus(raw, articles=400)
    return raw


def touch_all(raw: Path, when: int) -> None:
    """Give every article a new mtime: the next run re-proposes (and rewrites) all of them."""
    for path in raw.rglob("*.txt"):
        os.utime(path, ns=(when * 10**9, when * 10**9))


def timed(*args: object) -> float:
    started = time.monotonic()
    result = clean(*args)
    assert result.returncode == 0, result.stderr
    return time.monotonic() - started


def kill_9(args: tuple, delay: float, whole_group: bool) -> bool:
    """Start `clean ARGS`, SIGKILL it after ``delay`` seconds (the main process alone, or with
    its workers); True when it was still running when killed."""
    proc = start(*args)
    time.sleep(delay)
    running = proc.poll() is None  # once poll() has reaped it, its pid may be another process's
    if running:  # not reaped until communicate() below: the pid (and group) are still its own
        try:
            if whole_group:
                os.killpg(proc.pid, signal.SIGKILL)
            else:
                os.kill(proc.pid, signal.SIGKILL)
        except ProcessLookupError:  # the group is gone already
            pass
    proc.communicate()
    return running


def kill_seed() -> int:
    """The seed of the kill delays: fixed, so that a failure can be replayed; MTCLEAN_EXPLORE=1
    draws a new one (as it makes Hypothesis draw new examples). Either way it is in every
    assertion message."""
    return random.randrange(2**32) if os.environ.get("MTCLEAN_EXPLORE") else 20240613


@contextmanager
def seeded(seed: int, when: str):
    """Name the seed (and when it failed) in an assertion raised by a helper."""
    try:
        yield
    except AssertionError as exc:
        raise AssertionError(f"seed {seed}, {when}: {exc}") from exc


def recovered(out: Path) -> None:
    """What the next command does first: wait for the lock (workers of a killed run may still
    hold it) and finish or drop the killed run's writes."""
    with locked(out, lambda message: None):
        recover(out)


def test_kill_9_during_a_run_then_rerun_leaves_out_consistent_and_keeps_decisions(corpus, tmp_path):
    out = tmp_path / "out"
    assert clean(corpus, out).returncode == 0
    assert clean("reject", out, "--rule", "drop-stray-full-stop").returncode == 0
    assert clean("accept", out, "--rule", "drop-doubled-full-stop").returncode == 0
    before = decisions(out)
    assert {"accepted", "rejected"} <= set(before.values())
    touch_all(corpus, 1)
    duration = timed(corpus, out)
    seed = kill_seed()
    rng = random.Random(seed)
    killed = 0
    for n in range(KILLS):
        touch_all(corpus, n + 2)
        args = (corpus, out, "--jobs", str(1 + n % 2))
        killed += kill_9(args, rng.uniform(0.1, 0.9) * duration, whole_group=n % 3 == 0)
        with seeded(seed, f"kill {n}"):
            recovered(out)
            assert_consistent(corpus, out)  # after every kill, not only after the re-run
        assert decisions(out) == before, f"seed {seed}, kill {n}"
    assert killed >= KILLS // 2, f"the runs ended before they could be killed (seed {seed})"
    result = clean(corpus, out)
    assert result.returncode == 0, f"seed {seed}: {result.stderr}"
    with seeded(seed, "after the re-run"):
        assert_consistent(corpus, out)
    assert decisions(out) == before, f"seed {seed}, after the re-run"


def test_kill_9_during_accept_then_rerun_loses_no_decision(corpus, tmp_path):
    out = tmp_path / "out"
    assert clean(corpus, out).returncode == 0
    assert clean("reject", out, "--rule", "drop-stray-full-stop").returncode == 0
    rejected = decisions(out)
    duration = timed("accept", out, "--rule", "drop-junk-line")  # rewrites every article
    seed = kill_seed()
    rng = random.Random(seed)
    killed = 0
    earlier: dict = decisions(out)
    for n in range(KILLS):
        killed += kill_9(("accept", out), rng.uniform(0.1, 0.9) * duration, whole_group=n % 2 == 0)
        with seeded(seed, f"kill {n}"):
            recovered(out)
            assert_consistent(corpus, out)
        now = decisions(out)
        assert {k: now.get(k) for k in earlier} == earlier, f"a decision was lost (seed {seed}, kill {n})"
        earlier = now
    assert killed >= KILLS // 2, f"accept ended before it could be killed (seed {seed})"
    result = clean("accept", out)
    assert result.returncode == 0, f"seed {seed}: {result.stderr}"
    with seeded(seed, "after the re-run"):
        assert_consistent(corpus, out)
    final = decisions(out)
    assert {k: final[k] for k in rejected} == rejected, f"seed {seed}, after the re-run"
    assert all(
        e["status"] != "pending" for rel in articles_in(out) for e in edit_list(out, rel)["edits"]
    ), f"seed {seed}, after the re-run"
    assert all((out / rel).exists() for rel in articles_in(out)), f"seed {seed}, after the re-run"


class Crash(BaseException):
    """Stands for a kill: nothing after it runs, and write_together has no clean-up to run."""


@pytest.mark.parametrize("in_a_run", [False, True], ids=["a journal file per write", "a run's journal"])
def test_a_save_interrupted_at_any_step_is_all_or_nothing_after_recover(tmp_path, monkeypatch, in_a_run):
    """Killed at each step of a save in turn (each write, rename and removal: the first step,
    the second, … until a save gets through), then recovered: the files are all old or all new."""
    from dataclasses import replace as with_fields

    from pipeline.inputs.article import read_article
    from pipeline.engine.assembly import propose
    from pipeline.store.layout import paths
    from pipeline.store.proposals import new_proposal, save

    raw_path = tmp_path / "a.txt"
    raw_path.write_text("He said: “yes “. Talks go on. . Next.\nThe the its plan.\n", encoding="utf-8")
    article = read_article(raw_path, "a.txt")
    old = new_proposal(article, raw_path, propose(article.text)[0], {})
    new = with_fields(old, edits=tuple(with_fields(e, status="accepted") for e in old.edits))
    real = {name: getattr(os, name) for name in ("fdopen", "replace", "unlink", "write")}

    def interrupted(crash_at: int) -> bool:
        """Save ``new`` over ``old`` in a fresh OUT, killed at step ``crash_at``, and check what
        ``recover`` leaves; whether the save was killed."""
        out = tmp_path / f"out{crash_at}"
        save(out, old, article.text, write_text=True)
        trio = paths(out, "a.txt")
        old_files = [p.read_bytes() for p in trio]
        steps = 0

        def counted(name):
            def call(*args, **kwargs):
                nonlocal steps
                steps += 1
                if steps > crash_at:
                    raise Crash(name)
                return real[name](*args, **kwargs)

            return call

        for name in real:
            monkeypatch.setattr(os, name, counted(name))
        try:
            with run_journal(out) if in_a_run else contextlib.nullcontext():
                save(out, new, article.text, write_text=True)
            crashed = False
        except Crash:
            crashed = True
        finally:
            monkeypatch.undo()
        recover(out)
        files = [p.read_bytes() for p in trio]
        if not crashed:
            assert files != old_files
        save(out, new, article.text, write_text=True)  # what the new files are
        assert files in (old_files, [p.read_bytes() for p in trio]), f"a mix of old and new files (crash at step {crash_at})"
        assert [p.name for p in out.rglob("*.tmp")] == []
        assert list((out / ".mtclean" / "journal").iterdir()) == []
        return crashed

    crash_at = 0
    while interrupted(crash_at):
        crash_at += 1
    assert crash_at >= 8, "a save has a write for each file, a journal entry and a rename for each"


def crash_after_commit(out: Path, raw: Path, monkeypatch) -> None:
    """`clean accept` killed right after it committed its writes, before it renamed any file."""

    def killed(moves):
        raise Crash("killed after the commit")

    monkeypatch.setattr(store, "_roll_forward", killed)
    with pytest.raises(Crash):
        CliRunner().invoke(main, ["accept", str(out)], catch_exceptions=False)
    monkeypatch.undo()
    assert list((out / ".mtclean" / "journal").glob("*.json*")), "the commit was not left behind"


@pytest.fixture
def proposed(tmp_path: Path) -> tuple[Path, Path]:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("Talks go on. . Next week.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert clean(raw, out).returncode == 0
    return raw, out


def test_status_finishes_the_writes_a_killed_run_committed_before_counting(proposed, run_cli, monkeypatch):
    raw, out = proposed
    crash_after_commit(out, raw, monkeypatch)
    result = run_cli("status", out)
    assert result.exit_code == 0, result.output
    assert list((out / ".mtclean" / "journal").iterdir()) == []
    assert (out / "a.txt").read_text(encoding="utf-8") == "Talks go on. Next week.\n"
    assert_consistent(raw, out)


def test_report_finishes_the_writes_a_killed_run_committed_before_reading(proposed, run_cli, monkeypatch):
    raw, out = proposed
    crash_after_commit(out, raw, monkeypatch)
    assert run_cli("report", out).exit_code == 0
    assert list((out / ".mtclean" / "journal").iterdir()) == []
    assert_consistent(raw, out)


def test_status_does_not_wait_for_a_run_holding_out_nor_touch_its_writes(proposed, run_cli, monkeypatch):
    raw, out = proposed
    crash_after_commit(out, raw, monkeypatch)
    with locked(out, lambda message: None):  # a run at work on OUT
        result = run_cli("status", out)
        assert result.exit_code == 0, result.output
        assert list((out / ".mtclean" / "journal").glob("*.json*")), "status finished a running run's writes"


def test_a_report_page_half_written_by_a_killed_run_is_removed_by_the_next_command(proposed, run_cli):
    raw, out = proposed
    leftover = out / ".report.html.k1ll3d.tmp"
    leftover.write_text("<html><body>half", encoding="utf-8")
    assert run_cli("status", out).exit_code == 0
    assert not leftover.exists()



def test_each_worker_of_a_run_writes_its_temporaries_in_a_folder_of_its_own(tmp_path, monkeypatch):
    # One folder for all made the workers create their files one at a time (the kernel holds
    # a folder's lock while it creates a file in it).
    raw, out, noted = tmp_path / "raw", tmp_path / "out", tmp_path / "folders"
    make_corpus(raw, articles=40, paragraphs=4)
    new_temporary = store._new_temporary

    def noting(folder: Path) -> tuple[int, str]:
        with noted.open("a") as handle:  # from the forked workers too
            handle.write(f"{os.getpid()} {folder}\n")
        return new_temporary(folder)

    monkeypatch.setattr(store, "_new_temporary", noting)
    result = CliRunner().invoke(main, [str(raw), str(out), "--jobs", "2"], catch_exceptions=False)
    assert result.exit_code == 0
    written = [line.split(" ", 1) for line in noted.read_text().splitlines()]
    assert written and str(os.getpid()) not in {pid for pid, _ in written}, "the workers wrote the articles"
    assert all(folder == str(out / ".mtclean" / "tmp" / pid) for pid, folder in written)
    assert list((out / ".mtclean" / "tmp").iterdir()) == [], "the run removed its folders"


def test_a_temporary_left_by_a_killed_write_goes_with_its_folder_on_recover(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    make_corpus(raw, articles=1, paragraphs=2)
    out = tmp_path / "out"

    def killed(fd: int, data: object) -> None:
        os.close(fd)
        raise Crash("killed while writing")

    monkeypatch.setattr(store, "_write_and_close", killed)
    with pytest.raises(Crash):
        CliRunner().invoke(main, [str(raw), str(out), "--jobs", "1"], catch_exceptions=False)
    monkeypatch.undo()
    assert [p.parent.name for p in out.rglob("*.tmp")] == [str(os.getpid())]
    recover(out)
    assert list((out / ".mtclean" / "tmp").iterdir()) == []


def test_a_journal_whose_process_left_no_temporary_is_dropped_unread(tmp_path, monkeypatch):
    out = tmp_path / "out"
    journal = out / ".mtclean" / "journal" / "4321-7.jsonl"
    journal.parent.mkdir(parents=True)
    journal.write_text(json.dumps([[str(out / ".mtclean" / "tmp" / "4321" / "4321-0.tmp"), str(out / "a.txt.diff")]]) + "\n")

    def unread(path):
        raise AssertionError("read a journal whose writes were all made")

    monkeypatch.setattr(store, "_entries", unread)
    recover(out)
    assert not journal.exists()


@pytest.mark.parametrize("where", ["4321/4321-0.tmp", "4321-0.tmp"], ids=["its own folder", "straight in tmp, as before"])
def test_a_journal_whose_process_left_a_temporary_is_finished(tmp_path, where):
    out = tmp_path / "out"
    temporary = out / ".mtclean" / "tmp" / where
    temporary.parent.mkdir(parents=True)
    temporary.write_text("the new diff")
    journal = out / ".mtclean" / "journal" / "4321-7.jsonl"
    journal.parent.mkdir(parents=True)
    journal.write_text(json.dumps([[str(temporary), str(out / "a.txt.diff")]]) + "\n")
    assert recover(out) == 1
    assert (out / "a.txt.diff").read_text() == "the new diff"
    assert not journal.exists()
