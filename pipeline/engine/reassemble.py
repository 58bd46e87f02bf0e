"""A file of records written back in its own format, with each record's accepted text.

``OUT/<file rel>`` (``OUT/scrape.jsonl``) is the raw file streamed chunk by chunk, with
only each record's text field replaced (``spliced``): key order, other fields, numbers
and the way non-ASCII is written all stay as they were. A record's text is its accepted
text ``OUT/<file rel>#<key>`` where one was written for the text the raw file holds now,
else the raw text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from pipeline.engine.materialise import SOURCE_NOTE, records_dir
from pipeline.inputs.jsonl import chunks, spliced
from pipeline.inputs.records import Record
from pipeline.store.writes import atomic_writer


def reassemble(out: Path, rels: Iterable[str]) -> list[str]:
    """Rewrite ``OUT/<file>`` for each file of records that ``rels`` has a record of;
    returns why any could not be written."""
    problems = []
    for source in sorted({rel.rpartition("#")[0] for rel in rels if "#" in rel}):
        note_path = records_dir(out, source) / SOURCE_NOTE
        if not note_path.is_file():
            continue  # an article whose name holds "#", not a record
        note = json.loads(note_path.read_text(encoding="utf-8"))
        try:
            _write(out, source, Path(note["raw"]), note.get("text_field"), note.get("key_field"))
        except OSError as exc:
            problems.append(f"{source}: cannot write {out / source} ({exc.strerror or exc})")
    return problems


def _write(out: Path, source: str, raw: Path, text_field: str | None, key_field: str | None) -> None:
    with atomic_writer(out / source) as handle:
        for chunk in chunks(raw, source, text_field, key_field):
            record = chunk.record
            handle.write(spliced(chunk, _accepted(out, record)) if record else chunk.data)


def _accepted(out: Path, record: Record) -> str:
    """The record's accepted text, if one was written for the text it holds now."""
    proposed = records_dir(out, record.source) / (record.name + ".txt")
    try:
        if proposed.read_bytes() == record.text.encode("utf-8", "surrogatepass"):
            return (out / record.rel).read_bytes().decode("utf-8", "surrogatepass")
    except (OSError, UnicodeDecodeError):
        pass
    return record.text
