"""How fast mtclean cleans, against ftfy and sacremoses on the same text, in one run.

    python benchmarks/speed.py [--quick] [--base-mb 2.5] [--dir DIR] [--keep] [--repeat 3]
                               [--rounds 3] [--long-max-mb 4.5]

Needs the benchmark extra: ``pip install -e '.[bench]'`` (ftfy, sacremoses).

The package is byte-compiled first, as a user's Python keeps it (this machine sets
PYTHONDONTWRITEBYTECODE, which would make every `clean` compile it from source again).

First, speed as users meet it: ``clean RAW OUT --jobs 1``, ``--jobs 2`` and ftfy's whole command
(a script that reads each file, runs ``fix_text`` and writes the result) as subprocesses over
the same files (the 8x corpus), side by side, ``--rounds`` interleaved rounds, the best kept:
wall and CPU seconds, articles/s, MB/s, each against ftfy, and ``--jobs 2`` against
``--jobs 1``. Then the in-process time of each stage (the 1x corpus: name index, the four rule
stages, the detector). Then the sections below. Last, the one-long-article series: one file
made of N copies of the longest seed in ``raw/``, 10 KB to 4.5 MB (to 50 MB with
``--long-max-mb 50``), against the same text as N files: ``clean --jobs 1`` CPU seconds and
s/MB of each, and their ratio.

1. Generates a reproducible corpus of seed-like articles (benchmarks/corpus.py): 8x the
   base of ``--base-mb`` MB (20 MB by default), and 1x/2x/4x as prefixes of it.
2. In this process, streaming the 8x corpus one article at a time (the corpus is never
   held), times on each article in turn: the four rule stages ``clean`` runs (encoding,
   punctuation, names, referents: ``Pipeline(stages, rewrite=None)``, the target), the
   pipeline ``clean`` runs by default (those and the garble detector, no rewrite model),
   ftfy's ``fix_text`` and sacremoses' ``MosesPunctNormalizer().normalize``. Each tool
   runs ``--repeat`` times on each article and its fastest try counts, so that other work
   on the machine, which only ever adds time, weighs on no tool more than another; the
   pipeline's caches are emptied before every try. The pipeline's time includes its corpus
   pass (the name index ``clean`` builds first, reading every article), timed the same way:
   article by article, the fastest of ``--repeat`` tries. One-time start-up (imports, the
   word list) is left out for every tool. Chars are code points.
3. Runs ``clean RAW OUT --jobs 1`` end to end (a subprocess, fresh OUT, best of three) on
   1x, 2x, 4x and 8x, with each run's peak RSS, and checks that the CPU time per MB,
   start-up excluded, stays within 10% (CPU time: wall time moves with other work); the
   start-up is measured by a run on one short article, and also fitted from the four runs.
4. Runs ``clean RAW OUT --jobs 2`` on 8x: the measured speed-up over ``--jobs 1``, and the
   one two idle cores would give, from the CPU time of the main process (serial) and of
   the workers (shared by the two cores).

On a machine shared with other work the timings vary from run to run; the ratios, measured
side by side, much less. The load average is printed at the start and the end.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus as generator  # noqa: E402

from pipeline.inputs.article import find_articles, read_article  # noqa: E402
from pipeline.tables.merge import corpus_table  # noqa: E402
from pipeline.stages.names.index import NameIndex  # noqa: E402
from pipeline.stages.names.spelling import zipf  # noqa: E402
from pipeline.engine.assembly import Pipeline, propose, rule_stages  # noqa: E402
from pipeline.stages.rewrite.stage import RewriteStage  # noqa: E402
from pipeline.tables.fingerprint import table_hash  # noqa: E402

# `clean`, run so that it reports its own resource use when it ends: its peak RSS from
# /proc (getrusage would count this process's memory, which it was forked from, as its own),
# its workers' from getrusage (they are forked from it: what they share with it counts).
CLEAN_REPORTING = """
import json, re, resource, sys
from pipeline.ui.cli import main
try:
    main()
