"""The seed articles, scored with the team's own checklist (../shared/checks.tsv)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, SHARED


def checks(tiers: tuple[str, ...]) -> list[dict]:
    path = SHARED / "checks.tsv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t") if row["tier"] in tiers]


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory) -> Path:
    """The seeds as `clean raw/ OUT && clean accept OUT` leaves them."""
    from click.testing import CliRunner

    from pipeline.ui.cli import main

    out = tmp_path_factory.mktemp("cleaned")
    raw = tmp_path_factory.mktemp("raw")
    for name in ("000_f84799e936662b2e.txt", "001_e9bec2b34587e159.txt", "clean.toml"):
        if (ROOT / "raw" / name).exists():
            shutil.copy(ROOT / "raw" / name, raw / name)
    runner = CliRunner()
    assert runner.invoke(main, [str(raw), str(out)]).exit_code == 0
    assert runner.invoke(main, ["accept", str(out)]).exit_code == 0
    return out


def test_raw_holds_the_seed_articles_unchanged(shared):
    for seed in (shared / "seeds").iterdir():
        assert (ROOT / "raw" / seed.name).read_bytes() == seed.read_bytes()


@pytest.mark.parametrize("check", checks(("rules", "keep")), ids=lambda c: c["id"])
def test_seed_check_passes(cleaned, check):
    text = (cleaned / check["article"]).read_text(encoding="utf-8")
    absent = check["absent"].replace("\\n", "\n")
    present = check["present"].replace("\\n", "\n")
    if absent:
        assert absent not in text, check["what"]
    if present:
        assert present in text, check["what"]


@pytest.mark.parametrize("name", ["000_f84799e936662b2e.txt", "001_e9bec2b34587e159.txt"])
def test_any_subset_of_a_seed_articles_edits_applies_cleanly(cleaned, name):
    """Any subset of the edits gives the raw text with exactly those spans replaced."""
    import json
    import random

    from pipeline.core.edits import Edit, apply, validate

    from .oracles import splice

    raw = (ROOT / "raw" / name).read_text(encoding="utf-8")
    stored = json.loads((cleaned / f"{name}.edits.json").read_text(encoding="utf-8"))["edits"]
    assert all(raw[e["start"] : e["end"]] == e["original"] for e in stored)
    edits = [Edit.from_json(e) for e in stored]
    validate(raw, edits)
    rng = random.Random(0)
    for _ in range(300):
        subset = [e for e in edits if rng.random() < 0.5]
        assert apply(raw, subset) == splice(raw, subset)


@pytest.mark.parametrize("name", ["000_f84799e936662b2e.txt", "001_e9bec2b34587e159.txt"])
def test_accepting_chosen_seed_edits_by_id_writes_exactly_those_edits(cleaned, name, tmp_path):
    import json
    import random

    from click.testing import CliRunner

    from pipeline.ui.cli import main
    from pipeline.core.edits import Edit

    from .oracles import splice

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(ROOT / "raw" / name, raw / name)
    runner = CliRunner()
    assert runner.invoke(main, [str(raw), str(out)]).exit_code == 0
    stored = json.loads((out / f"{name}.edits.json").read_text(encoding="utf-8"))["edits"]
    chosen = sorted(random.Random(1).sample([e["id"] for e in stored], len(stored) // 2))
    assert runner.invoke(main, ["accept", str(out), "--edit", f"{name}:{','.join(map(str, chosen))}"]).exit_code == 0
    text = (raw / name).read_text(encoding="utf-8")
    expected = splice(text, [Edit.from_json(e) for e in stored if e["id"] in chosen])
    assert (out / name).read_text(encoding="utf-8") == expected
