"""On the raw seeds, the detector flags the sentence of every tier-`model` check in checks.tsv.

`tests/data/seed_flags.json` records, for each model check, the flagged stretch
(start/end in the raw seed text) and its reasons; a change to the detector that
moves or loses one shows up here. Regenerate it on purpose with
`UPDATE_SEED_FLAGS=1 python -m pytest tests/test_rewrite_seed_flags.py`.
"""

from __future__ import annotations

import csv
import json
import os

import pytest

from pipeline.stages.rewrite.detector import flag_sentences

from .conftest import ROOT, SHARED

FIXTURE = ROOT / "tests" / "data" / "seed_flags.json"


def model_checks() -> list[dict]:
    with (SHARED / "checks.tsv").open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t") if row["tier"] == "model"]


def seed_text(name: str) -> str:
    return (SHARED / "seeds" / name).read_text(encoding="utf-8")


def flags_for_checks() -> dict[str, dict]:
    """For each model check: the flag over its `absent` string in the raw seed, or None."""
    found: dict[str, dict] = {}
    for check in model_checks():
        text = seed_text(check["article"])
        absent = check["absent"].replace("\\n", "\n")
        at = text.find(absent)
        assert at >= 0, f"{check['id']}: `{absent}` is not in the raw seed"
        hits = [f for f in flag_sentences(text) if f.start < at + len(absent) and at < f.end]
        found[check["id"]] = (
            {"article": check["article"], "start": hits[0].start, "end": hits[0].end, "reasons": list(hits[0].reasons)}
            if hits
            else None
        )
    return found


@pytest.fixture(scope="module")
def seed_flags() -> dict[str, dict]:
    if not (SHARED / "checks.tsv").exists():
        pytest.skip("../shared is not beside this checkout")
    found = flags_for_checks()
    if os.environ.get("UPDATE_SEED_FLAGS"):
        FIXTURE.write_text(json.dumps(found, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return found


def test_every_model_check_is_flagged_on_the_raw_seeds(seed_flags):
    missed = [check_id for check_id, flag in seed_flags.items() if flag is None]
    assert missed == []


def test_the_seed_flags_match_the_fixture(seed_flags):
    assert seed_flags == json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_the_fixture_names_every_model_check(shared):
    assert set(json.loads(FIXTURE.read_text(encoding="utf-8"))) == {c["id"] for c in model_checks()}
