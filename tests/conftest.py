"""Shared fixtures: where the shared yardsticks live, and a CLI runner.

Also the suite's policy on skips and on generated examples:

- With ``MTCLEAN_REQUIRE_ALL=1`` (``.ci/run`` sets it) nothing may be skipped: the session
  stops before collection, naming every missing dependency (Python packages, programs,
  ../shared), and any skip that still happens (a test's own ``skipif``, ``importorskip``,
  ``pytest.skip``) is reported as a failure. Without it, skips stay skips, listed by ``-rs``.
- Hypothesis draws the same examples on every run (derandomized), so that a rare case does
  not fail CI at random; ``MTCLEAN_EXPLORE=1`` draws new ones.
"""

from __future__ import annotations

import gc
import importlib.util
import os
import shutil
import time
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

REQUIRE_ALL = os.environ.get("MTCLEAN_REQUIRE_ALL", "") not in ("", "0")
EXPLORE = bool(os.environ.get("MTCLEAN_EXPLORE"))

settings.register_profile("mtclean", derandomize=not EXPLORE)
settings.load_profile("mtclean")


# --- nothing skipped where everything is required -------------------------------------------

PACKAGES = {
    "pexpect": "pip install -e '.[test]'",
    "selenium": "pip install -e '.[test]'",
    "ray": "pip install -e '.[ray]'",
    "torch": "pip install torch==2.13.0",
    "transformers": "pip install -e '.[model]'",
    "sentencepiece": "pip install -e '.[model]'",
}
PROGRAMS = {
    "patch": "apt-get install -y patch",
    "git": "apt-get install -y git",
    "chromedriver": "apt-get install -y chromium-driver",
}
BROWSERS = ("chromium", "chromium-browser", "google-chrome")  # as tests/test_report.py looks for them


def missing_dependencies() -> list[str]:
    """Each thing some test needs that is not here, with how to get it."""
    missing = [
        f"Python package {name} ({how})" for name, how in PACKAGES.items() if importlib.util.find_spec(name) is None
    ]
    missing += [f"program {name} ({how})" for name, how in PROGRAMS.items() if shutil.which(name) is None]
    if not any(shutil.which(name) for name in BROWSERS):
        missing.append(f"Chromium: none of {', '.join(BROWSERS)} on PATH (apt-get install -y chromium)")
    if not (SHARED / "checks.tsv").is_file():
        missing.append(f"{SHARED / 'checks.tsv'} (the ../shared checkout beside this one)")
    for folder in ("seeds", "gold"):
        if not any((SHARED / folder).glob("*.txt")):
            missing.append(f"{SHARED / folder}/*.txt (the ../shared checkout beside this one)")
    return missing


def pytest_sessionstart(session: pytest.Session) -> None:
    """Where everything is required, stop before collection if anything is missing: tests
    parametrized over ../shared files would otherwise vanish without even a skip."""
    if not REQUIRE_ALL:
        return
    missing = missing_dependencies()
    if missing:
        lines = "\n".join(f"  - {m}" for m in missing)
        pytest.exit(
            f"MTCLEAN_REQUIRE_ALL is set and the suite needs what is missing here:\n{lines}",
            returncode=pytest.ExitCode.USAGE_ERROR,
        )


def _skip_reason(report) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr)


def _fail_skip(report) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped, and MTCLEAN_REQUIRE_ALL forbids skips: {_skip_reason(report)}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    if REQUIRE_ALL:
        _fail_skip(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    if REQUIRE_ALL:
        _fail_skip(outcome.get_result())  # a module-level importorskip


# --- timing that tells linear from quadratic ----------------------------------------------------


def growth(small: Callable[[], object], large: Callable[[], object], repeats: int = 3) -> tuple[float, float, float]:
    """(large / small time, small time, large time): each the best of ``repeats`` runs, the two
    sizes interleaved so that a busy spell on a shared machine hits both, garbage collection off
    while timing."""
    best = [float("inf"), float("inf")]
    for _ in range(repeats):
        for i, call in enumerate((small, large)):
            enabled = gc.isenabled()
            gc.disable()
            try:
                started = time.perf_counter()
                call()
                best[i] = min(best[i], time.perf_counter() - started)
            finally:
                if enabled:
                    gc.enable()
    return best[1] / best[0], best[0], best[1]


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def run_cli():
    """Invoke `clean` in-process; returns the click Result."""
    from pipeline.ui.cli import main

    def invoke(*args: str, **kwargs):
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)

    return invoke


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "checks.tsv").exists():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """An empty RAW folder (modules that need a filled one define their own ``raw``)."""
    folder = tmp_path / "raw"
    folder.mkdir()
    return folder


def raw_with(tmp_path: Path, text: str, name: str = "a.txt") -> Path:
    """A RAW folder holding one article: what a module's own ``raw`` fixture usually is."""
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    return folder
