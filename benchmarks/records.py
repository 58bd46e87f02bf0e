"""One JSON Lines file of N records against the same texts as N `.txt` files: the same edits,
and the throughput of the whole `clean` command on each (issue 15).

    python benchmarks/records.py              # 10,000 generated articles
    python benchmarks/records.py --articles 2000 --jobs 2

Prints wall time and articles/s of `clean RAW OUT` (a subprocess, fresh OUT, best of
``--repeat``) on both layouts, their ratio, and whether every article's edits are the same.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus as generator  # noqa: E402


def layouts(folder: Path, articles: int) -> tuple[Path, Path, list[str]]:
    """The generated articles as .txt files, and as one JSON Lines file with the same texts."""
    txt, jsonl = folder / "txt", folder / "jsonl"
    generator.generate(txt, articles=articles)
    jsonl.mkdir()
    shutil.copy(txt / "clean.toml", jsonl / "clean.toml")
    names = sorted(p.name for p in txt.glob("*.txt"))
    with (jsonl / "scrape.jsonl").open("w", encoding="utf-8") as handle:
        for name in names:
            record = {"id": name[: -len(".txt")], "text": (txt / name).read_text(encoding="utf-8")}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return txt, jsonl, names


def timed_run(raw: Path, out: Path, jobs: int) -> tuple[float, float]:
    """(wall, CPU) seconds of one `clean RAW OUT` into a fresh OUT."""
    shutil.rmtree(out, ignore_errors=True)
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(["clean", str(raw), str(out), "--jobs", str(jobs)], check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime


def best_of(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return min(w for w, _ in runs), min(c for _, c in runs)


def edits_of(out: Path, rel: str) -> list[tuple]:
    data = json.loads((out / f"{rel}.edits.json").read_text(encoding="utf-8"))
    return [(e["start"], e["end"], e["replacement"], e["rule"]) for e in data["edits"]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mtclean-records-") as tmp:
        folder = Path(tmp)
        txt, jsonl, names = layouts(folder, args.articles)
        mb = sum((txt / n).stat().st_size for n in names) / 1e6
        runs: dict[str, list[tuple[float, float]]] = {"txt": [], "jsonl": []}
        for _ in range(args.repeat):  # interleaved, so that a busy spell hits both layouts
            runs["txt"].append(timed_run(txt, folder / "out-txt", args.jobs))
            runs["jsonl"].append(timed_run(jsonl, folder / "out-jsonl", args.jobs))
        (t_txt, c_txt), (t_jsonl, c_jsonl) = best_of(runs["txt"]), best_of(runs["jsonl"])
        same = sum(
            edits_of(folder / "out-txt", n) == edits_of(folder / "out-jsonl", f"scrape.jsonl#{n[: -len('.txt')]}")
            for n in names
        )
    print(f"{len(names)} articles, {mb:.1f} MB, `clean RAW OUT --jobs {args.jobs}`, best of {args.repeat}")
    print("| layout                 |  wall s |  CPU s | articles/s (wall) |")
    print(f"| {len(names)} .txt files       | {t_txt:7.2f} | {c_txt:6.2f} | {len(names) / t_txt:17.0f} |")
    print(f"| one JSON Lines file    | {t_jsonl:7.2f} | {c_jsonl:6.2f} | {len(names) / t_jsonl:17.0f} |")
    print(f"JSON Lines throughput: {t_txt / t_jsonl:.2f}x that of .txt files by wall time, {c_txt / c_jsonl:.2f}x by CPU time")
    print("(target: within 10%)")
    print(f"same edits: {same} of {len(names)} articles")
    return 0 if same == len(names) else 1


if __name__ == "__main__":
    sys.exit(main())
