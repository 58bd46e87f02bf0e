"""A tiny random-weight T5 checkpoint, built on the fly, for the rewrite stage's tests.

Nothing is downloaded: a sentencepiece model is trained here on the clean-news
corpus, turned into a transformers 5.x ``T5Tokenizer`` (which 5.x builds from a
vocabulary of ``(piece, score)`` pairs rather than from a ``.model`` path), and saved
with ``save_pretrained`` beside a ``T5ForConditionalGeneration`` made from a small
``T5Config``. The folder then loads with ``AutoTokenizer``/``AutoModelForSeq2SeqLM``
and ``local_files_only=True``, like a checkpoint downloaded elsewhere.

The model's output is noise; tests that need a meaningful rewrite use a fake rewriter.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from .conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "clean_news"
_BUILT: dict[str, Path] = {}


def training_sentences() -> list[str]:
    """A few hundred sentences of news English (the clean-news corpus), plus the marks it needs."""
    from pipeline.core.sentences import sentences

    found: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        found.extend(sentences(path.read_text(encoding="utf-8")))
    found.append("Fix grammar: “quoted” ‘single’ (brackets) – dashes; 0123456789 % $ € : ! ?")
    return found


def build_tiny_model(folder: Path, *, vocab_size: int = 300, seed: int = 0, rewrite_json: dict | None = None) -> Path:
    """Write a tiny T5 checkpoint (config, weights, tokenizer) into ``folder``; return it."""
    import sentencepiece as spm
    import torch
    from transformers import T5Config, T5ForConditionalGeneration, T5Tokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()

    folder.mkdir(parents=True, exist_ok=True)
    proto = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(training_sentences()),
        model_writer=proto,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        normalization_rule_name="identity",
        pad_id=0,
        eos_id=1,
        unk_id=2,
        bos_id=-1,  # T5's layout: <pad>=0, </s>=1, <unk>=2, no <s>
        num_threads=1,
        minloglevel=2,
    )
    processor = spm.SentencePieceProcessor(model_proto=proto.getvalue())
    vocab = [(processor.id_to_piece(i), processor.get_score(i)) for i in range(processor.get_piece_size())]
    tokenizer = T5Tokenizer(vocab=vocab, extra_ids=0)
    tokenizer.save_pretrained(folder)

    torch.manual_seed(seed)
    config = T5Config(
        vocab_size=len(tokenizer),
        d_model=32,
        d_kv=16,
        d_ff=64,
        num_layers=1,
        num_decoder_layers=1,
        num_heads=2,
        decoder_start_token_id=0,
        pad_token_id=0,
        eos_token_id=1,
        initializer_factor=5.0,  # larger random weights: outputs differ from input to input
    )
    T5ForConditionalGeneration(config).save_pretrained(folder)
    if rewrite_json is not None:
        (folder / "rewrite.json").write_text(json.dumps(rewrite_json), encoding="utf-8")
    return folder


def tiny_model_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of a tiny T5 checkpoint, built once per test session (skips without torch)."""
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("sentencepiece")
    if "folder" not in _BUILT:
        folder = tmp_path_factory.mktemp("models") / "tiny-t5"
        _BUILT["folder"] = build_tiny_model(
            folder, rewrite_json={"prefix": "Fix grammar: ", "max_length": 24, "num_beams": 2, "batch_size": 3}
        )
    return _BUILT["folder"]
