"""Sentences per second for garble detection, and for rewriting with a tiny model.

    python benchmarks/rewrite_speed.py [--repeat 20] [--rewrite-sentences 64] [--model DIR]

Detection runs over the seeds (../shared/seeds) and the clean-news corpus
(tests/data/clean_news), repeated. Rewriting uses a tiny random-weight T5 built on the
fly (as the tests build it), or the checkpoint in --model; it measures generation on
a cold cache and then the same sentences again, answered by the cache. The rewrite
part is skipped, with one line, when torch/transformers/sentencepiece are missing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.stages.rewrite.detector import flag_sentences  # noqa: E402
from pipeline.stages.rewrite.model import ModelUnavailable, Rewriter  # noqa: E402
from pipeline.core.sentences import sentence_spans, sentences  # noqa: E402


def texts() -> list[str]:
    paths = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt")) + sorted(
        (ROOT / "tests" / "data" / "clean_news").glob("*.txt")
    )
    return [p.read_text(encoding="utf-8") for p in paths]


def bench_detection(repeat: int) -> None:
    corpus = texts()
    count = sum(len(sentence_spans(t)) for t in corpus)
    flag_sentences(corpus[0])  # load the word lists
    start = time.perf_counter()
    flagged = 0
    for _ in range(repeat):
        for text in corpus:
            flagged += len(flag_sentences(text))
    seconds = time.perf_counter() - start
    total = count * repeat
    print(
        f"detection: {total} sentences in {seconds:.2f} s = {total / seconds:,.0f} sentences/s "
        f"({len(corpus)} texts x {repeat}; {flagged // repeat} flags per pass)"
    )


def bench_rewrite(model: Path | None, n: int) -> None:
    pool = [s for t in texts() for s in sentences(t) if len(s) > 20]
    batch = (pool * (n // len(pool) + 1))[:n]
    batch = [f"{s} ({i})" for i, s in enumerate(batch)]  # all distinct: no cache hits in the cold run
    with tempfile.TemporaryDirectory() as tmp:
        if model is None:
            try:
                sys.path.insert(0, str(ROOT))
                from tests.tiny_model import build_tiny_model

                start = time.perf_counter()
                model = build_tiny_model(
                    Path(tmp) / "tiny-t5", rewrite_json={"max_length": 48, "num_beams": 2, "batch_size": 16}
                )
                print(f"tiny model built in {time.perf_counter() - start:.1f} s")
            except ImportError as exc:
                print(f"rewrite: skipped ({exc.name} is not installed: pip install '.[model]')")
                return
        try:
            start = time.perf_counter()
            rewriter = Rewriter.load(model, cache_dir=Path(tmp) / "cache")
            print(
                f"model {rewriter.name} loaded in {time.perf_counter() - start:.2f} s on {rewriter.device} "
                f"(max_length {rewriter.config.max_length}, beams {rewriter.config.num_beams}, batch {rewriter.config.batch_size})"
            )
        except ModelUnavailable as exc:
            print(f"rewrite: skipped ({exc})")
            return
        start = time.perf_counter()
        rewriter.rewrite(batch)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        rewriter.rewrite(batch)
        warm = time.perf_counter() - start
        rewriter.close()
    print(f"rewrite, generating: {n} sentences in {cold:.2f} s = {n / cold:,.1f} sentences/s")
    print(f"rewrite, from the cache: {n} sentences in {warm:.4f} s = {n / warm:,.0f} sentences/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="passes over the detection corpus")
    parser.add_argument("--rewrite-sentences", type=int, default=64, help="sentences to rewrite")
    parser.add_argument("--model", type=Path, help="a checkpoint folder instead of the tiny model")
    args = parser.parse_args()
    bench_detection(args.repeat)
    if args.rewrite_sentences > 0:
        bench_rewrite(args.model, args.rewrite_sentences)


if __name__ == "__main__":
    main()
