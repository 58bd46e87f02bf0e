"""Shared by the review, report and status tests: a small OUT with known edits, and a `clean`
to run as a real process that has the review commands whether or not cli.py registers them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner

# Edits proposed for these two articles (ids as in OUT/<rel>.edits.json):
#   a.txt 1 drop-doubled-full-stop ' .' → ''      (safe)
#   a.txt 2 fix-quote-direction    ' “' → '”'     (safe)
#   a.txt 3 drop-stray-full-stop   '.'  → ''      (review)
#   b.txt 1 fix-quote-direction    ' “' → '”'     (safe)
#   b.txt 2 drop-doubled-full-stop ' .' → ''      (safe)
ARTICLES = {
    "a.txt": "Officials said the talks would go on. . The minister added: “we are close “.\n"
    "He wanted to protect the interests. through dialogue.\n",
    "b.txt": "Later, the envoy said: “talks go on “.\nThe ministers met in Moscow. . Then they left.\n",
}

_MAIN = (
    "from pipeline.ui.cli import main\n"
    "from pipeline.ui.report import report_command\n"
    "from pipeline.ui.review import review_command\n"
    "from pipeline.ui.status import status_command\n"
    "for command in (review_command, report_command, status_command):\n"
    "    if command.name not in main.commands:\n"
    "        main.add_command(command)\n"
    "main(prog_name='clean')\n"
)
# `clean` as a process: argv before the subcommand.
CLEAN = [sys.executable, "-c", _MAIN]


def make_out(tmp_path: Path, articles: dict[str, str] = ARTICLES) -> Path:
    """Propose edits for ``articles`` with the real `clean RAW OUT`; returns OUT."""
    from pipeline.ui.cli import main

    raw, out = tmp_path / "raw", tmp_path / "out"
    for rel, text in articles.items():
        (raw / rel).parent.mkdir(parents=True, exist_ok=True)
        (raw / rel).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, [str(raw), str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def edits_of(out: Path, rel: str) -> list[dict]:
    return json.loads((out / f"{rel}.edits.json").read_text(encoding="utf-8"))["edits"]


def statuses(out: Path, rel: str) -> list[str]:
    return [e["status"] for e in edits_of(out, rel)]
