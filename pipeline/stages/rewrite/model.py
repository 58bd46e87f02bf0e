"""A local Hugging Face seq2seq checkpoint that rewrites sentences, with a cache.

Nothing here touches the network: the checkpoint is read from a folder with
``local_files_only=True`` while ``HF_HUB_OFFLINE=1`` is set. transformers, torch and
sentencepiece are imported only inside ``Rewriter.load``, so the pipeline imports and
runs without them; without them (or without a usable folder) ``load`` raises
``ModelUnavailable`` with one line that says why.

A ``rewrite.json`` beside the checkpoint may set the prompt ``prefix`` (CoEdIT wants
``"Fix grammar: "``, some T5 grammar models ``"grammar: "``), ``max_length`` (tokens, for
the input and the output), ``num_beams`` and ``batch_size``.

Every rewrite is cached by (model id, prefix, generation settings, sentence), in memory
and, given a ``cache_dir``, in ``cache_dir/rewrites.sqlite``: a re-run never calls the
model for a sentence it has rewritten before.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import sqlite3
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Iterator, Protocol, Sequence

CONFIG_NAME = "rewrite.json"
CACHE_NAME = "rewrites.sqlite"
WEIGHT_FILES = (
    "model.safetensors",
    "pytorch_model.bin",
    "model.safetensors.index.json",
    "pytorch_model.bin.index.json",
)
TOKENIZER_FILES = (
    "tokenizer.json",
    "tokenizer_config.json",
    "spiece.model",
    "source.spm",
    "target.spm",
    "vocab.json",
    "merges.txt",
    "sentencepiece.bpe.model",
)
REQUIRED_PACKAGES = ("transformers", "torch", "sentencepiece")


class ModelUnavailable(Exception):
    """Rewriting cannot run: a package is missing, or the folder holds no usable checkpoint."""


class SentenceRewriter(Protocol):
    """What the rewrite stage needs: a name for the edit reasons, and a batch rewrite."""

    name: str

    def rewrite(self, sentences: Sequence[str]) -> list[str]: ...


@dataclass(frozen=True)
class ModelConfig:
    """Generation settings, from ``rewrite.json`` beside the checkpoint (every key optional)."""

    prefix: str = ""
    max_length: int = 128
    num_beams: int = 4
    batch_size: int = 8

    @classmethod
    def from_folder(cls, folder: Path) -> "ModelConfig":
        path = Path(folder) / CONFIG_NAME
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ModelUnavailable(f"{path}: not valid JSON ({exc})") from None
        if not isinstance(data, dict):
            raise ModelUnavailable(f"{path}: expected a JSON object")
        known = {f.name: f.type for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ModelUnavailable(f"{path}: unknown key(s) {', '.join(unknown)}; known: {', '.join(known)}")
        values: dict[str, Any] = {}
        for key, value in data.items():
            want = str if key == "prefix" else int
            if not isinstance(value, want) or isinstance(value, bool) or (want is int and value < 1):
                raise ModelUnavailable(f"{path}: {key} must be {'a string' if want is str else 'a positive integer'}")
            values[key] = value
        return cls(**values)

    def key(self) -> str:
        """What in these settings changes a rewrite (``batch_size`` does not)."""
        data = asdict(self)
        data.pop("batch_size")
        return json.dumps(data, sort_keys=True)


def model_id(folder: Path) -> str:
    """A short hash naming the checkpoint: config.json's content, the tokenizer files'
    content, and the weight files' names and sizes (hashing gigabytes of weights on
    every run would cost more than it saves)."""
    folder = Path(folder)
    digest = hashlib.sha256()
    for name in ("config.json", "generation_config.json", *TOKENIZER_FILES):
        path = folder / name
        if path.is_file():
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    for path in sorted(folder.iterdir()):
        if path.is_file() and (path.name in WEIGHT_FILES or path.suffix in (".safetensors", ".bin")):
            digest.update(f"{path.name}\0{path.stat().st_size}\0".encode())
    return digest.hexdigest()[:16]


def missing_packages() -> list[str]:
    """The optional packages rewriting needs that are not installed."""
    return [name for name in REQUIRED_PACKAGES if importlib.util.find_spec(name) is None]


@contextlib.contextmanager
def offline() -> Iterator[None]:
    """Set ``HF_HUB_OFFLINE=1`` (and ``TRANSFORMERS_OFFLINE=1``) for the duration."""
    saved = {name: os.environ.get(name) for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    os.environ.update({name: "1" for name in saved})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class RewriteCache:
    """Rewrites keyed by (model key, sentence): a dict, backed by an sqlite file when given one.

    sqlite rather than JSON lines, so that articles cleaned in parallel processes can
    share one cache file safely.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.memory: dict[tuple[str, str], str] = {}
        self.path = path
        self._db: sqlite3.Connection | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), timeout=30)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS rewrites (model TEXT, sentence TEXT, rewrite TEXT, PRIMARY KEY (model, sentence))"
            )
            self._db.commit()

    def get(self, model: str, sentence: str) -> str | None:
        hit = self.memory.get((model, sentence))
        if hit is None and self._db is not None:
            row = self._db.execute(
                "SELECT rewrite FROM rewrites WHERE model = ? AND sentence = ?", (model, sentence)
            ).fetchone()
            if row is not None:
                hit = self.memory[(model, sentence)] = row[0]
        return hit

    def put(self, model: str, pairs: Sequence[tuple[str, str]]) -> None:
        for sentence, rewrite in pairs:
            self.memory[(model, sentence)] = rewrite
        if self._db is not None and pairs:
            self._db.executemany(
                "INSERT OR REPLACE INTO rewrites (model, sentence, rewrite) VALUES (?, ?, ?)",
                [(model, s, r) for s, r in pairs],
            )
            self._db.commit()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class Rewriter:
    """A loaded checkpoint: ``rewrite(sentences)`` returns one rewrite per sentence, in order."""

    def __init__(
        self,
        name: str,
        model_id: str,
        config: ModelConfig,
        model: Any,
        tokenizer: Any,
        device: str,
        cache: RewriteCache,
    ) -> None:
        self.name = name
        self.model_id = model_id
        self.config = config
        self.model = model
        self.tokenizer = tokenizer
        self.device = device
        self.cache = cache
        self.generated = 0  # sentences sent to the model (not answered by the cache)

    @property
    def cache_key(self) -> str:
        return f"{self.model_id}:{self.config.key()}"

    @classmethod
    def load(cls, folder: Path, device: str | None = None, cache_dir: Path | None = None) -> "Rewriter":
        """Load the checkpoint in ``folder``; raise ``ModelUnavailable`` (one line) if it cannot be."""
        folder = Path(folder)
        if not folder.is_dir():
            raise ModelUnavailable(f"no model folder at {folder} (see models/README.md)")
        if not (folder / "config.json").is_file():
            raise ModelUnavailable(
                f"{folder} holds no config.json: not a Hugging Face checkpoint (see models/README.md)"
            )
        missing = missing_packages()
        if missing:
            raise ModelUnavailable(
                f"rewriting needs {', '.join(missing)} (pip install 'mtclean[model]'); not installed"
            )
        config = ModelConfig.from_folder(folder)
        with offline():
            try:
                import torch
                from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
                from transformers.utils import logging as hf_logging
            except ImportError as exc:  # installed but broken
                raise ModelUnavailable(f"cannot import the model packages: {exc}") from None
            hf_logging.set_verbosity_error()
            hf_logging.disable_progress_bar()
            try:
                tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
                model = AutoModelForSeq2SeqLM.from_pretrained(folder, local_files_only=True)
            except Exception as exc:  # noqa: BLE001 - transformers raises many kinds
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise ModelUnavailable(f"cannot load the checkpoint in {folder}: {first}") from None
        if device is None:
            device = "cuda" if torch.cuda.is_available() else "cpu"
        model.to(device)
        model.eval()
        cache = RewriteCache(Path(cache_dir) / CACHE_NAME if cache_dir is not None else None)
        return cls(folder.name, model_id(folder), config, model, tokenizer, device, cache)

    def rewrite(self, sentences: Sequence[str]) -> list[str]:
        """One rewrite per sentence, in order; cached ones are not generated again."""
        key = self.cache_key
        todo: list[str] = []
        for sentence in sentences:
            if self.cache.get(key, sentence) is None and sentence not in todo:
                todo.append(sentence)
        size = self.config.batch_size
        for i in range(0, len(todo), size):
            batch = todo[i : i + size]
            self.cache.put(key, list(zip(batch, self._generate(batch), strict=True)))
        return [self.cache.get(key, sentence) or "" for sentence in sentences]

    def _generate(self, batch: Sequence[str]) -> list[str]:
        import torch

        config = self.config
        inputs = self.tokenizer(
            [config.prefix + s for s in batch],
            return_tensors="pt",
            padding=True,
            truncation=True,
            max_length=config.max_length,
        ).to(self.device)
        with torch.inference_mode():
            output = self.model.generate(
                **inputs, max_new_tokens=config.max_length, num_beams=config.num_beams, do_sample=False
            )
        self.generated += len(batch)
        texts = self.tokenizer.batch_decode(output, skip_special_tokens=True, clean_up_tokenization_spaces=True)
        return [" ".join(t.split()) for t in texts]

    def close(self) -> None:
        self.cache.close()
