"""A mutation check anyone can repeat: small deliberate bugs, each made alone in a copy of
the repository, each run against the tests meant to catch it.

    python benchmarks/mutations.py            # every mutation; exit 1 if one survives
    python benchmarks/mutations.py --list     # what each mutation does, where
    python benchmarks/mutations.py -k atomic  # only mutations whose name holds "atomic"

The copy holds the files git tracks or would track (untracked, not ignored), so a change
not yet committed is checked too. Each mutation replaces one exact piece of source that must
occur once (a mutation whose piece is gone is reported "stale", and counts as a failure, so
the list cannot rot in silence). The copy is imported through PYTHONPATH, subprocesses
included. A clean copy must pass every listed test first, or nothing is reported.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Mutation:
    name: str  # what the bug does, as a reviewer would say it
    path: str  # the file it is made in, relative to the repository
    old: str  # the exact source it replaces (must occur once)
    new: str
    tests: tuple[str, ...]  # the test files (or node ids) meant to catch it


MUTATIONS: tuple[Mutation, ...] = (
    Mutation(
        "write_atomic writes into the file in place (no temporary file, no rename)",
        "pipeline/store/writes.py",
        '        with os.fdopen(fd, "wb") as handle:\n'
        "            yield handle\n"
        "        os.replace(tmp, path)\n",
        "        os.close(fd)\n"
        "        os.unlink(tmp)\n"
        '        with open(path, "r+b" if path.exists() else "wb") as handle:\n'
        "            handle.truncate(0)\n"
        "            yield handle\n",
        ("tests/test_store.py",),
    ),
    Mutation(
        "a reviewer's own replacement is not carried to the next proposal",
        "pipeline/store/decisions.py",
        "                replacement=before.replacement,\n",
        "",
        ("tests/test_incremental.py",),
    ),
    Mutation(
        "a re-run ignores the pipeline signature when deciding what is new",
        "pipeline/store/index.py",
        '            and entry["signature"] == signature_hash\n',
        "",
        ("tests/test_incremental.py",),
    ),
    Mutation(
        "the signature's rule hash covers the punctuation rules only",
        "pipeline/engine/assembly.py",
        "if r.stage in names)",
        'if r.stage == "punctuation")',
        ("tests/test_incremental.py",),
    ),
    Mutation(
        "a re-run ignores a changed modification time (same size, new content)",
        "pipeline/store/index.py",
        '            and entry["mtime_ns"] == stat.st_mtime_ns\n',
        "",
        ("tests/test_incremental.py",),
    ),
    Mutation(
        "a rejected edit comes back as pending when its article is proposed again",
        "pipeline/store/decisions.py",
        "                status=before.status,\n",
        "",
        ("tests/test_incremental.py",),
    ),
    Mutation(
        "drop-doubled-determiner drops an article before any second word (no word list check)",
        "pipeline/stages/punctuation/doubled_words.py",
        "            match.group(2) not in _NOT_AFTER[match.group(1)]\n            and not",
        "            not",
        ("tests/test_punctuation.py",),
    ),
    Mutation(
        "drop-doubled-determiner ignores the characters around the match",
        "pipeline/stages/punctuation/doubled_words.py",
        "            and not (start and (text[start - 1].isalnum() or text[start - 1] in _JOINERS))\n"
        "            and text[end : end + 1] not in _JOINERS\n",
        "",
        ("tests/test_punctuation.py",),
    ),
    Mutation(
        "apply lets overlapping edits through",
        "pipeline/core/edits.py",
        "        if start < pos:\n            raise ValueError(f\"overlapping edits",
        "        if False:\n            raise ValueError(f\"overlapping edits",
        ("tests/test_edits.py",),
    ),
    Mutation(
        "validate accepts unsorted or overlapping edits",
        "pipeline/core/edits.py",
        "        if edit.start < pos:\n            raise ValueError(f\"overlapping or unsorted",
        "        if False:\n            raise ValueError(f\"overlapping or unsorted",
        ("tests/test_edits.py",),
    ),
    Mutation(
        "the diff also shows rejected edits",
        "pipeline/store/proposals.py",
        '    live = [e for e in proposal.edits if e.status != "rejected"]\n',
        "    live = list(proposal.edits)\n",
        ("tests/test_cli.py",),
    ),
    Mutation(
        "the accepted text also takes the pending edits",
        "pipeline/store/proposals.py",
        '        accepted = [e for e in proposal.edits if e.status == "accepted"]\n',
        '        accepted = [e for e in proposal.edits if e.status != "rejected"]\n',
        ("tests/test_cli.py",),
    ),
    Mutation(
        "a long article is proposed whole, not in pieces",
        "pipeline/engine/assembly.py",
        "    for offset, piece in pieces(view):\n",
        "    for offset, piece in [(0, view)]:\n",
        ("tests/test_pieces.py::test_memory_for_a_long_article_grows_slower_than_the_article",),
    ),
    Mutation(
        "a long hunk is held whole rather than written a block at a time",
        "pipeline/store/diffs.py",
        "        if bounds[hi] - bounds[lo] < _LONG_HUNK:\n",
        "        if True:\n",
        ("tests/test_diffs.py::test_a_long_hunk_written_in_pieces_is_the_same_diff_and_patch_applies_it",),
    ),
    Mutation(
        "the workers of a run create their temporaries in one shared folder",
        "pipeline/store/writes.py",
        '    return out / STATE_DIR / "tmp" / str(os.getpid())\n',
        '    return out / STATE_DIR / "tmp"\n',
        ("tests/test_crashes.py::test_each_worker_of_a_run_writes_its_temporaries_in_a_folder_of_its_own",),
    ),
    Mutation(
        "recovery drops a process's journal unread although its temporaries are still there",
        "pipeline/store/writes.py",
        "    return own is None or _holds_temporaries(tmp_dir / own.group(1))\n",
        "    return own is None\n",
        ("tests/test_crashes.py::test_a_journal_whose_process_left_a_temporary_is_finished",),
    ),
    Mutation(
        "recovery drops a committed journal without finishing its renames",
        "pipeline/store/writes.py",
        "            finished += _roll_forward([(str(tmp), str(target)) for tmp, target in moves])\n",
        "            pass\n",
        ("tests/test_crashes.py::test_a_save_interrupted_at_any_step_is_all_or_nothing_after_recover",),
    ),
    Mutation(
        "edits after a byte-order mark land one character early in the raw text",
        "pipeline/core/text.py",
        "return self.skip + pos + bisect",
        "return pos + bisect",
        ("tests/test_article.py",),
    ),
    Mutation(
        "a line break an edit inserts in a CRLF article is written as LF",
        "pipeline/core/text.py",
        'replacement=e.replacement.replace("\\n", self.newline),',
        "replacement=e.replacement,",
        ("tests/test_article.py",),
    ),
    Mutation(
        "review's own replacement (e) keeps the proposal's text",
        "pipeline/ui/review.py",
        'lambda e: replace(e, replacement=new, proposed=proposed, status="accepted")',
        'lambda e: replace(e, proposed=proposed, status="accepted")',
        ("tests/test_review.py",),
    ),
    Mutation(
        "a UTF-16 or UTF-32 article's diff is written in UTF-8",
        "pipeline/store/diffs.py",
        '    if "\\n".encode(encoding) == b"\\n":\n',
        "    if True:\n        encoding = \"utf-8\"\n",
        ("tests/test_diffs.py",),
    ),
    Mutation(
        "diff lines of a CRLF article end in LF",
        "pipeline/store/diffs.py",
        "        out.append(prefix + line)\n",
        '        out.append(prefix + line.replace("\\r\\n", "\\n"))\n',
        ("tests/test_diffs.py",),
    ),
    Mutation(
        "a diff hunk takes in one unchanged line more than the edits change",
        "pipeline/store/diffs.py",
        "    last = min(bisect.bisect_right(bounds, max(edit.start, edit.end - 1)), count)\n",
        "    last = min(bisect.bisect_right(bounds, max(edit.start, edit.end - 1)) + 1, count)\n",
        ("tests/test_robustness.py::test_large_article_is_proposed_correctly", "tests/test_diffs.py"),
    ),
    Mutation(
        "fix-name-variant never proposes anything",
        "pipeline/stages/names/variants.py",
        "    here = name_word_counts(text)\n    if not here:\n",
        "    here = name_word_counts(text)\n    if True:\n",
        ("tests/test_names.py",),
    ),
    Mutation(
        "fix-name-variant respells one of two known names (no 'both are known names' veto)",
        "pipeline/stages/names/weighing.py",
        '        veto = veto or "both are known names"\n',
        "        pass\n",
        ("tests/test_names.py",),
    ),
    Mutation(
        "stray_second_person fires on a 'you' addressed to the reader (no third-person check)",
        "pipeline/stages/rewrite/detector/name_signals.py",
        "    if not _THIRD_PERSON.search(s.text, 0, match.start()):\n        return None\n",
        "",
        ("tests/test_rewrite_detector.py",),
    ),
    Mutation(
        "bare_weekday_start fires on a weekday that is the subject (no verb check)",
        "pipeline/stages/rewrite/detector/boundary_signals.py",
        "    if any(word.lower() in DAY_VERBS for word in WORD.findall(clause)[:6]):\n        return None\n",
        "",
        ("tests/test_rewrite_detector.py",),
    ),
    Mutation(
        "bare_weekday_start never fires",
        "pipeline/stages/rewrite/detector/boundary_signals.py",
        "    match = _BARE_WEEKDAY.match(s.text)\n    if not match:\n",
        "    match = _BARE_WEEKDAY.match(s.text)\n    if True:\n",
        ("tests/test_rewrite_detector.py",),
    ),
    Mutation(
        "close-quote-at-paragraph-end closes a quotation opened again mid-paragraph",
        "pipeline/stages/punctuation/quote_rules.py",
        "        if _reopened_inside(text, paragraph):\n            continue\n",
        "",
        ("tests/test_punctuation.py",),
    ),
    Mutation(
        "drop-duplicated-name drops a name the article writes doubled every time",
        "pipeline/stages/names/duplicates.py",
        "        return doubled >= 2 and 2 * doubled == self.mentions.get(unit, 0)\n",
        "        return False\n",
        ("tests/test_names.py",),
    ),
    Mutation(
        "drop-doubled-quote-mark collapses an odd number of pairs (one opens or closes nothing)",
        "pipeline/stages/punctuation/quote_rules.py",
        "    if len(positions) % 2:\n",
        "    if False:\n",
        ("tests/test_punctuation.py",),
    ),
    Mutation(
        "fix-mismatched-closing-quote requires no quote left open, not even one running on",
        "pipeline/stages/punctuation/quotes.py",
        "    left_open = [goes_on] if goes_on >= 0 else []\n",
        "    left_open = []\n",
        ("tests/test_punctuation.py",),
    ),
)


def copy_repository(target: Path) -> None:
    """The files git tracks or would track, copied under ``target``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, check=True, capture_output=True,
    ).stdout.decode().split("\0")
    for rel in filter(None, listed):
        source = ROOT / rel
        if source.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel)


