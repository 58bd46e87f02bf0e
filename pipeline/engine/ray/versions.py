"""`clean import DIR DATASET`: the decisions people made in a folder `clean export` wrote
(``bridge``), written back as a new version of the dataset; the dataset itself is only read.

The new version (``--to``, or ``DATASET.v2``, ``.v3``… the first free one) holds every file
of the dataset under the same name, rewritten: the exported rows with the edit list of DIR
(each edit's status, replacement, the stage's own replacement when a person wrote theirs,
and its history of decisions; a person's manual edits too) and the text with the accepted
edits applied; every other row as it was. Its ``edits`` structs gain ``proposed`` and
``history``, its ``flags`` structs ``seen``, for every row (null where nothing was decided),
so that the dataset keeps one schema. A row whose raw text changed since the export (its
``raw_sha256``) or that is gone is refused before anything is written.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.core.edits import apply
from pipeline.engine.ray.bridge import BridgeError, load_export, open_dataset
from pipeline.engine.ray.cleaner import edit_row, edit_type, flag_type
from pipeline.engine.ray.reading import filesystem
from pipeline.store.layout import StoreError
from pipeline.store.proposals import load, load_raw
from pipeline.store.writes import recover_if_idle

PROVENANCE = "_mtclean-import.json"  # beside the rows; Parquet readers skip names starting with "_"
_VERSION = re.compile(r"^(.*)\.v(\d+)$")


@dataclass
class Imported:
    """What an import wrote, for the command to say."""

    to: str
    rows: int = 0
    statuses: Counter = field(default_factory=Counter)
    others: int = 0


def decided_edit_type() -> Any:
    """The ``edits`` type of a version: a run's edit structs, with ``proposed`` and ``history``."""
    import pyarrow as pa

    history = pa.list_(pa.struct([("status", pa.string()), ("at", pa.string())]))
    fields = list(edit_type().value_type) + [pa.field("proposed", pa.string()), pa.field("history", history)]
    return pa.list_(pa.struct(fields))


def decided_flag_type() -> Any:
    """The ``flags`` type of a version: a run's flag structs, with ``seen``."""
    import pyarrow as pa

    return pa.list_(pa.struct(list(flag_type().value_type) + [pa.field("seen", pa.bool_())]))


def exists(location: str) -> bool:
    from pyarrow import fs as pafs

    system, root = filesystem(location)
    return system.get_file_info(root).type != pafs.FileType.NotFound


def next_version(dataset: str) -> str:
    """The first free name after ``dataset``: ``news`` gives ``news.v2``, ``news.v2`` gives ``news.v3``."""
    base = dataset.rstrip("/")
    match = _VERSION.match(base)
    stem, number = (match.group(1), int(match.group(2))) if match else (base, 1)
    while True:
        number += 1
        if not exists(f"{stem}.v{number}"):
            return f"{stem}.v{number}"


def decisions(out: Path, rows: list[dict]) -> dict[str, dict]:
    """By article: the row values DIR's decisions give (``edits``, ``flags``, ``text``)."""
    recover_if_idle(out)  # a review killed mid-write, finished before it is read
    decided = {}
    for row in rows:
        rel = row["article"]
        try:
            proposal = load(out, rel)
            raw = load_raw(proposal)
        except StoreError as exc:
            raise BridgeError(str(exc)) from None
        if proposal.sha256 != row["raw_sha256"]:
            raise BridgeError(f"{rel}: its edit list in {out} is of another raw text than the one exported")
        edits = [
            {**edit_row(raw, e), "proposed": e.proposed, "history": [{"status": s, "at": at} for s, at in e.history]}
            for e in proposal.edits
        ]
        flags = [{**{k: f.get(k) for k in ("start", "end", "score", "reasons")}, "seen": bool(f.get("seen"))} for f in proposal.flags]
        text = apply(raw, [e for e in proposal.edits if e.status == "accepted"])
        decided[rel] = {"edits": edits, "flags": flags, "text": text, "raw_sha256": row["raw_sha256"]}
    return decided


