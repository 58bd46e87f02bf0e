"""The README's promises name their tests: each named test must exist, or the promise is unproved."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT

CITED = sorted(set(re.findall(r"(tests/\w+\.py)::(\w+)", (ROOT / "README.md").read_text(encoding="utf-8"))))


def test_the_readme_cites_tests():
    assert len(CITED) >= 20


@pytest.mark.parametrize("path,name", CITED, ids=[f"{p}::{n}" for p, n in CITED])
def test_every_test_the_readme_cites_exists(path, name):
    source = (ROOT / path).read_text(encoding="utf-8")
    assert re.search(rf"^(?:async )?def {name}\(", source, re.M), f"{path} has no test {name}"


def test_the_readme_lists_the_rules_in_the_order_they_run():
    """Registration order is run order (imports in the stages' ``__init__`` decide it): an
    import sorter reordering them would change what the pipeline proposes."""
    import pipeline.stages  # noqa: F401  (registers the rules)
    from pipeline.core.rules import RULES

    listed = re.findall(r"^\| `([a-z-]+)` \| [a-z]+ \|", (ROOT / "README.md").read_text(encoding="utf-8"), re.M)
    assert [rule for rule in listed if rule in RULES] == list(RULES)
    assert set(RULES) <= set(listed)
