"""OUT on Ray: a Parquet dataset, one row per article, and beside it a manifest of the files
it was made from, so that a re-run over a dataset where only files were added processes
only those (and appends their rows).

The manifest (``OUT/_mtclean.json``; Parquet readers skip names that start with ``_``) keeps
the pipeline signature and table hash, each file's size and modification time, and the name
counts of those files (``OUT/_mtclean-names.pickle``), so that a re-run counts only the new
files' names. Anything else (a signature or table change, a file changed or gone) redoes all.
"""

from __future__ import annotations

import json
import pickle
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from pipeline.engine.ray.evidence import NameCounts
from pipeline.engine.ray.reading import RawFile, filesystem

MANIFEST = "_mtclean.json"
NAMES = "_mtclean-names.pickle"
FORMAT = 1
COLUMNS = ["article", "key", "source", "position", "encoding", "raw_sha256", "signature", "table", "edits", "flags", "text"]


@dataclass
class Manifest:
    """What OUT's dataset was made from."""

    signature: str = ""
    table: str = ""
    files: dict[str, dict] = field(default_factory=dict)  # path -> {"size", "mtime_ns", "rel"}

    def new_files(self, files: list[RawFile], signature: str, table: str) -> list[RawFile] | None:
        """The files not yet processed; None when the dataset must be made again (another
        signature or table, a processed file changed or gone)."""
        if self.signature != signature or self.table != table:
            return None
        present = {f.path: f for f in files}
        for path, entry in self.files.items():
            now = present.get(path)
            if now is None or (now.size, now.mtime_ns) != (entry["size"], entry["mtime_ns"]):
                return None
        return [f for f in files if f.path not in self.files]

    def add(self, files: list[RawFile]) -> None:
        for f in files:
            self.files[f.path] = {"rel": f.rel, "size": f.size, "mtime_ns": f.mtime_ns}


def _join(root: str, name: str) -> str:
    return root.rstrip("/") + "/" + name


def load_manifest(out: str) -> tuple[Manifest, NameCounts]:
    """OUT's manifest and the name counts of its files; empty ones when OUT has none."""
    system, root = filesystem(out)
    try:
        with system.open_input_stream(_join(root, MANIFEST)) as handle:
            data = json.loads(handle.read().decode("utf-8"))
        with system.open_input_stream(_join(root, NAMES)) as handle:
            counts = pickle.loads(handle.read())
        if data.get("format") != FORMAT:
            raise ValueError("another format")
        return Manifest(data["signature"], data["table"], data["files"]), counts
    except (OSError, ValueError, KeyError, pickle.UnpicklingError, EOFError):
        return Manifest(), NameCounts()


def save_manifest(out: str, manifest: Manifest, counts: NameCounts) -> None:
    """Write the manifest (after the rows: a run killed before this is redone in full)."""
    system, root = filesystem(out)
    system.create_dir(root, recursive=True)
    kept = NameCounts(counts.names, counts.documents, counts.articles, counts.first)  # problems were reported
    with system.open_output_stream(_join(root, NAMES)) as handle:
        handle.write(pickle.dumps(kept))
    body = {"format": FORMAT, "signature": manifest.signature, "table": manifest.table, "files": manifest.files}
    with system.open_output_stream(_join(root, MANIFEST)) as handle:
        handle.write(json.dumps(body, indent=1, sort_keys=True).encode("utf-8"))


def clear(out: str) -> None:
    """Remove OUT's dataset and manifest, to make it again."""
    from pyarrow import fs as pafs

    system, root = filesystem(out)
    if system.get_file_info(root).type == pafs.FileType.Directory:
        system.delete_dir_contents(root)


def data_files(out: str) -> set[str]:
    """The Parquet files of OUT's dataset (its ``_mtclean`` files and hidden ones aside)."""
    from pyarrow import fs as pafs

    system, root = filesystem(out)
    if system.get_file_info(root).type != pafs.FileType.Directory:
        return set()
    found = system.get_file_info(pafs.FileSelector(root, recursive=True))
    return {
        f.path for f in found
        if f.type == pafs.FileType.File and not any(p[:1] in "._" for p in f.path[len(root) :].strip("/").split("/"))
    }


def edit_counts(out: str, files: Iterable[str]) -> tuple[Counter, Counter]:
    """(edits per rule, edits per risk) in the rows of ``files``, as a local run counts them:
    a merged edit (``a+b``) counts once for each of its rules. Only the ``edits`` column is read."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    system, _ = filesystem(out)
    rules: Counter = Counter()
    risks: Counter = Counter()
    for path in sorted(files):
        with system.open_input_file(path) as handle:
            edits = pc.list_flatten(pq.read_table(handle, columns=["edits"]).column("edits"))
        for counter, values in ((risks, pc.struct_field(edits, "risk")), (rules, pc.list_flatten(pc.split_pattern(pc.struct_field(edits, "rule"), "+")))):
            counter.update({c["values"]: c["counts"] for c in pc.value_counts(values).to_pylist()})
    return rules, risks


def write_rows(rows: Any, out: str) -> None:
    """Append the proposed rows to OUT's Parquet dataset."""
    system, root = filesystem(out)
    rows.select_columns(COLUMNS).write_parquet(root, filesystem=system, mode="append")