finally:
    me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        status = open("/proc/self/status").read()
        rss = int(re.search(r"VmHWM:\\s*(\\d+)", status).group(1))
    except (OSError, AttributeError):
        rss = me.ru_maxrss
    print(json.dumps({"rss": rss, "workers_rss": workers.ru_maxrss,
                      "cpu": me.ru_utime + me.ru_stime, "workers_cpu": workers.ru_utime + workers.ru_stime,
                      "sys": me.ru_stime + workers.ru_stime}),
          file=sys.stderr)
"""
# `clean` with every article's proposal empty: what the command costs around its stages
# (start-up, listing and reading, the name index, hashing, writing both files of every article).
CLEAN_WITHOUT_STAGES = CLEAN_REPORTING.replace(
    "from pipeline.ui.cli import main\n",
    "from pipeline.ui.cli import main\nimport pipeline.engine.local\npipeline.engine.local.propose = lambda text, pipeline: ([], [])\n",
)
# ftfy as a whole command, as a user would run it over the same files: read each article,
# ``fix_text``, write the result; it reports its resource use as `clean` does above.
FTFY_COMMAND = """
import json, re, resource, sys
from pathlib import Path
import ftfy
raw, out = Path(sys.argv[1]), Path(sys.argv[2])
for path in sorted(raw.rglob("*.txt")):
    target = out / path.relative_to(raw)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(ftfy.fix_text(path.read_text(encoding="utf-8")), encoding="utf-8")
