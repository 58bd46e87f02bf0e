"""`clean report`: one self-contained HTML page with every edit, checked as text and in headless Chromium.

The browser tests need the Debian packages `chromium` and `chromium-driver` and the `selenium`
package (`pip install -e '.[test]'`); they are skipped, with the reason, where those are missing.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.core.edits import Edit
from pipeline.ui.report import report_command
from pipeline.store.proposals import Proposal, load, save

from .reviewing import ARTICLES, make_out


def report(*args) -> tuple[int, str]:
    result = CliRunner().invoke(report_command, [str(a) for a in args])
    return result.exit_code, result.output


@pytest.fixture
def out(tmp_path: Path, run_cli) -> Path:
    """a.txt: #1 accepted, #2 pending, #3 rejected; b.txt: #1 and #2 pending."""
    out = make_out(tmp_path)
    run_cli("accept", out, "a.txt", "--rule", "drop-doubled-full-stop")
    run_cli("reject", out, "a.txt", "--rule", "drop-stray-full-stop")
    return out


@pytest.fixture
def page(out: Path) -> Path:
    code, output = report(out)
    assert code == 0, output
    return out / "report.html"


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside <script> and <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.inline: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in self.inline else None

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in:
            self.inline[self._in].append(data)


def parse(path: Path) -> Tags:
    tags = Tags()
    tags.feed(path.read_text(encoding="utf-8"))
    return tags


def rows(html: str) -> list[str]:
    return re.findall(r'<div class="edit [^"]*".*?</div></div>', html)


# the page as written -----------------------------------------------------------------------


