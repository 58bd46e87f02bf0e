"""How long `clean RAW OUT` takes when nothing is new: 1,000 and 10,000 generated articles.

    python benchmarks/rerun.py [--sizes 1000 10000] [--repeat 5] [--dir DIR] [--keep]

For each size it generates the articles (benchmarks/corpus.py), runs `clean RAW OUT` once
in full (all cores), then times the re-run that finds nothing new: a subprocess, wall
time from start to exit (Python start-up and imports included), ``--repeat`` times; it
prints the median and the best. Target: under 1 s for 10,000 articles.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus as generator  # noqa: E402

CLEAN = [sys.executable, "-c", "from pipeline.ui.cli import main; main()"]


def run(raw: Path, out: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([*CLEAN, str(raw), str(out)], capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"clean failed (exit {done.returncode}): {done.stderr.strip()}")
    return seconds, done.stdout.strip().splitlines()[0] if done.stdout.strip() else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dir", type=Path, help="where to generate (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora and outputs")
    args = parser.parse_args(argv)
    folder = args.dir or Path(tempfile.mkdtemp(prefix="mtclean-rerun-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for size in args.sizes:
            raw, out = folder / f"raw-{size}", folder / f"out-{size}"
            count, total = generator.generate(raw, articles=size)
            if out.exists():
                shutil.rmtree(out)
            first, _ = run(raw, out)
            times, line = [], ""
            for _ in range(args.repeat):
                seconds, line = run(raw, out)
                times.append(seconds)
            if not line.startswith("nothing new"):
                sys.exit(f"the re-run was not a nothing-new run: {line!r}")
            rows.append((size, total, first, statistics.median(times), min(times)))
            print(f"{size} articles: {line}", flush=True)
    finally:
        if not args.keep and not args.dir:
            shutil.rmtree(folder, ignore_errors=True)
    load = os.getloadavg()[0]
    print()
    print(f"Nothing-new re-run of `clean RAW OUT` (wall, subprocess; median and best of {args.repeat}; load average {load:.1f})")
    print(f"| {'articles':>8} | {'MB':>5} | {'first run s':>11} | {'re-run s (median)':>17} | {'best':>5} |")
    print(f"|{'-' * 10}|{'-' * 7}|{'-' * 13}|{'-' * 19}|{'-' * 7}|")
    for size, total, first, median, best in rows:
        print(f"| {size:>8,} | {total / 1e6:>5.1f} | {first:>11.1f} | {median:>17.2f} | {best:>5.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