def run_tests(copy: Path, tests: tuple[str, ...]) -> tuple[bool, str]:
    """(passed, the first failing test's id or the last lines of output)."""
    env = {**os.environ, "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("MTCLEAN_REQUIRE_ALL", None)  # a skip is not a catch, but it is not a mutation's fault either
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-x", "-q", "-rf", "-p", "no:cacheprovider", *tests],
        cwd=copy, env=env, capture_output=True, text=True,
    )
    failed = re.findall(r"^(?:FAILED|ERROR) ([^\s\[]+)", done.stdout, re.M)  # the test, without its parameters
    return done.returncode == 0, failed[0] if failed else " ".join(done.stdout.strip().splitlines()[-1:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="list the mutations and exit")
    parser.add_argument("-k", default="", help="only mutations whose name holds this text")
    args = parser.parse_args()
    chosen = [m for m in MUTATIONS if args.k.lower() in m.name.lower()]
    if args.list:
        for number, m in enumerate(chosen, 1):
            print(f"{number:2}. {m.name}  [{m.path}; {', '.join(m.tests)}]")
        return 0
    with tempfile.TemporaryDirectory(prefix="mtclean-mutants-") as folder:
        copy = Path(folder)
        copy_repository(copy)
        started = time.perf_counter()
        every_test = tuple(dict.fromkeys(t for m in chosen for t in m.tests))
        passed, detail = run_tests(copy, every_test)
        if not passed:
            print(f"the unmutated copy fails its tests ({detail}); nothing to report", file=sys.stderr)
            return 2
        survivors = 0
        print(f"{'mutation':<84} caught by")
        for m in chosen:
            path = copy / m.path
            source = path.read_text(encoding="utf-8")
            if source.count(m.old) != 1:
                survivors += 1
                print(f"{m.name:<84} STALE: its piece of {m.path} occurs {source.count(m.old)} times")
                continue
            path.write_text(source.replace(m.old, m.new), encoding="utf-8")
            try:
                passed, detail = run_tests(copy, m.tests)
            finally:
                path.write_text(source, encoding="utf-8")
            survivors += passed
            print(f"{m.name:<84} {'NOT CAUGHT' if passed else detail}", flush=True)
        print(f"{len(chosen) - survivors} of {len(chosen)} mutations caught in {time.perf_counter() - started:.0f} s")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
