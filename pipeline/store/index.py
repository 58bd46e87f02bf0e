"""What OUT already holds, so that a re-run redoes only what changed, as git's index does.

The index (``OUT/.mtclean/index.json``) records, for each article, the raw file it was
proposed from (size, modification time, hash) and the hashes of the signature and the
table it was proposed with. Beside it, the terms of that table
(``OUT/.mtclean/table-terms.json``) let a table change re-propose only the articles
that mention a changed term.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.store.layout import FORMAT, STATE_DIR
from pipeline.store.json_text import json_bytes
from pipeline.store.writes import write_atomic

TABLE_TERMS = "table-terms.json"


def signature_hash(signature: dict) -> str:
    """A short stable hash of a signature, to compare runs."""
    return hashlib.sha256(json.dumps(signature, sort_keys=True).encode()).hexdigest()[:16]


@dataclass
class Index:
    """What OUT already holds: for each article, the raw file it was proposed from
    (size, mtime, hash) and the signature it was proposed with. Lets a re-run skip
    unchanged articles without reading them, as git's index does."""

    articles: dict[str, dict]
    path: Path

    @classmethod
    def load(cls, out: Path) -> "Index":
        """OUT's index; an empty one when it is missing, unreadable or of another format."""
        path = out / STATE_DIR / "index.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            articles = data["articles"] if data.get("format") == FORMAT else {}
        except (OSError, ValueError, KeyError, TypeError):
            articles = {}
        return cls(articles, path)

    def save(self) -> None:
        """Write the index back (atomically)."""
        body = json.dumps({"format": FORMAT, "articles": self.articles}, ensure_ascii=False, separators=(",", ":"))
        write_atomic(self.path, json_bytes(body))

    def is_current(self, rel: str, stat: os.stat_result, signature_hash: str) -> bool:
        """True when the raw file looks unchanged (size, mtime) and the pipeline signature
        (all but the tables) is the same."""
        entry = self.articles.get(rel)
        return (
            entry is not None
            and entry["size"] == stat.st_size
            and entry["mtime_ns"] == stat.st_mtime_ns
            and entry["signature"] == signature_hash
        )

    def record(self, rel: str, stat: os.stat_result, sha256: str, signature_hash: str, table_hash: str) -> None:
        """Note that ``rel`` was just proposed from a raw file with ``stat`` and ``sha256``."""
        self.articles[rel] = {
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "sha256": sha256,
            "signature": signature_hash,
            "table": table_hash,
        }


def remembered_terms(out: Path) -> dict[str, str] | None:
    """The table terms OUT was last proposed with (``remember_terms``); None when unknown."""
    try:
        return json.loads((out / STATE_DIR / TABLE_TERMS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def remember_terms(out: Path, terms: dict[str, str]) -> None:
    """Keep the terms of the table OUT was just proposed with, for the next run to compare."""
    body = json.dumps(terms, ensure_ascii=False, sort_keys=True)
    write_atomic(out / STATE_DIR / TABLE_TERMS, body.encode("utf-8"))
