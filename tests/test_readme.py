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
