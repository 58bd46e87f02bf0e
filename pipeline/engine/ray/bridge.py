"""Rows of a Ray run's dataset back to people: `clean export DATASET DIR` writes chosen rows as
a normal OUT folder, which `clean review`, `clean report` and `clean accept` already handle.

Each row becomes an article of DIR, saved by the store's own ``save``: its edit list, diff
and (once something is accepted) its accepted text. The store re-reads an article's raw
text from a file and checks its hash, so the raw text of each row is kept inside DIR, as
the records of a local run are (``DIR/.mtclean/dataset/raw/<raw_sha256>``); no RAW folder
is needed. The raw text is rebuilt from the row: its ``text`` with the accepted edits undone
(each edit keeps its ``original``), and must hash to the row's ``raw_sha256``.

A manifest (``DIR/.mtclean/dataset/export.json``) names the dataset and the rows exported
(article, raw_sha256), for `clean import` (``versions``) to write the decisions back.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pipeline.core.edits import Edit, sort_key
from pipeline.engine.ray.reading import filesystem
from pipeline.inputs.article import Article
from pipeline.store.layout import STATE_DIR, articles_in
from pipeline.store.proposals import new_proposal, save

BRIDGE_DIR = "dataset"  # under DIR/.mtclean: the manifest and the raw texts
EXPORT_MANIFEST = "export.json"
FORMAT = 1


class BridgeError(Exception):
    """A dataset, a DIR or a row that cannot be used as asked (a usage error, exit 2)."""


@dataclass(frozen=True)
class Choice:
    """Which rows to export: the named ``articles``, and of the rows with edits (those with an
    edit of one of ``rules``, when given) all, or a reproducible sample of ``sample``."""

    sample: int | None = None
    seed: int = 0
    rules: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {"sample": self.sample, "seed": self.seed, "rules": list(self.rules), "articles": list(self.articles)}


@dataclass
class Exported:
    """What an export wrote, for the command to say."""

    rows: list[dict] = field(default_factory=list)  # {"article", "raw_sha256"}
    edits: int = 0


def bridge_dir(out: Path) -> Path:
    return out / STATE_DIR / BRIDGE_DIR


def open_dataset(dataset: str) -> Any:
    """The Parquet dataset of a Ray run (a local folder or a URL); its ``_mtclean`` files are skipped."""
    import pyarrow.dataset as pads
    from pyarrow import fs as pafs

    system, root = filesystem(dataset)
    if system.get_file_info(root).type != pafs.FileType.Directory:
        raise BridgeError(f"{dataset} is not a dataset folder of `clean RAW OUT --engine ray`")
    return pads.dataset(root, filesystem=system, format="parquet")


def chosen_articles(data: Any, choice: Choice) -> list[str]:
    """The articles ``choice`` picks from the dataset, sorted; a BridgeError for a name it lacks."""
    import pyarrow.compute as pc

    candidates, known = set(), set()
    wanted = re.compile("|".join(rf"(^|\+){re.escape(rule)}(\+|$)" for rule in choice.rules)) if choice.rules else None
    for batch in data.to_batches(columns=["article", "edits"]):
        articles = batch.column("article")
        if choice.articles:
            known.update(a for a in articles.to_pylist() if a in choice.articles)
        if wanted is None:
            rows = pc.indices_nonzero(pc.greater(pc.list_value_length(batch.column("edits")), 0))
        else:
            rules = pc.struct_field(pc.list_flatten(batch.column("edits")), "rule")
            hits = pc.match_substring_regex(rules, wanted.pattern)
            rows = pc.unique(pc.filter(pc.list_parent_indices(batch.column("edits")), hits))
        candidates.update(pc.take(articles, rows).to_pylist())
    missing = [a for a in choice.articles if a not in known]
    if missing:
        raise BridgeError(f"no row for {', '.join(map(repr, missing))} in the dataset")
    if choice.articles and not choice.rules and choice.sample is None:
        candidates = set()  # only the rows named
    elif choice.sample is not None:
        pool = sorted(candidates)  # sorted: the same sample whatever the order of the files
        candidates = set(random.Random(choice.seed).sample(pool, min(choice.sample, len(pool))))
    return sorted(candidates | set(choice.articles))


def raw_text(text: str, edits: Iterable[dict]) -> str:
    """The text the edits were proposed over: ``text`` with each accepted edit undone."""
    parts, at, done = [], 0, 0  # at: where in ``text``; done: where in the raw text
    for edit in sorted((e for e in edits if e["status"] == "accepted"), key=lambda e: (e["start"], e["end"])):
        keep = edit["start"] - done
        parts += [text[at : at + keep], edit["original"]]
        at, done = at + keep + len(edit["replacement"]), edit["end"]
    parts.append(text[at:])
    return "".join(parts)


def encoded(text: str, encoding: str) -> bytes:
    """The bytes a row's text was decoded from (a record's text may hold lone surrogates)."""
    return text.encode(encoding, "surrogatepass" if encoding.lower().startswith("utf") else "strict")


def edit_of(row: dict) -> Edit:
    """An edit of the dataset (a run's, or a version's with its decisions) as the store keeps it."""
    return Edit.from_json({**row, "history": row.get("history") or ()})  # a version's row may hold None


def flag_of(row: dict) -> dict:
    flag = {"start": row["start"], "end": row["end"], "score": row["score"], "reasons": list(row["reasons"] or ())}
    return {**flag, "seen": True} if row.get("seen") else flag


def export(dataset: str, out: Path, choice: Choice) -> Exported:
    """Write the rows ``choice`` picks as articles of ``out`` (a new or empty folder)."""
    import pyarrow.compute as pc

    if out.exists() and (articles_in(out) or (bridge_dir(out) / EXPORT_MANIFEST).exists()):
        raise BridgeError(f"{out} already holds proposals; export into a new folder")
    if "://" not in dataset and out.resolve().is_relative_to(Path(dataset).resolve()):
        raise BridgeError(f"DIR ({out}) must not lie inside the dataset ({dataset})")
    data = open_dataset(dataset)
    chosen = chosen_articles(data, choice)
    done = Exported()
    rows = data.to_table(filter=pc.field("article").isin(chosen)).to_pylist() if chosen else []
    rebuilt = [(row, _raw_of(row)) for row in sorted(rows, key=lambda r: r["article"])]  # all checked first
    for row, (raw, data) in rebuilt:
        done.edits += len(row["edits"] or ())
        _save_row(out, dataset, row, raw, data)
        done.rows.append({"article": row["article"], "raw_sha256": row["raw_sha256"]})
    body = {"format": FORMAT, "dataset": _named(dataset), "choice": choice.to_json(), "rows": done.rows}
    bridge_dir(out).mkdir(parents=True, exist_ok=True)
    (bridge_dir(out) / EXPORT_MANIFEST).write_text(json.dumps(body, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return done


def _raw_of(row: dict) -> tuple[str, bytes]:
    """A row's raw text and bytes; a BridgeError when they do not hash to its ``raw_sha256``."""
    raw = raw_text(row["text"] or "", row["edits"] or ())
    data = encoded(raw, row["encoding"])
    if hashlib.sha256(data).hexdigest() != row["raw_sha256"]:
        raise BridgeError(f"{row['article']}: its text and edits do not give back its raw text (raw_sha256)")
    return raw, data


