"""Shared fixtures: where the shared yardsticks live, and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def run_cli():
    """Invoke `clean` in-process; returns the click Result."""
    from pipeline.cli import main

    def invoke(*args: str, **kwargs):
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)

    return invoke


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "checks.tsv").exists():
        pytest.skip("../shared is not beside this checkout")
    return SHARED
