"""A file of records written back in its own format, with each record's accepted text.

``OUT/<file rel>`` (``OUT/scrape.jsonl``) is the raw file streamed chunk by chunk, with
only each record's text field (and each ``--field`` cleaned) replaced (``spliced``): key
order, other fields, numbers and the way non-ASCII is written all stay as they were. A
record's text is its accepted text ``OUT/<file rel>#<key>`` (a field's:
``OUT/<file rel>#<key>#<field>``) where one was written for the value the raw file holds
now, else the raw value.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from pipeline.engine.materialise import SOURCE_NOTE, field_name, records_dir
from pipeline.inputs.jsonl import chunks, spliced
from pipeline.store.writes import atomic_writer


def reassemble(out: Path, rels: Iterable[str], *, existing_only: bool = False) -> list[str]:
    """Rewrite ``OUT/<file>`` for each file of records that ``rels`` has a record of (only
    those OUT already holds, with ``existing_only``); returns why any could not be written."""
    problems = []
    sources = {source for rel in rels if "#" in rel for source in _candidates(rel)}
    for source in sorted(sources):
        note_path = records_dir(out, source) / SOURCE_NOTE
        if not note_path.is_file() or (existing_only and not (out / source).is_file()):
            continue  # an article whose name holds "#", not a record
        note = json.loads(note_path.read_text(encoding="utf-8"))
        fields = tuple(note.get("fields") or ())
        try:
            _write(out, source, Path(note["raw"]), note.get("text_field"), note.get("key_field"), fields)
        except OSError as exc:
            problems.append(f"{source}: cannot write {out / source} ({exc.strerror or exc})")
    return problems


def _candidates(rel: str) -> tuple[str, ...]:
    """The files of records ``rel`` may belong to: ``file#key`` or ``file#key#field``."""
    record = rel.rpartition("#")[0]
    return (record, record.rpartition("#")[0]) if "#" in record else (record,)


def _write(
    out: Path, source: str, raw: Path, text_field: str | None, key_field: str | None, fields: tuple[str, ...]
) -> None:
    with atomic_writer(out / source) as handle:
        for chunk in chunks(raw, source, text_field, key_field, fields):
            record = chunk.record
            if record is None:
                handle.write(chunk.data)
                continue
            extra = {
                field: _accepted(out, record.source, field_name(record.name, field), value)
                for field, value, _ in chunk.extra
            }
            handle.write(spliced(chunk, _accepted(out, record.source, record.name, record.text), extra))


def _accepted(out: Path, source: str, name: str, value: str) -> str:
    """The accepted text of article ``source#name``, if one was written for the ``value``
    the raw file holds now; else ``value``."""
    proposed = records_dir(out, source) / (name + ".txt")
    try:
        if proposed.read_bytes() == value.encode("utf-8", "surrogatepass"):
            return (out / f"{source}#{name}").read_bytes().decode("utf-8", "surrogatepass")
    except (OSError, UnicodeDecodeError):
        pass
    return value