me = resource.getrusage(resource.RUSAGE_SELF)
rss = int(re.search(r"VmHWM:\\s*(\\d+)", open("/proc/self/status").read()).group(1))
print(json.dumps({"rss": rss, "workers_rss": 0, "cpu": me.ru_utime + me.ru_stime, "workers_cpu": 0, "sys": me.ru_stime}), file=sys.stderr)
"""
SCALES = (1, 2, 4, 8)
REPEAT = 3  # end-to-end runs per size: the best CPU time counts (other work on the machine adds noise)


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def references():
    try:
        import ftfy
        from sacremoses import MosesPunctNormalizer
    except ImportError as exc:
        sys.exit(f"speed.py needs the benchmark extra: pip install -e '.[bench]' ({exc})")
    return ftfy.fix_text, MosesPunctNormalizer().normalize


def build_corpora(folder: Path, base_mb: float) -> dict[int, Path]:
    """The 8x corpus, generated, and 1x/2x/4x as hard-linked prefixes of it (articles are
    generated one by one from their number, so the prefix of the 8x corpus is the 1x one)."""
    big = folder / "x8"
    count, size = generator.generate(big, mb=base_mb * 8)
    articles = sorted(p for p in big.iterdir() if p.suffix == ".txt")
    corpora = {8: big}
    for scale in SCALES[:-1]:
        target = folder / f"x{scale}"
        if target.exists():
            shutil.rmtree(target)
        target.mkdir()
        os.link(big / "clean.toml", target / "clean.toml")
        budget, total = base_mb * scale * 1_000_000, 0
        for path in articles:
            if total >= budget:
                break
            os.link(path, target / path.name)
            total += path.stat().st_size
        corpora[scale] = target
    print(f"corpus: {count} articles, {size / 1e6:.1f} MB (8x), base {base_mb} MB, in {folder}")
    return corpora


def in_process(raw: Path, repeat: int) -> dict:
    """Chars/s of the pipeline (rule stages only; default stages) and of the references,
    streaming the articles, each tool timed on each article in turn, best of ``repeat``."""
    fix_text, normalize = references()
    found = list(find_articles(raw))
    table = corpus_table(raw)[0]
    zipf("warm")  # load the word list now: start-up, like importing ftfy
    fix_text("warm “up”"), normalize("warm up")

    index, index_s = name_index_timed(found, repeat)
    tables = {"table": table_hash(table)}

    # Each pipeline has its own name index: what one learnt about an article's names must not
    # speed up the other on that article.
    rules = Pipeline(rule_stages(table, index), None, tables)
    default = Pipeline(rule_stages(table, NameIndex(index.names, index.articles, index.documents)), RewriteStage(), tables)
    tools = {
        "ftfy": fix_text,
        "moses": normalize,
        "rules": lambda text: propose(text, rules),
        "default": lambda text: propose(text, default),  # what `clean RAW OUT` runs
    }
    timing = dict.fromkeys(tools, 0.0)
    chars = 0
    clock = time.perf_counter
    for rel, path in found:
        text = read_article(path, rel).text
        chars += len(text)
        for name, tool in tools.items():
            best = float("inf")
            for _ in range(repeat):  # other work on the machine only ever adds time
                forget_caches()  # every try starts cold, as the first sight of an article does
                t = clock()
                tool(text)
                best = min(best, clock() - t)
            timing[name] += best
    return {"chars": chars, "articles": len(found), "index_s": index_s, **timing}


def name_index_timed(found: list[tuple[str, Path]], repeat: int) -> tuple[NameIndex, float]:
    """The corpus pass ``clean`` makes before proposing (``name_index``: read each article,
    count its names; then the contexts), and its time, taken as each tool's is: article by
    article, the fastest of ``repeat`` tries (on a scratch index) counting."""
    clock = time.perf_counter
    index, seconds = NameIndex(), 0.0
    for rel, path in found:
        best = float("inf")
        for _ in range(repeat):
            t = clock()
            NameIndex().add(read_article(path, rel).text)
            best = min(best, clock() - t)
        seconds += best
        index.add(read_article(path, rel).text)
    best = float("inf")
    for _ in range(repeat):
        index._contexts = None
        t = clock()
        index.contexts  # noqa: B018 - built on first use; part of the pass
        best = min(best, clock() - t)
    return index, seconds + best


def byte_compile_package() -> None:
    """Byte-compile the package, as Python does on a first run and pip on installing it: where
    PYTHONDONTWRITEBYTECODE is set (this project's machines set it) each `clean` would compile
    its ~90 modules from source again, about 0.25 s a run, while ftfy's were compiled when pip
    installed it. A user's Python keeps them compiled."""
    import compileall

    compileall.compile_dir(ROOT / "pipeline", quiet=1)


def forget_caches() -> None:
    """Empty the pipeline's in-process caches (they only ever help a text seen before)."""
    from pipeline.core import text
    from pipeline.stages.names import runs
    from pipeline.stages.punctuation import quotes

    quotes._SEEN.clear()
    quotes.scan.cache_clear()
    runs.NAME_RUNS.clear()
    text.paragraph_spans.cache_clear()


class Run(NamedTuple):
    wall: float  # seconds
    main_cpu: float  # user + system seconds of the `clean` process itself
    workers_cpu: float  # ... of its worker processes
    rss: float  # peak resident set size of its largest process, MB
    sys_cpu: float = 0.0  # the system (kernel) part of its CPU seconds: mostly files created

    @property
    def cpu(self) -> float:
        return self.main_cpu + self.workers_cpu


def run_clean(raw: Path, out: Path, jobs: int, program: str = CLEAN_REPORTING) -> Run:
    """`clean RAW OUT --jobs N` in a subprocess, fresh OUT (or, with ``program=FTFY_COMMAND``,
    ftfy over the same files)."""
    if out.exists():
        shutil.rmtree(out)
    arguments = [str(raw), str(out)] + (["--jobs", str(jobs)] if program is not FTFY_COMMAND else [])
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", program, *arguments],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"clean failed on {raw} (exit {done.returncode}): {done.stderr.strip()[-500:]}")
    usage = json.loads(done.stderr.strip().splitlines()[-1])
    rss = max(usage["rss"], usage["workers_rss"]) / 1024  # kilobytes on Linux
    return Run(seconds, usage["cpu"], usage["workers_cpu"], rss, usage.get("sys", 0.0))


def start_up(folder: Path, raw: Path) -> Run:
    """`clean` on one short article: imports, tables, word list, writing (best of 3)."""
    tiny = folder / "tiny"
    if tiny.exists():
        shutil.rmtree(tiny)
    tiny.mkdir()
    shutil.copy(raw / "clean.toml", tiny / "clean.toml")
    (tiny / "a.txt").write_text("Tmur Umarov and Temur Umarov met in Moscow. . Russia did what she had to do.\n")
    runs = [run_clean(tiny, folder / "tiny-out", 1) for _ in range(3)]
    best = min(runs, key=lambda r: r.cpu)
    return Run(min(r.wall for r in runs), best.main_cpu, best.workers_cpu, max(r.rss for r in runs))


def whole_process(folder: Path, raw: Path, rounds: int) -> dict[str, Run]:
    """`clean RAW OUT --jobs 1`, `--jobs 2` and ftfy's whole command over the same files, each a
    fresh process writing every output file, round after round (a busy spell of the machine
    hits all three alike); each one's fastest round (wall time) kept, and its least CPU."""
    tries: dict[str, list[Run]] = {"ftfy": [], "jobs1": [], "jobs2": [], "bare": []}
    for _ in range(rounds):
        tries["ftfy"].append(run_clean(raw, folder / "out-ftfy", 1, FTFY_COMMAND))
        tries["jobs1"].append(run_clean(raw, folder / "out-jobs1", 1))
        tries["jobs2"].append(run_clean(raw, folder / "out-jobs2", 2))
        tries["bare"].append(run_clean(raw, folder / "out-bare", 1, CLEAN_WITHOUT_STAGES))
    best = {}
    for name, runs in tries.items():
        fastest = min(runs, key=lambda r: r.wall)
        cpu = min(runs, key=lambda r: r.cpu)
        best[name] = Run(fastest.wall, cpu.main_cpu, cpu.workers_cpu, max(r.rss for r in runs), cpu.sys_cpu)
    return best


def report_whole_process(folder: Path, raw: Path, rounds: int) -> None:
    articles = sum(1 for p in raw.rglob("*.txt"))
    size = mb_of(raw)
    best = whole_process(folder, raw, rounds)
    print()
    print(
        f"Whole process, as users meet it: {articles} articles, {size:.1f} MB, each command a fresh"
        f" process writing every output file, best of {rounds} interleaved rounds"
    )
    print(f"| {'command':<38} | {'wall s':>7} | {'articles/s':>10} | {'MB/s':>6} | {'CPU s':>6} | {'of it sys':>9} | {'vs ftfy (wall)':>14} | {'vs ftfy (CPU)':>13} |")
    print(f"|{'-' * 40}|{'-' * 9}|{'-' * 12}|{'-' * 8}|{'-' * 8}|{'-' * 11}|{'-' * 16}|{'-' * 15}|")
    labels = {
        "ftfy": "ftfy: read, fix_text, write each file",
        "jobs1": "clean RAW OUT --jobs 1 (default stages)",
        "jobs2": "clean RAW OUT --jobs 2",
        "bare": "the same, --jobs 1, stages left out",
    }
    ftfy = best["ftfy"]
    for name, label in labels.items():
        run = best[name]
        print(
            f"| {label:<38} | {run.wall:>7.2f} | {articles / run.wall:>10.1f} | {size / run.wall:>6.2f} | {run.cpu:>6.2f} | {run.sys_cpu:>9.2f} |"
            f" {ftfy.wall / run.wall:>13.2f}x | {ftfy.cpu / run.cpu:>12.2f}x |"
        )
    one, two = best["jobs1"], best["jobs2"]
    print(
        f"--jobs 2 vs --jobs 1: {one.wall / two.wall:.2f}x (wall); from CPU times, on two idle cores:"
        f" {one.cpu / (two.main_cpu + two.workers_cpu / 2):.2f}x"
    )
    bare = best["bare"]
    stages, left = one.wall - bare.wall, ftfy.wall / 1.5 - bare.wall
    print(
        f"the stages: {stages:.2f} s of --jobs 1's {one.wall:.2f} s; at 1.5x ftfy the whole command has"
        f" {ftfy.wall / 1.5:.2f} s, which leaves them {left:.2f} s"
        + (f" ({stages / left:.1f}x faster than now)" if left > 0 else "")
    )


def stage_breakdown(raw: Path, repeat: int) -> tuple[dict[str, float], float]:
    """Seconds per stage of ``clean``'s default pipeline over the articles of ``raw`` (each stage
    on the text the stages before it left, as ``run_steps`` runs them; the detector last, on the
    text they leave), each stage's fastest of ``repeat`` tries per article, and the name index.
    Each try empties the caches first and runs every stage: a stage's time is what it costs
    after the stages before it, not with what its own earlier try cached, nor paying again for
    what an earlier stage worked out (the referents stage reads the names stage's name runs)."""
    from pipeline.core.edits import apply, changed
    from pipeline.core.text import StageView

    found = list(find_articles(raw))
    table = corpus_table(raw)[0]
    index, index_s = name_index_timed(found, repeat)
    stages = {getattr(s, "name", str(s)): s for s in rule_stages(table, index)}
    detector = RewriteStage()
    timing = dict.fromkeys([*stages, "rewrite (detector)"], 0.0)
    clock = time.process_time
    zipf("warm")  # start-up (the word list, first-use patterns) is left out, as in_process does
    propose(read_article(*reversed(found[0])).text, Pipeline(tuple(stages.values()), detector))
    for rel, path in found:
        view = StageView.of(read_article(path, rel).text)[0]
        best = dict.fromkeys(timing, float("inf"))
        for _ in range(repeat):  # each try runs the stages in order from empty caches, as
            forget_caches()  # `clean` does, where a stage reuses what one before it cached
            current = view
            for name, stage in stages.items():
                t = clock()
                edits = stage(current)
                best[name] = min(best[name], clock() - t)
                current = apply(current, changed(current, edits))
            t = clock()
            detector.review(current)
            best["rewrite (detector)"] = min(best["rewrite (detector)"], clock() - t)
        for name, seconds in best.items():
            timing[name] += seconds
    return timing, index_s


def report_stages(raw: Path, repeat: int) -> None:
    timing, index_s = stage_breakdown(raw, repeat)
    size = mb_of(raw)
    total = sum(timing.values()) + index_s
    print()
    print(f"In process, per stage ({size:.1f} MB, CPU time, best of {repeat} per article and stage)")
    print(f"| {'stage':<28} | {'CPU s':>6} | {'s/MB':>6} | {'share':>6} |")
    print(f"|{'-' * 30}|{'-' * 8}|{'-' * 8}|{'-' * 8}|")
    for name, seconds in [("name index (corpus pass)", index_s), *timing.items()]:
        print(f"| {name:<28} | {seconds:>6.2f} | {seconds / size:>6.3f} | {100 * seconds / total:>5.1f}% |")
    print(f"| {'total':<28} | {total:>6.2f} | {total / size:>6.3f} | {100:>5.1f}% |")


LONG_SIZES_KB = (10, 100, 560, 2200, 4500)
LONGER_SIZES_KB = (10_000, 25_000, 50_000)


def seed_text() -> str:
    """The seed article the long articles are made of (the longest of ``raw/``)."""
    seeds = sorted((p.read_text(encoding="utf-8").strip() for p in (ROOT / "raw").glob("*.txt")), key=len)
    return seeds[-1]


def report_long_articles(folder: Path, max_mb: float, rounds: int) -> None:
    """One article made of N copies of a seed article, against the same text as N articles:
    `clean --jobs 1` on each (CPU time, start-up included in both), at sizes from 10 KB up."""
    seed = seed_text()
    sizes = [kb for kb in LONG_SIZES_KB + LONGER_SIZES_KB if kb <= max_mb * 1000]
    print()
    print(
        f"One long article (N copies of a {len(seed.encode()) / 1000:.1f} KB seed, one file) against the same"
        f" text as N articles: `clean --jobs 1`, CPU s, best of {rounds} (1 above 10 MB)"
    )
    print(f"| {'size':>8} | {'N':>5} | {'one article s':>13} | {'s/MB':>6} | {'N articles s':>12} | {'s/MB':>6} | {'one / N':>7} | {'peak RSS MB':>11} | {'RSS / size':>10} |")
    print(f"|{'-' * 10}|{'-' * 7}|{'-' * 15}|{'-' * 8}|{'-' * 14}|{'-' * 8}|{'-' * 9}|{'-' * 13}|{'-' * 12}|")
    for kb in sizes:
        n = max(1, round(kb * 1000 / (len(seed.encode()) + 2)))
        one, many = folder / f"long-{kb}", folder / f"many-{kb}"
        for target in (one, many):
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
        (one / "long.txt").write_text("\n\n".join([seed] * n) + "\n", encoding="utf-8")
        for i in range(n):
            (many / f"{i:06d}.txt").write_text(seed + "\n", encoding="utf-8")
        size = mb_of(one)
        tries = 1 if kb > 10_000 else rounds
        long_runs, many_runs = [], []
        for _ in range(tries):
            long_runs.append(run_clean(one, folder / "out-long", 1))
            many_runs.append(run_clean(many, folder / "out-many", 1))
        a, b = min(r.cpu for r in long_runs), min(r.cpu for r in many_runs)
        print(
            f"| {size * 1000:>5.0f} KB | {n:>5} | {a:>13.2f} | {a / size:>6.2f} | {b:>12.2f} | {b / size:>6.2f} |"
            f" {a / b:>6.2f}x | {max(r.rss for r in long_runs):>11.0f} | {max(r.rss for r in long_runs) / size:>9.1f}x |"
        )
        shutil.rmtree(one), shutil.rmtree(many)


def fitted_line(points: list[tuple[float, float]]) -> tuple[float, float]:
    """(intercept, slope) of the least-squares line through ``points``."""
    n = len(points)
    mean_x, mean_y = sum(x for x, _ in points) / n, sum(y for _, y in points) / n
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum((x - mean_x) ** 2 for x, _ in points)
    return mean_y - slope * mean_x, slope


def mb_of(raw: Path) -> float:
    return sum(p.stat().st_size for p in raw.iterdir() if p.suffix == ".txt") / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small run (base 0.5 MB, 8x = 4 MB)")
    parser.add_argument("--base-mb", type=float, default=None, help="base corpus size (default 2.5; 0.5 with --quick)")
    parser.add_argument("--dir", type=Path, help="where to generate (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora and outputs")
    parser.add_argument("--repeat", type=int, default=3, help="in-process timings per article and tool, best kept (default 3)")
    parser.add_argument("--rounds", type=int, default=REPEAT, help=f"whole-process runs per command, best kept (default {REPEAT})")
    parser.add_argument(
        "--long-max-mb", type=float, default=4.5, help="largest one-article input of the long-article series (default 4.5; up to 50)"
    )
    args = parser.parse_args(argv)
    base_mb = args.base_mb or (0.5 if args.quick else 2.5)
    folder = args.dir or Path(tempfile.mkdtemp(prefix="mtclean-speed-"))
    folder.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    load = os.getloadavg()
    print(f"load average at start (1/5/15 min): {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} CPUs")
    byte_compile_package()
    try:
        corpora = build_corpora(folder, base_mb)
        report_whole_process(folder, corpora[8], args.rounds)
        report_stages(corpora[1], args.repeat)
        report(folder, corpora, args.repeat)
        report_long_articles(folder, args.long_max_mb, args.rounds)
    finally:
        if not args.keep and not args.dir:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"(benchmark took {time.perf_counter() - began:.0f} s; Python {sys.version.split()[0]})")
    return 0


