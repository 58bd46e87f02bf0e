"""`clean report`: flagged sentences on the page, unique element ids, choices the buttons keep,
and a command that works from any folder. Browser tests run in headless Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .reviewing import ARTICLES, make_out
from .test_report import browser, click, command, needs_chromium, open_page, report, shown_rows, tick  # noqa: F401

GARBLED = "The article noted that these two Countries have made progress. Markets were calm.\n"


@pytest.fixture
def flagged_out(tmp_path: Path) -> Path:
    """a.txt and b.txt as in tests/reviewing.py, and g.txt with one flagged sentence and no edit."""
    return make_out(tmp_path, {**ARTICLES, "g.txt": GARBLED})


def test_flagged_sentences_are_listed_with_their_reasons(flagged_out):
    code, _ = report(flagged_out)
    assert code == 0
    html = (flagged_out / "report.html").read_text(encoding="utf-8")
    assert 'data-rel="g.txt"' in html
    assert "The article noted that these two Countries have made progress." in html
    assert "<li>capitalised common noun mid-sentence (`Countries`)</li>" in html
    assert "1 flagged sentence" in html


@needs_chromium
def test_only_flagged_sentences_filter_hides_the_edits_and_shows_the_flags(browser, flagged_out):
    from selenium.webdriver.common.by import By

    report(flagged_out)
    open_page(browser, flagged_out / "report.html")
    flag = browser.find_element(By.CSS_SELECTOR, 'section[data-rel="g.txt"] .flag')
    assert flag.is_displayed() and len(shown_rows(browser)) == 5
    click(browser, "#f-flagged")
    assert shown_rows(browser) == []
    assert flag.is_displayed()
    assert not browser.find_element(By.CSS_SELECTOR, 'section[data-rel="a.txt"]').is_displayed()
    click(browser, "#f-flagged")
    assert len(shown_rows(browser)) == 5


@needs_chromium
def test_element_ids_are_unique_across_articles(browser, flagged_out):
    report(flagged_out)
    open_page(browser, flagged_out / "report.html")
    ids = browser.execute_script("return Array.from(document.querySelectorAll('[id]'), e => e.id)")
    assert len(ids) == len(set(ids))
    rows = browser.execute_script("return Array.from(document.querySelectorAll('.edit, .flag'), e => e.id)")
    assert len(rows) == 6 and all(rows)


@needs_chromium
def test_accept_shown_keeps_the_edits_ticked_reject(browser, tmp_path):
    out = make_out(tmp_path)
    report(out)
    open_page(browser, out / "report.html")
    tick(browser, "b.txt", 1, "rej")
    click(browser, "#accept-shown")
    assert command(browser) == (
        f"clean accept {out} --edit a.txt:1,2,3 --edit b.txt:2\nclean reject {out} --edit b.txt:1"
    )


@needs_chromium
def test_the_command_names_out_by_its_absolute_path(browser, tmp_path):
    out = make_out(tmp_path)
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        code, _ = report("out")
    finally:
        os.chdir(here)
    assert code == 0
    open_page(browser, out / "report.html")
    tick(browser, "a.txt", 1, "acc")
    assert command(browser) == f"clean accept {out.resolve()} --edit a.txt:1"