def _save_row(out: Path, dataset: str, row: dict, raw: str, data: bytes) -> None:
    """One row as an article of ``out``: its raw text kept in ``out``, its proposal saved."""
    edits = list(row["edits"] or ())
    raw_path = bridge_dir(out) / "raw" / row["raw_sha256"]
    raw_path.parent.mkdir(parents=True, exist_ok=True)
    raw_path.write_bytes(data)
    article = Article(row["article"], raw, row["encoding"], row["raw_sha256"])
    signature = {"dataset": _named(dataset), "signature": row["signature"], "table": row["table"]}
    edit_list = sorted((edit_of(e) for e in edits), key=sort_key)
    flags = [flag_of(f) for f in row.get("flags") or ()]
    proposal = new_proposal(article, raw_path, edit_list, signature, flags)
    save(out, proposal, raw, write_text=any(e.status != "pending" for e in edit_list))


def _named(dataset: str) -> str:
    """The dataset as the manifest names it: a URL as given, a local path made absolute."""
    return dataset if "://" in dataset else str(Path(dataset).resolve())


def load_export(out: Path) -> dict:
    """DIR's export manifest; a BridgeError when DIR was not written by `clean export`."""
    path = bridge_dir(out) / EXPORT_MANIFEST
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        if body.get("format") != FORMAT:
            raise ValueError(f"format {body.get('format')!r}")
        return body
    except (OSError, ValueError) as exc:
        raise BridgeError(f"{out} was not written by `clean export` ({path}: {exc})") from None
