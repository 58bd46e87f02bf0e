"""What running on Ray Data costs: `clean --engine ray` on a local Ray of 2 CPUs against
`clean --jobs 2`, as whole commands, on the benchmark corpus.

    python benchmarks/ray_engine.py [--mb 20] [--dir DIR] [--keep] [--jobs 2]

Needs the ray extra: ``pip install -e '.[ray]'``.

1. Generates the benchmark corpus (benchmarks/corpus.py, as speed.py does; 20 MB by default).
2. Runs `clean RAW OUT --jobs N` and `clean RAW OUT --engine ray --jobs N` (a fresh local Ray
   of N CPUs: its start-up is part of the command) in subprocesses, fresh OUT each.
3. Runs both on a one-article corpus: the fixed cost of each command (imports, start-up).
4. Prints wall times, articles/s and articles/s per core for each, the engine overhead
   (the Ray command's time over the local one's), and the edit totals, which must agree.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus as generator  # noqa: E402


def run_clean(raw: Path, out: Path, jobs: int, *engine: str) -> float:
    """Seconds of `clean RAW OUT --jobs N [--engine ray]`, fresh OUT."""
    if out.exists():
        shutil.rmtree(out)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", "from pipeline.ui.cli import main; main()", str(raw), str(out), "--jobs", str(jobs), *engine],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "RAY_ADDRESS": ""},
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"clean {' '.join(engine)} failed on {raw} (exit {done.returncode}): {done.stderr.strip()[-800:]}")
    return seconds


def local_edits(out: Path) -> int:
    return sum(len(json.loads(p.read_text(encoding="utf-8"))["edits"]) for p in out.rglob("*.edits.json"))


def ray_edits(out: Path) -> int:
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    return int(pc.sum(pc.list_value_length(pq.read_table(out, columns=["edits"]).column("edits"))).as_py() or 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    parser.add_argument("--jobs", type=int, default=2, help="cores for both engines (default 2)")
    parser.add_argument("--dir", type=Path, help="where to build the corpus (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and outputs")
    args = parser.parse_args(argv)
    folder = args.dir or Path(tempfile.mkdtemp(prefix="mtclean-ray-"))
    try:
        count, size = generator.generate(folder / "raw", mb=args.mb)
        tiny = folder / "tiny"
        tiny.mkdir(exist_ok=True)
        (tiny / "a.txt").write_text("Tmur Umarov and Temur Umarov met in Moscow. . Russia did what she had to do.\n")
        print(f"corpus: {count} articles, {size / 1e6:.1f} MB; load average {os.getloadavg()[0]:.2f}; jobs {args.jobs}")
        timings = {}
        for name, engine in (("local", ()), ("ray", ("--engine", "ray"))):
            start_up = run_clean(tiny, folder / f"tiny-{name}", args.jobs, *engine)
            whole = run_clean(folder / "raw", folder / f"out-{name}", args.jobs, *engine)
            timings[name] = (start_up, whole)
            rate = count / whole
            print(
                f"{name:>5}: {whole:7.1f} s for the corpus ({start_up:5.1f} s for one article), "
                f"{rate:6.1f} articles/s, {rate / args.jobs:6.1f} articles/s per core, {size / 1e6 / whole:5.2f} MB/s"
            )
        (local_start, local_whole), (ray_start, ray_whole) = timings["local"], timings["ray"]
        print(f"engine overhead: {ray_whole - local_whole:+.1f} s ({ray_whole / local_whole:.2f}x the local run); "
              f"fixed cost {ray_start - local_start:+.1f} s")
        print(f"edits: local {local_edits(folder / 'out-local')}, ray {ray_edits(folder / 'out-ray')}")
        print(f"load average at the end {os.getloadavg()[0]:.2f}")
    finally:
        if not args.keep and args.dir is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
