"""Articles in other formats: each record of a JSON Lines or JSON file, and the text of an HTML
page, is an article of its own with the same workflow as a .txt file (proposed, reviewed,
accepted), and a file of records is written back in its own format with only the cleaned
text changed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .reviewing import CLEAN

DAMAGED = "The the minister said talks will resume next week , officials said.\n"
FIXED = "The minister said talks will resume next week, officials said.\n"
CLEAN_TEXT = "Nothing here needs fixing at all.\n"


def line(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False) + "\n"


def proposed(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix()[: -len(".edits.json")] for p in out.glob("*.edits.json"))


def every_file(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.is_file()]


# --- JSON Lines: clean, status, accept, in the input's format --------------------------------------


SCRAPE = (
    '{"id": "a1", "price": 1.50, "views": 1e3, "text": ' + json.dumps(DAMAGED) + ', "meta": {"tags": ["x", {"y": null}]}, "city": "Kyiv – Київ"}\n'
    '{"zeta": 1, "text": ' + json.dumps(CLEAN_TEXT) + ', "id": "b2", "n": -0.0}\n'
    '{"id": "c3", "text": "The ministers met in Moscow. . Then they left.\\n", "note": "caf\\u00e9"}\n'
)


def test_a_jsonl_scrape_is_cleaned_and_written_back_with_only_the_text_field_changed(run_cli, raw, tmp_path):
    (raw / "scrape.jsonl").write_text(SCRAPE, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(raw, out)
    assert result.exit_code == 0, result.output
    assert proposed(out) == ["scrape.jsonl#a1", "scrape.jsonl#b2", "scrape.jsonl#c3"]
    assert "scrape.jsonl#a1" in run_cli("status", out).output
    assert run_cli("accept", out).exit_code == 0
    lines = SCRAPE.splitlines(keepends=True)
    expected = (
        lines[0].replace(json.dumps(DAMAGED), json.dumps(FIXED)),
        lines[1],
        lines[2].replace("Moscow. . Then", "Moscow. Then"),
    )
    assert (out / "scrape.jsonl").read_text(encoding="utf-8") == "".join(expected)
    assert (out / "scrape.jsonl#a1").read_text(encoding="utf-8") == FIXED


def test_a_record_written_with_raw_non_ascii_keeps_it_raw_and_an_escaped_one_stays_escaped(run_cli, raw, tmp_path):
    (raw / "s.jsonl").write_text(
        line(id="raw", text="Kyiv – the the talks.\n") + '{"id": "esc", "text": "Kyiv \\u2013 the the talks.\\n"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert run_cli(raw, out, "--accept", "all").exit_code == 0
    assert (out / "s.jsonl").read_text(encoding="utf-8") == (
        line(id="raw", text="Kyiv – the talks.\n") + '{"id": "esc", "text": "Kyiv \\u2013 the talks.\\n"}\n'
    )


def test_records_left_pending_keep_their_raw_text_in_the_written_file(run_cli, raw, tmp_path):
    (raw / "scrape.jsonl").write_text(SCRAPE, encoding="utf-8")
    out = tmp_path / "out"
    run_cli(raw, out)
    assert run_cli("accept", out, "scrape.jsonl#c3").exit_code == 0
    lines = SCRAPE.splitlines(keepends=True)
    assert (out / "scrape.jsonl").read_text(encoding="utf-8") == lines[0] + lines[1] + lines[2].replace(". . ", ". ")


# --- incremental runs ---------------------------------------------------------------------------


def test_appending_a_record_proposes_only_that_record_and_keeps_earlier_decisions(run_cli, raw, tmp_path):
    scrape = raw / "scrape.jsonl"
    scrape.write_text(line(id="a1", text=DAMAGED), encoding="utf-8")
    out = tmp_path / "out"
    run_cli(raw, out)
    assert run_cli("accept", out).exit_code == 0
    with scrape.open("a", encoding="utf-8") as handle:
        handle.write(line(id="a2", text=DAMAGED))
    result = run_cli(raw, out)
    assert result.exit_code == 0, result.output
    assert "1 article proposed (1 unchanged)" in result.output
    statuses = [e["status"] for e in json.loads((out / "scrape.jsonl#a1.edits.json").read_text())["edits"]]
    assert statuses == ["accepted", "accepted"]


def test_a_record_removed_from_its_file_is_removed_from_out_on_the_next_run(run_cli, raw, tmp_path):
    scrape = raw / "scrape.jsonl"
    scrape.write_text(line(id="a1", text=DAMAGED) + line(id="gone", text=DAMAGED), encoding="utf-8")
    out = tmp_path / "out"
    run_cli(raw, out, "--accept", "all")
    scrape.write_text(line(id="a1", text=DAMAGED), encoding="utf-8")
    result = run_cli(raw, out)
    assert result.exit_code == 0, result.output
    assert proposed(out) == ["scrape.jsonl#a1"]
    assert not [p for p in every_file(out) if "gone" in p.name]
    assert "scrape.jsonl#gone" not in (out / ".mtclean" / "index.json").read_text(encoding="utf-8")
    assert (out / "scrape.jsonl").read_text(encoding="utf-8") == line(id="a1", text=FIXED)


def test_records_are_kept_in_out_while_their_file_has_a_malformed_line(run_cli, raw, tmp_path):
    scrape = raw / "scrape.jsonl"
    scrape.write_text(line(id="a1", text=DAMAGED) + line(id="a2", text=DAMAGED), encoding="utf-8")
    out = tmp_path / "out"
    run_cli(raw, out)
    scrape.write_text(line(id="a1", text=DAMAGED) + '{"id": "a2", "text": "cut off\n', encoding="utf-8")
    assert run_cli(raw, out).exit_code == 1
    assert proposed(out) == ["scrape.jsonl#a1", "scrape.jsonl#a2"]


def test_a_changed_record_is_proposed_again(run_cli, raw, tmp_path):
    scrape = raw / "scrape.jsonl"
    scrape.write_text(line(id="a1", text=DAMAGED) + line(id="a2", text=CLEAN_TEXT), encoding="utf-8")
    out = tmp_path / "out"
    run_cli(raw, out)
    scrape.write_text(line(id="a1", text=DAMAGED) + line(id="a2", text="It rained . Then it stopped.\n"), encoding="utf-8")
    result = run_cli(raw, out)
    assert "1 article proposed (1 unchanged)" in result.output
    assert json.loads((out / "scrape.jsonl#a2.edits.json").read_text())["edits"] != []


# --- other fields: --field ----------------------------------------------------------------------

TITLE = "Talks resume in in Geneva"
TITLE_FIXED = "Talks resume in Geneva"


def test_a_field_option_cleans_that_field_as_an_article_named_by_file_key_and_field(run_cli, raw, tmp_path):
    (raw / "s.jsonl").write_text(line(id="a1", title=TITLE, n=1.50, text=DAMAGED, description="A quiet day."), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(raw, out, "--field", "title", "--field", "description")
    assert result.exit_code == 0, result.output
    assert proposed(out) == ["s.jsonl#a1", "s.jsonl#a1#description", "s.jsonl#a1#title"]
    assert len(json.loads((out / "s.jsonl#a1#title.edits.json").read_text(encoding="utf-8"))["edits"]) == 1
    assert json.loads((out / "s.jsonl#a1#description.edits.json").read_text(encoding="utf-8"))["edits"] == []


def test_an_accepted_field_is_written_into_its_record_with_every_other_byte_kept(run_cli, raw, tmp_path):
    text = line(id="a1", title=TITLE, n=1.50, text=DAMAGED) + '{"id": "b2", "title": "Fine \u2013 here", "text": "Fine.\n"}\n'
    (raw / "s.jsonl").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    run_cli(raw, out, "--field", "title")
    assert run_cli("accept", out, "--edit", "s.jsonl#a1#title:1").exit_code == 0
    assert (out / "s.jsonl").read_text(encoding="utf-8") == text.replace(TITLE, TITLE_FIXED)
    assert run_cli("accept", out).exit_code == 0
    assert (out / "s.jsonl").read_text(encoding="utf-8") == text.replace(TITLE, TITLE_FIXED).replace(json.dumps(DAMAGED), json.dumps(FIXED))


def test_a_record_without_the_field_or_with_a_non_string_value_has_nothing_to_clean_there(run_cli, raw, tmp_path):
    text = line(id="a", text=DAMAGED) + line(id="b", title=["in in"], text=DAMAGED) + line(id="c", title=None, text=DAMAGED)
    (raw / "s.jsonl").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(raw, out, "--field", "title", "--accept", "all")
    assert result.exit_code == 0, result.output
    assert proposed(out) == ["s.jsonl#a", "s.jsonl#b", "s.jsonl#c"]
    assert (out / "s.jsonl").read_text(encoding="utf-8") == text.replace(json.dumps(DAMAGED), json.dumps(FIXED))


# --- other record files -------------------------------------------------------------------------


def test_a_json_array_of_records_is_cleaned_and_written_back_as_an_array(run_cli, raw, tmp_path):
    text = '[\n  {"id": 7, "body": ' + json.dumps(DAMAGED) + ', "n": 2.50},\n  {"id": 8, "body": "Fine.\\n"}\n]\n'
    (raw / "dump.json").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(raw, out, "--accept", "all")
    assert result.exit_code == 0, result.output
    assert proposed(out) == ["dump.json#7", "dump.json#8"]
    assert (out / "dump.json").read_text(encoding="utf-8") == text.replace(json.dumps(DAMAGED), json.dumps(FIXED))


def test_a_json_file_of_one_object_is_one_article(run_cli, raw, tmp_path):
    (raw / "one.json").write_text(json.dumps({"url": "https://ex.com/a", "content": DAMAGED}), encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli(raw, out).exit_code == 0
    assert proposed(out) == ["one.json#https:%2F%2Fex.com%2Fa"]


def test_a_news_please_record_is_read_by_its_maintext_and_named_by_its_url(run_cli, raw, tmp_path):
    record = {
        "title": "Talks resume",
        "url": "https://news.example/world/talks",
        "date_publish": "2024-03-01 09:00:00",
        "language": "en",
        "maintext": DAMAGED,
        "authors": ["A. Writer"],
    }
    (raw / "news.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli(raw, out, "--accept", "all").exit_code == 0
    assert proposed(out) == ["news.jsonl#https:%2F%2Fnews.example%2Fworld%2Ftalks"]
    assert json.loads((out / "news.jsonl").read_text(encoding="utf-8")) == {**record, "maintext": FIXED}


def test_text_field_and_key_field_options_choose_the_fields(run_cli, raw, tmp_path):
    (raw / "s.jsonl").write_text(line(id="x", slug="talks", text="short", story=DAMAGED), encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli(raw, out, "--text-field", "story", "--key-field", "slug", "--accept", "all").exit_code == 0
    assert proposed(out) == ["s.jsonl#talks"]
    assert json.loads((out / "s.jsonl").read_text(encoding="utf-8"))["story"] == FIXED


def test_crlf_line_ends_and_a_byte_order_mark_are_read_and_kept(run_cli, raw, tmp_path):
    data = ("\ufeff" + line(id="a", text=DAMAGED).replace("\n", "\r\n") + line(id="b", text=DAMAGED).replace("\n", "\r\n")).encode("utf-8")
    (raw / "s.jsonl").write_bytes(data)
    out = tmp_path / "out"
    result = run_cli(raw, out, "--accept", "all")
    assert result.exit_code == 0, result.output
    assert proposed(out) == ["s.jsonl#a", "s.jsonl#b"]
    assert (out / "s.jsonl").read_bytes() == data.replace(json.dumps(DAMAGED).encode(), json.dumps(FIXED).encode())


def test_a_single_jsonl_file_can_be_raw(run_cli, raw, tmp_path):
    (raw / "s.jsonl").write_text(line(id="a", text=DAMAGED), encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli(raw / "s.jsonl", out, "--accept", "all").exit_code == 0
    assert json.loads((out / "s.jsonl").read_text(encoding="utf-8"))["text"] == FIXED


# --- untrusted keys -----------------------------------------------------------------------------


def test_untrusted_keys_stay_inside_out_and_no_two_records_share_a_file(run_cli, raw, tmp_path):
    keys = ["../x", "a/b", "nul\x00here", "k" * 10_000, "A", "a", ".hidden", "50%", "x#y"]
    (raw / "s.jsonl").write_text("".join(line(id=k, text=f"Record {i} . Ends.\n") for i, k in enumerate(keys)), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(raw, out, "--accept", "all")
    assert result.exit_code == 0, result.output
    assert len(proposed(out)) == len(keys)
    assert len({name.casefold() for name in proposed(out)}) == len(keys)
    assert all(len(p.name.encode()) < 255 for p in every_file(out))
    assert not (tmp_path / "x").exists() and not list(raw.rglob("*.txt"))
    records = sorted((out / ".mtclean" / "records" / "s.jsonl").glob("*.txt"))
    assert len(records) == len(keys)
    assert [json.loads(x)["text"] for x in (out / "s.jsonl").read_text(encoding="utf-8").splitlines()] == [
        f"Record {i}. Ends.\n" for i in range(len(keys))
    ]


# --- bad input ----------------------------------------------------------------------------------


def test_a_malformed_line_is_named_by_file_and_line_and_the_other_records_are_cleaned(run_cli, raw, tmp_path):
    (raw / "s.jsonl").write_text(line(id="a", text=DAMAGED) + '{"id": "b", "text": "cut off\n' + line(id="c", text=DAMAGED), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(raw, out, "--accept", "all")
    assert result.exit_code == 1
    assert "s.jsonl:2: malformed JSON" in result.stderr
    assert proposed(out) == ["s.jsonl#a", "s.jsonl#c"]
    assert (out / "s.jsonl").read_text(encoding="utf-8").splitlines()[1] == '{"id": "b", "text": "cut off'


def test_a_record_without_a_text_field_names_the_fields_it_has(run_cli, raw, tmp_path):
    (raw / "s.jsonl").write_text(line(id="a", text=DAMAGED) + line(id="b", headline="Hi", summary="x"), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(raw, out)
    assert result.exit_code == 1
    assert "s.jsonl:2: no text field" in result.stderr and "its fields: id, headline, summary" in result.stderr
    assert proposed(out) == ["s.jsonl#a"]


def test_a_duplicate_key_is_reported_with_both_lines_and_the_second_record_skipped(run_cli, raw, tmp_path):
    (raw / "s.jsonl").write_text(line(id="a", text=DAMAGED) + line(id="b", text=DAMAGED) + line(id="a", text="Other.\n"), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(raw, out)
    assert result.exit_code == 1
    assert "s.jsonl:3: duplicate key 'a' (first on line 1)" in result.stderr
    assert proposed(out) == ["s.jsonl#a", "s.jsonl#b"]
    assert "Other" not in (out / ".mtclean" / "records" / "s.jsonl" / "a.txt").read_text(encoding="utf-8")


# --- HTML ---------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Talks resume in Geneva | The Daily Courier</title>
<meta property="og:url" content="https://courier.example/world/talks-resume"></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<h1>Talks resume in Geneva</h1>
<p>The the foreign minister said on Monday that talks with the neighbouring delegation will resume next week , officials confirmed to reporters in the capital.</p>
<p>Both sides have agreed to discuss the border crossings, the exchange of prisoners and the reopening of the grain corridor , according to a statement.</p>
<p>Observers said the talks were a cautious step forward after months of stalemate and that a deal before the summer was unlikely.</p>
</article></main>
<footer><p>Copyright 2024 The Daily Courier. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs patch: apt-get install -y patch")
def test_an_html_page_is_cleaned_into_page_txt_with_a_diff_that_patches_the_extracted_text(run_cli, raw, tmp_path):
    (raw / "page.html").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(raw, out, "--accept", "all")
    assert result.exit_code == 0, result.output
    assert proposed(out) == ["page.html.txt"]
    cleaned = (out / "page.html.txt").read_text(encoding="utf-8")
    assert "The foreign minister" in cleaned and "next week, officials" in cleaned and "corridor, according" in cleaned
    assert "Copyright" not in cleaned and "Sport" not in cleaned
    copy = tmp_path / "extracted.txt"
    shutil.copy(out / "page.html.extracted.txt", copy)
    subprocess.run(["patch", "-s", str(copy), str(out / "page.html.txt.diff")], check=True)
    assert copy.read_text(encoding="utf-8") == cleaned


def test_an_html_pages_title_and_url_are_kept_in_its_edit_file_through_decisions(run_cli, raw, tmp_path):
    (raw / "page.html").write_text(PAGE.replace("<head>", '<head><meta name="author" content="Ann Reporter">'), encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli(raw, out).exit_code == 0
    assert run_cli("accept", out).exit_code == 0
    metadata = json.loads((out / "page.html.txt.edits.json").read_text(encoding="utf-8"))["metadata"]
    assert metadata["title"] == "Talks resume in Geneva"
    assert metadata["url"] == "https://courier.example/world/talks-resume"
    assert metadata["author"] == "Ann Reporter"
    assert set(metadata) <= {"title", "date", "url", "author", "sitename"}


def test_a_page_with_no_article_text_is_skipped_with_one_warning(run_cli, raw, tmp_path):
    (raw / "empty.htm").write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    (raw / "a.txt").write_text(DAMAGED, encoding="utf-8")
    result = run_cli(raw, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert [x for x in result.stderr.splitlines() if "empty.htm" in x] == ["skipped empty.htm: no article text found in the page"]


# --- naming records in other commands -----------------------------------------------------------


def test_edit_names_a_single_edit_of_a_record_by_file_and_key(run_cli, raw, tmp_path):
    (raw / "scrape.jsonl").write_text(SCRAPE, encoding="utf-8")
    out = tmp_path / "out"
    run_cli(raw, out)
    result = run_cli("accept", out, "--edit", "scrape.jsonl#a1:2")
    assert result.exit_code == 0, result.output
    statuses = [e["status"] for e in json.loads((out / "scrape.jsonl#a1.edits.json").read_text())["edits"]]
    assert statuses == ["pending", "accepted"]
    assert json.loads((out / "scrape.jsonl").read_text(encoding="utf-8").splitlines()[0])["text"] == DAMAGED.replace(" ,", ",")


def test_review_shows_the_file_and_key_of_a_record_and_writes_the_file_back(raw, tmp_path, run_cli):
    pexpect = pytest.importorskip("pexpect", reason="pexpect drives the review through a pty: pip install -e '.[test]'")
    (raw / "scrape.jsonl").write_text(line(id="a1", text="Talks went on . Then they ended.\n"), encoding="utf-8")
    out = tmp_path / "out"
    run_cli(raw, out)
    env = {**os.environ, "TERM": "xterm", "NO_COLOR": "1"}
    child = pexpect.spawn(CLEAN[0], [*CLEAN[1:], "review", str(out)], env=env, encoding="utf-8", timeout=30)
    child.expect(re.compile(r"Accept this edit \[.*\]\? "))
    assert "scrape.jsonl#a1" in child.before
    child.send("y")
    child.expect(pexpect.EOF)
    assert json.loads((out / "scrape.jsonl").read_text(encoding="utf-8"))["text"] == "Talks went on. Then they ended.\n"


def test_trafilaturas_own_json_output_of_a_saved_page_is_cleaned_with_its_metadata_kept(run_cli, raw, tmp_path):
    """What a scraper built on trafilatura writes: its command line's JSON for a saved page."""
    import sys

    command = Path(sys.executable).with_name("trafilatura")
    page = subprocess.run([str(command), "--json", "--with-metadata"], input=PAGE, capture_output=True, text=True, check=True)
    (raw / "page.json").write_text(page.stdout, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli(raw, out, "--accept", "all").exit_code == 0
    before, after = json.loads(page.stdout), json.loads((out / "page.json").read_text(encoding="utf-8"))
    assert list(after) == list(before)
    assert {k: v for k, v in after.items() if k != "text"} == {k: v for k, v in before.items() if k != "text"}
    assert "The foreign minister" in after["text"] and "next week, officials" in after["text"]