def test_the_report_is_written_to_out_report_html_by_default(out):
    code, output = report(out)
    assert code == 0
    assert (out / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert f"wrote {out / 'report.html'}: 2 articles, 5 edits (3 pending)" in output


def test_the_output_option_writes_the_page_where_asked(out, tmp_path):
    code, _ = report(out, "-o", tmp_path / "elsewhere.html")
    assert code == 0
    assert (tmp_path / "elsewhere.html").exists()
    assert not (out / "report.html").exists()


def test_the_page_fetches_nothing_its_css_and_script_are_inline(page):
    tags = parse(page)
    for tag, attrs in tags.tags:
        for name in ("src", "href", "action", "data", "poster", "srcset"):
            if name in attrs:
                assert attrs[name].startswith("data:"), (tag, attrs)
        assert not (tag == "link" and attrs.get("rel") == "stylesheet")
    assert [tag for tag, _ in tags.tags].count("script") == 1
    assert "url(" not in "".join(tags.inline["style"]) and "@import" not in "".join(tags.inline["style"])


def test_the_content_security_policy_allows_only_the_inline_script_and_style(page):
    import base64

    tags = parse(page)
    policy = next(a["content"] for t, a in tags.tags if a.get("http-equiv") == "Content-Security-Policy")
    for kind in ("script", "style"):
        digest = hashlib.sha256("".join(tags.inline[kind]).encode("utf-8")).digest()
        assert f"{kind}-src 'sha256-{base64.b64encode(digest).decode()}'" in policy
    assert "default-src 'none'" in policy


def test_every_edit_is_a_row_pending_and_decided_alike(page):
    html = page.read_text(encoding="utf-8")
    found = [re.search(r'data-id="(\d+)".*?data-status="(\w+)"', row).groups() for row in rows(html)]
    assert found == [("1", "accepted"), ("2", "pending"), ("3", "rejected"), ("1", "pending"), ("2", "pending")]
    assert html.index('data-rel="a.txt"') < html.index('data-rel="b.txt"')


def test_a_row_shows_the_raw_and_the_proposed_sentence_side_by_side_with_word_highlights(page):
    second = rows(page.read_text(encoding="utf-8"))[1]
    assert '<div class="before">The minister added: “we are close<del> “</del>.</div>' in second
    assert '<div class="after">The minister added: “we are close<ins>”</ins>.</div>' in second
    assert "fix-quote-direction" in second and ">safe<" in second


def test_pending_edits_have_accept_and_reject_boxes_and_decided_ones_their_status(page):
    first, second = rows(page.read_text(encoding="utf-8"))[:2]
    assert 'class="status accepted"' in first and "checkbox" not in first
    assert 'input type="checkbox" class="acc"' in second and 'input type="checkbox" class="rej"' in second


def test_articles_without_edits_are_counted_but_not_listed(tmp_path):
    out = make_out(tmp_path, {"a.txt": ARTICLES["a.txt"], "fine.txt": "A clean line.\n"})
    report(out)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "2 articles (1 without edits), 3 edits" in html
    assert 'data-rel="fine.txt"' not in html


def test_an_edit_the_reviewer_rewrote_shows_what_the_stage_proposed(out):
    proposal = load(out, "a.txt")
    edits = list(proposal.edits)
    edits[2] = replace(edits[2], replacement=",", proposed="", status="accepted")
    save(out, replace(proposal, edits=tuple(edits)), ARTICLES["a.txt"], write_text=True)
    report(out)
    third = rows((out / "report.html").read_text(encoding="utf-8"))[2]
    assert "interests<ins>,</ins> through" in third
    assert "edited by the reviewer; proposed: <q></q>" in third


def test_article_text_and_names_are_escaped(tmp_path):
    hostile = {
        'x<b>"&.txt': 'He said: <script>alert("owned")</script> it was close “.\n'
        'An "><img src=x onerror=alert(1)> tag . here.\n',
    }
    out = make_out(tmp_path, hostile)
    code, _ = report(out)
    assert code == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in html
    assert 'data-rel="x&lt;b&gt;&quot;&amp;.txt"' in html
    assert [tag for tag, _ in parse(out / "report.html").tags].count("script") == 1


def test_an_article_whose_raw_text_changed_is_named_on_the_page_and_the_exit_status_is_1(out, tmp_path):
    (tmp_path / "raw" / "b.txt").write_text("Changed since.\n", encoding="utf-8")
    code, output = report(out)
    assert code == 1
    assert "b.txt: the raw article changed" in output
    html = (out / "report.html").read_text(encoding="utf-8")
    assert '<section class="article failed" data-rel="b.txt">' in html
    assert len(rows(html)) == 3


def test_a_report_of_an_out_without_proposals_is_a_usage_error(tmp_path):
    code, output = report(tmp_path)
    assert code == 2
    assert "no proposals" in output


def test_help_shows_an_example():
    result = CliRunner().invoke(report_command, ["--help"])
    assert result.exit_code == 0
    assert "Example:\n    clean report cleaned/" in result.output


RULES = ("drop-space-before-full-stop", "fix-quote-direction", "drop-doubled-word", "drop-junk-line", "close-quote")


def many_edits(tmp_path: Path, articles: int = 500, per_article: int = 20) -> Path:
    """An OUT with ``articles × per_article`` edits, written straight through the store."""
    out = tmp_path / "big"
    raw_dir = tmp_path / "big-raw"
    raw_dir.mkdir()
    sentence = "The talks number {n} went on . Then they left, said the envoy.\n"
    for a in range(articles):
        text = "".join(sentence.format(n=n) for n in range(per_article))
        raw_path = raw_dir / f"{a:04d}.txt"
        raw_path.write_text(text, encoding="utf-8")
        starts = [m.start() for m in re.finditer(" \\.", text)]
        edits = tuple(
            Edit(s, s + 1, "", RULES[(a + i) % len(RULES)], "punctuation", "space before a full stop",
                 "safe" if i % 2 else "review", ("pending", "pending", "accepted", "rejected")[i % 4])
            for i, s in enumerate(starts)
        )
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        proposal = Proposal(f"{a:04d}.txt", str(raw_path), digest, "utf-8", {}, edits)
        save(out, proposal, text, write_text=False)
    return out


def test_a_page_of_10000_edits_is_written_in_a_few_seconds(tmp_path):
    out = many_edits(tmp_path)
    started = time.perf_counter()
    code, output = report(out)
    took = time.perf_counter() - started
    assert code == 0, output
    assert "500 articles, 10000 edits" in output
    assert took < 10, f"{took:.1f} s"


# in headless Chromium ------------------------------------------------------------------------

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
CHROMEDRIVER = shutil.which("chromedriver")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="headless Chromium tests need the Debian packages chromium and chromium-driver"
    " (apt-get install -y chromium chromium-driver)",
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One headless Chromium for the module, with a fresh profile, logging the console."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="the browser tests need selenium: pip install -e '.[test]'")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def open_page(browser, path: Path):
    browser.get(path.resolve().as_uri())
    browser.get_log("browser")  # start each page with an empty console
    return browser


def console_errors(browser) -> list[dict]:
    return [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def shown_rows(browser) -> list[tuple[str, str]]:
    """(article, edit id) of every row the page displays."""
    from selenium.webdriver.common.by import By

    return [
        (row.find_element(By.XPATH, "ancestor::section").get_attribute("data-rel"), row.get_attribute("data-id"))
        for row in browser.find_elements(By.CSS_SELECTOR, ".edit")
        if row.is_displayed()
    ]


def click(browser, css: str) -> None:
    from selenium.webdriver.common.by import By

    browser.find_element(By.CSS_SELECTOR, css).click()


def tick(browser, rel: str, edit_id: int, choice: str) -> None:
    click(browser, f'section[data-rel="{rel}"] .edit[data-id="{edit_id}"] input.{choice}')


def command(browser) -> str:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.ID, "command").get_attribute("value")


ALL = [("a.txt", "1"), ("a.txt", "2"), ("a.txt", "3"), ("b.txt", "1"), ("b.txt", "2")]


@needs_chromium
def test_the_page_loads_in_chromium_without_console_errors(browser, page):
    browser.get(page.resolve().as_uri())
    assert console_errors(browser) == []
    assert shown_rows(browser) == ALL


@needs_chromium
def test_a_screenshot_of_the_page_is_saved(browser, page, tmp_path):
    open_page(browser, page)
    tick(browser, "a.txt", 2, "acc")
    tick(browser, "b.txt", 2, "rej")
    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("MTCLEAN_SCREENSHOTS"):  # keep a copy to look at
        shutil.copy(shot, Path(os.environ["MTCLEAN_SCREENSHOTS"]) / "report.png")
    assert console_errors(browser) == []


@needs_chromium
def test_the_rule_filter_hides_the_other_rules_and_shows_them_again(browser, page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    open_page(browser, page)
    rule = Select(browser.find_element(By.ID, "f-rule"))
    rule.select_by_visible_text("fix-quote-direction (2)")
    assert shown_rows(browser) == [("a.txt", "2"), ("b.txt", "1")]
    assert browser.find_element(By.ID, "shown").text == "2 of 5 edits shown"
    rule.select_by_visible_text("all rules")
    assert shown_rows(browser) == ALL


@needs_chromium
def test_the_risk_filter_hides_and_shows_rows(browser, page):
    open_page(browser, page)
    click(browser, 'input[name="risk"][value="safe"]')
    assert shown_rows(browser) == [("a.txt", "3")]
    click(browser, 'input[name="risk"][value="safe"]')
    assert shown_rows(browser) == ALL


@needs_chromium
def test_the_status_filter_hides_and_shows_rows_and_empties_hide_their_article(browser, page):
    from selenium.webdriver.common.by import By

    open_page(browser, page)
    click(browser, 'input[name="status"][value="pending"]')
    assert shown_rows(browser) == [("a.txt", "1"), ("a.txt", "3")]
    assert not browser.find_element(By.CSS_SELECTOR, 'section[data-rel="b.txt"]').is_displayed()
    click(browser, 'input[name="status"][value="accepted"]')
    click(browser, 'input[name="status"][value="rejected"]')
    assert shown_rows(browser) == []
    click(browser, 'input[name="status"][value="pending"]')
    assert shown_rows(browser) == [("a.txt", "2"), ("b.txt", "1"), ("b.txt", "2")]


@needs_chromium
def test_ticking_accept_and_reject_writes_the_commands_that_apply_them(browser, page, out):
    open_page(browser, page)
    assert command(browser) == ""
    tick(browser, "b.txt", 2, "acc")
    tick(browser, "a.txt", 2, "acc")
    tick(browser, "b.txt", 1, "rej")
    assert command(browser) == (
        f"clean accept {out} --edit a.txt:2 --edit b.txt:2\n"
        f"clean reject {out} --edit b.txt:1"
    )
    tick(browser, "a.txt", 2, "acc")  # untick
    assert command(browser) == f"clean accept {out} --edit b.txt:2\nclean reject {out} --edit b.txt:1"
    assert console_errors(browser) == []


@needs_chromium
def test_accept_and_reject_of_one_edit_exclude_each_other(browser, page, out):
    from selenium.webdriver.common.by import By

    open_page(browser, page)
    tick(browser, "b.txt", 1, "acc")
    tick(browser, "b.txt", 1, "rej")
    row = browser.find_element(By.CSS_SELECTOR, 'section[data-rel="b.txt"] .edit[data-id="1"]')
    assert not row.find_element(By.CSS_SELECTOR, "input.acc").is_selected()
    assert command(browser) == f"clean reject {out} --edit b.txt:1"


@needs_chromium
def test_accept_shown_chooses_every_shown_pending_edit_and_clear_forgets_them(browser, page, out):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    open_page(browser, page)
    Select(browser.find_element(By.ID, "f-rule")).select_by_visible_text("drop-doubled-full-stop (2)")
    click(browser, "#accept-shown")
    assert command(browser) == f"clean accept {out} --edit b.txt:2"  # a.txt:1 is accepted already
    Select(browser.find_element(By.ID, "f-rule")).select_by_visible_text("all rules")
    click(browser, "#reject-shown")  # b.txt:2, ticked accept, keeps its choice
    assert command(browser) == f"clean accept {out} --edit b.txt:2\nclean reject {out} --edit a.txt:2 --edit b.txt:1"
    click(browser, "#clear")
    assert command(browser) == ""


@needs_chromium
def test_names_that_need_quoting_are_quoted_for_the_shell(browser, tmp_path):
    out = make_out(tmp_path, {"sub dir/it's.txt": ARTICLES["b.txt"]})
    report(out)
    open_page(browser, out / "report.html")
    tick(browser, "sub dir/it's.txt", 1, "acc")
    tick(browser, "sub dir/it's.txt", 2, "acc")
    assert command(browser) == f"clean accept {out} --edit 'sub dir/it'\"'\"'s.txt:1,2'"


@needs_chromium
def test_a_script_in_the_article_text_runs_nothing_and_shows_as_text(browser, tmp_path):
    from selenium.webdriver.common.by import By

    hostile = {"x.txt": 'He said: <script>alert("owned")</script> it was close “.\n<img src=x onerror=alert(1)> .\n'}
    out = make_out(tmp_path, hostile)
    report(out)
    open_page(browser, out / "report.html")
    assert browser.execute_script("return document.scripts.length") == 1
    assert browser.execute_script("return document.images.length") == 0
    assert '<script>alert("owned")</script>' in browser.find_element(By.CSS_SELECTOR, ".before").text
    assert console_errors(browser) == []


@needs_chromium
def test_a_page_of_10000_edits_loads_and_filters_in_the_browser(browser, tmp_path):
    from selenium.webdriver.common.by import By

    out = many_edits(tmp_path)
    report(out)
    started = time.perf_counter()
    browser.get((out / "report.html").resolve().as_uri())
    loaded = time.perf_counter() - started
    assert console_errors(browser) == []
    started = time.perf_counter()
    click(browser, 'input[name="status"][value="pending"]')
    assert browser.find_element(By.ID, "shown").text == "5000 of 10000 edits shown"
    filtered = time.perf_counter() - started
    assert loaded < 15 and filtered < 5, f"load {loaded:.1f} s, filter {filtered:.1f} s"