def check_rows(data: Any, decided: dict[str, dict]) -> None:
    """Refuse when an exported row is gone from the dataset or its raw text changed since."""
    import pyarrow.compute as pc

    found = data.to_table(columns=["article", "raw_sha256"], filter=pc.field("article").isin(list(decided)))
    now = dict(zip(found.column("article").to_pylist(), found.column("raw_sha256").to_pylist()))
    for rel, row in decided.items():
        if rel not in now:
            raise BridgeError(f"{rel}: no longer in the dataset")
        if now[rel] != row["raw_sha256"]:
            raise BridgeError(f"{rel}: its raw text changed since it was exported (raw_sha256); export it again")


def import_decisions(out: Path, dataset: str, to: str | None = None) -> Imported:
    """Write the version of ``dataset`` with DIR's decisions to ``to`` (default: the next version)."""
    manifest = load_export(out)
    decided = decisions(out, manifest["rows"])
    data = open_dataset(dataset)
    check_rows(data, decided)
    to = (to or next_version(dataset)).rstrip("/")
    if _same(to, dataset) or _inside(to, dataset):
        raise BridgeError(f"the new version ({to}) must not be the dataset ({dataset}) or lie in it: it is never overwritten")
    if exists(to):
        raise BridgeError(f"{to} already exists; name another with --to")
    done = Imported(to, rows=len(decided))
    for row in decided.values():
        done.statuses.update(e["status"] for e in row["edits"])
    done.others = write_version(data, dataset, to, decided)
    body = {"format": 1, "from": _same_name(dataset), "export": str(out.resolve()), "rows": manifest["rows"]}
    system, root = filesystem(to)
    with system.open_output_stream(f"{root}/{PROVENANCE}") as handle:
        handle.write((json.dumps(body, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
    return done


def write_version(data: Any, dataset: str, to: str, decided: dict[str, dict]) -> int:
    """Each file of ``data`` rewritten under ``to`` with the decided rows replaced; returns how
    many other rows were copied."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"edits": decided_edit_type(), "flags": decided_flag_type()}
    schema = data.schema
    for name, kind in types.items():
        schema = schema.set(schema.get_field_index(name), pa.field(name, kind))
    _, root = filesystem(dataset)
    system, target = filesystem(to)
    system.create_dir(target, recursive=True)
    others = 0
    for fragment in data.get_fragments():
        rel = fragment.path[len(root) :].lstrip("/")
        path = f"{target}/{rel}"
        system.create_dir(path.rpartition("/")[0], recursive=True)
        with pq.ParquetWriter(path, schema, filesystem=system) as writer:
            for batch in fragment.to_batches(schema=data.schema):
                table = pa.Table.from_batches([batch]).cast(schema)
                table, replaced = _replaced(table, decided)
                others += table.num_rows - replaced
                writer.write_table(table)
    return others


def _replaced(table: Any, decided: dict[str, dict]) -> tuple[Any, int]:
    """``table`` with each decided row's ``edits``, ``flags`` and ``text`` replaced."""
    import pyarrow as pa

    where = [(i, a) for i, a in enumerate(table.column("article").to_pylist()) if a in decided]
    if not where:
        return table, 0
    for name in ("edits", "flags", "text"):
        values = table.column(name).to_pylist()
        for i, article in where:
            values[i] = decided[article][name]
        index = table.column_names.index(name)
        table = table.set_column(index, table.field(index), pa.array(values, type=table.field(index).type))
    return table, len(where)


def _same_name(location: str) -> str:
    return location.rstrip("/") if "://" in location else str(Path(location).resolve())


def _same(a: str, b: str) -> bool:
    return _same_name(a) == _same_name(b)


def _inside(a: str, b: str) -> bool:
    return "://" not in a and "://" not in b and Path(a).resolve().is_relative_to(Path(b).resolve())
