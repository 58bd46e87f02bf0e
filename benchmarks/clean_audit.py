"""Every edit and flag the default pipeline proposes on a folder of clean English: a check
that professionally written news comes out unchanged, on articles of your own.

    python benchmarks/clean_audit.py FOLDER [--quiet]

FOLDER holds ``*.txt`` articles (any depth) written by people, not by a translation system:
every edit listed is a false alarm unless it repairs a genuine slip of the source, and every
flag one to look at. The folder is cleaned as `clean` cleans one (one name index over it
all). Prints each edit in context, each flag with its reasons, then the counts. Nothing is
written; the articles need not be in this repository (licences: keep them out of it).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality import Corpus, context, sentences_of  # noqa: E402


def audit(folder: Path, show: bool = True) -> tuple[int, int, int, int, Counter]:
    """(articles, sentences, edits, flags, edits by rule) over the ``*.txt`` under ``folder``."""
    texts = {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))}
    rules: Counter = Counter()
    edits = flags = 0
    for name, text, found, flagged in Corpus(texts).each():
        for edit in found:
            rules.update(edit.rules)
            edits += 1
            if show:
                print(f"edit  {name}: {edit.rule}: {context(text, edit)}")
        for flag in flagged:
            flags += 1
            if show:
                reasons = "; ".join(flag["reasons"])
                print(f"flag  {name}: {reasons}: {' '.join(text[flag['start'] : flag['end']].split())[:160]}")
    sentences = sum(sentences_of(text) for text in texts.values())
    return len(texts), sentences, edits, flags, rules


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--quiet", action="store_true", help="the counts only")
    args = parser.parse_args(argv)
    articles, lines, edits, flags, rules = audit(args.folder, not args.quiet)
    print(f"\n{articles} articles, {lines} non-blank lines: {edits} edits, {flags} flagged sentences")
    if rules:
        print("by rule: " + ", ".join(f"{rule} {n}" for rule, n in rules.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
