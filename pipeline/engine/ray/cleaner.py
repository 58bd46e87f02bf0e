"""``Cleaner``: the pipeline as a callable class for ``Dataset.map_batches``, in `clean
--engine ray` and in users' own Ray pipelines.

    from pipeline.engine.ray import Cleaner
    ds = ray.data.read_parquet("s3://bucket/news/")
    ds = ds.map_batches(Cleaner, fn_constructor_kwargs={"accept": "safe"}, concurrency=8, batch_format="pyarrow")

Ray builds one ``Cleaner`` per worker (the table and the name index are set up once there,
not once a batch) and calls it on each batch, which gets the columns ``edits``, ``flags``,
``signature``, ``table`` and ``raw_sha256``, and its text column the text with the accepted
edits applied (``output_column`` keeps both). The name evidence is the whole corpus's when
given (``names``: a ``NameIndex``, or a ``ray.put`` reference to one), else the batch's own.
"""

from __future__ import annotations

import hashlib
from typing import Any, Callable

from pipeline.core.edits import Edit, apply
from pipeline.engine.assembly import Pipeline, propose, rule_stages
from pipeline.inputs.article import can_encode
from pipeline.inputs.jsonl import TEXT_FIELDS
from pipeline.stages.names.index import NameIndex
from pipeline.stages.rewrite.stage import RULE as REWRITE_RULE
from pipeline.stages.rewrite.stage import RewriteStage
from pipeline.store.index import signature_hash
from pipeline.tables.fingerprint import table_hash
from pipeline.tables.loading import default_table
from pipeline.tables.table import Table

# What --accept accepts (as `clean RAW OUT --accept` does; no model runs here, so no rewrites).
ACCEPTING: dict[str, Callable[[Edit], bool]] = {
    "safe": lambda e: e.risk == "safe" and REWRITE_RULE not in e.rules,
    "all": lambda e: REWRITE_RULE not in e.rules,
}
EDIT_FIELDS = ("start", "end", "original", "replacement", "rule", "stage", "reason", "risk", "status")


def edit_type():
    """The Arrow type of the ``edits`` column: a list of edit structs."""
    import pyarrow as pa

    ints = {"start", "end"}
    return pa.list_(pa.struct([(f, pa.int64() if f in ints else pa.string()) for f in EDIT_FIELDS]))


def flag_type():
    """The Arrow type of the ``flags`` column: the sentences the garble detector flagged."""
    import pyarrow as pa

    return pa.list_(
        pa.struct([("start", pa.int64()), ("end", pa.int64()), ("score", pa.float64()), ("reasons", pa.list_(pa.string()))])
    )


def edit_row(raw: str, edit: Edit) -> dict:
    return {**{f: getattr(edit, f) for f in EDIT_FIELDS if f != "original"}, "original": raw[edit.start : edit.end]}


def _resolve(names: Any) -> NameIndex | None:
    """A name index given as itself, or as a Ray object reference (a broadcast)."""
    if names is None or isinstance(names, NameIndex):
        return names
    import ray

    return ray.get(names)


class Cleaner:
    """Propose edits for each row's text; see the module's docstring."""

    def __init__(
        self,
        names: Any = None,
        table: Table | None = None,
        accept: str | None = None,
        text_column: str | None = None,
        output_column: str | None = None,
        encoding_column: str = "encoding",
    ) -> None:
        if accept is not None and accept not in ACCEPTING:
            raise ValueError(f"accept must be one of {sorted(ACCEPTING)}, not {accept!r}")
        table = table if table is not None else default_table()
        self.names = _resolve(names)
        tables = table_hash(table)
        self.pipeline = Pipeline(rule_stages(table, self.names), RewriteStage(None), {"table": tables})
        self.signature = signature_hash(Pipeline(rewrite=RewriteStage(None)).signature())  # as OUT's index keeps it
        self.table = tables
        self.accept = ACCEPTING[accept] if accept else None
        self.text_column, self.output_column, self.encoding_column = text_column, output_column, encoding_column

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        pandas = not isinstance(batch, pa.Table)
        table = pa.Table.from_pandas(batch, preserve_index=False) if pandas else batch
        table = self.clean(table)
        return table.to_pandas() if pandas else table

    def clean(self, table: Any) -> Any:
        """The batch (a pyarrow Table) with the proposal columns added."""
        import pyarrow as pa

        column = self._text_column(table)
        texts = table.column(column).to_pylist()
        encodings = (
            table.column(self.encoding_column).to_pylist()
            if self.encoding_column in table.column_names
            else ["utf-8"] * len(texts)
        )
        results = [self.propose_one(text or "", encoding or "utf-8") for text, encoding in zip(texts, encodings)]
        added = {
            "edits": pa.array([r[0] for r in results], type=edit_type()),
            "flags": pa.array([r[1] for r in results], type=flag_type()),
            "signature": pa.array([self.signature] * len(texts), type=pa.string()),
            "table": pa.array([self.table] * len(texts), type=pa.string()),
            (self.output_column or column): pa.array([r[2] for r in results], type=pa.string()),
        }
        if "raw_sha256" not in table.column_names:
            added["raw_sha256"] = pa.array([hashlib.sha256((t or "").encode("utf-8", "surrogatepass")).hexdigest() for t in texts])
        for name, values in added.items():
            if name in table.column_names:
                table = table.set_column(table.column_names.index(name), name, values)
            else:
                table = table.append_column(name, values)
        return table

    def propose_one(self, text: str, encoding: str = "utf-8") -> tuple[list[dict], list[dict], str]:
        """(edit rows, flag rows, the text with the accepted edits) for one article, as a local
        run proposes it: edits the article's encoding cannot write are dropped."""
        if not text.lstrip("\ufeff").strip():
            return [], [], text
        edits, flags = propose(text, self.pipeline)
        edits = [e for e in edits if can_encode(e.replacement, encoding)]
        if self.accept is not None:
            edits = [_accepted(e) if e.status == "pending" and self.accept(e) else e for e in edits]
        accepted = [e for e in edits if e.status == "accepted"]
        flag_rows = [{"start": f["start"], "end": f["end"], "score": float(f.get("score", 0.0)), "reasons": list(f.get("reasons", ()))} for f in flags]
        return [edit_row(text, e) for e in edits], flag_rows, apply(text, accepted) if accepted else text

    def _text_column(self, table: Any) -> str:
        names = (self.text_column,) if self.text_column else TEXT_FIELDS
        found = next((n for n in names if n in table.column_names), None)
        if found is None:
            raise KeyError(f"no text column ({' or '.join(names)}); the batch has {', '.join(table.column_names)}")
        return found


def _accepted(edit: Edit) -> Edit:
    from dataclasses import replace

    return replace(edit, status="accepted")