def report(folder: Path, corpora: dict[int, Path], repeat: int) -> None:
    r = in_process(corpora[8], repeat)
    chars = r["chars"]

    def rate(seconds: float) -> float:
        return chars / seconds / 1e6

    rules_s, default_s = r["index_s"] + r["rules"], r["index_s"] + r["default"]
    print()
    print(
        f"In process, {r['articles']} articles, {chars / 1e6:.1f} M chars, best of {repeat} per article"
        f" (the pipeline's name index pass: {r['index_s']:.2f} s, included)"
    )
    print(f"| {'what':<42} | {'M chars/s':>9} | {'vs ftfy':>7} | {'vs sacremoses':>13} |")
    print(f"|{'-' * 44}|{'-' * 11}|{'-' * 9}|{'-' * 15}|")
    rows = [
        ("mtclean rules (4 stages, no rewrite stage)", rules_s),
        ("mtclean default (rules + garble detector)", default_s),
        ("ftfy fix_text (default)", r["ftfy"]),
        ("sacremoses MosesPunctNormalizer.normalize", r["moses"]),
    ]
    for label, seconds in rows:
        print(f"| {label:<42} | {rate(seconds):>9.2f} | {r['ftfy'] / seconds:>6.2f}x | {r['moses'] / seconds:>12.2f}x |")
    print(f"peak RSS of this process: {peak_rss_mb():.0f} MB")

    print()
    startup = start_up(folder, corpora[1])
    print(
        f"End to end, `clean RAW OUT --jobs 1`, fresh OUT, best of {REPEAT}; start-up (one short article)"
        f" {startup.wall:.2f} s wall, {startup.cpu:.2f} s CPU, subtracted for 'net'"
    )
    print(f"| {'size':<4} | {'MB':>5} | {'wall s':>7} | {'CPU s':>6} | {'net CPU s/MB':>12} | {'vs 1x':>6} | {'peak RSS MB':>11} |")
    print(f"|{'-' * 6}|{'-' * 7}|{'-' * 9}|{'-' * 8}|{'-' * 14}|{'-' * 8}|{'-' * 13}|")
    per_mb, runs = {}, {}
    tries: dict[int, list[Run]] = {scale: [] for scale in SCALES}
    for _ in range(REPEAT):  # round after round, so that a busy spell hits all sizes alike
        for scale in SCALES:
            tries[scale].append(run_clean(corpora[scale], folder / f"out-x{scale}", 1))
    for scale in SCALES:
        size = mb_of(corpora[scale])
        run = runs[scale] = min(tries[scale], key=lambda r: r.cpu)
        per_mb[scale] = (run.cpu - startup.cpu) / size
        print(
            f"| {scale}x{'':<2} | {size:>5.1f} | {min(r.wall for r in tries[scale]):>7.2f} | {run.cpu:>6.2f} |"
            f" {per_mb[scale]:>12.3f} | {per_mb[scale] / per_mb[1]:>5.2f}x | {max(r.rss for r in tries[scale]):>11.0f} |"
        )
    spread = max(per_mb.values()) / min(per_mb.values()) - 1
    verdict = "within" if spread <= 0.10 else "NOT within"
    print(f"linearity: net CPU time per MB varies by {100 * spread:.1f}% from 1x to 8x ({verdict} 10%)")
    # The fixed cost taken from these runs themselves, as the intercept of the least-squares
    # line through the four sizes, rather than from a separate one-article run.
    sizes = {scale: mb_of(corpora[scale]) for scale in SCALES}
    fixed, slope = fitted_line([(sizes[scale], runs[scale].cpu) for scale in SCALES])
    fitted = {scale: (runs[scale].cpu - fixed) / sizes[scale] for scale in SCALES}
    fitted_spread = max(fitted.values()) / min(fitted.values()) - 1
    print(
        f"  with the fixed cost fitted from the four runs ({fixed:.2f} s; {slope:.3f} s/MB): CPU s/MB "
        + ", ".join(f"{fitted[scale]:.3f}" for scale in SCALES)
        + f" at 1x/2x/4x/8x, a spread of {100 * fitted_spread:.1f}%"
    )

    print()
    one = runs[8]
    two = run_clean(corpora[8], folder / "out-x8-jobs2", 2)
    print(
        f"`--jobs 2` on 8x ({mb_of(corpora[8]):.1f} MB): {two.wall:.2f} s wall vs {one.wall:.2f} s with --jobs 1:"
        f" speed-up {one.wall / two.wall:.2f}x measured; peak RSS {two.rss:.0f} MB a process"
    )
    # On a machine whose cores are busy with other work the measured speed-up says little; from
    # CPU times: the main process's work is serial (start-up, name index, bookkeeping), the
    # workers' is shared by two cores.
    ideal = two.main_cpu + two.workers_cpu / 2
    print(
        f"  CPU: main process {two.main_cpu:.2f} s, workers {two.workers_cpu:.2f} s (--jobs 1: {one.cpu:.2f} s);"
        f" on two idle cores that is {one.cpu / ideal:.2f}x"
    )
    same = subprocess.run(
        ["diff", "-r", "-x", ".mtclean", str(folder / "out-x8"), str(folder / "out-x8-jobs2")], capture_output=True
    ).returncode == 0
    print(f"output of --jobs 2 identical to --jobs 1: {'yes' if same else 'NO'}")
    load = os.getloadavg()
    print(f"load average now (1/5/15 min): {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    sys.exit(main())
