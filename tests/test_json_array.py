"""A JSON array of records is read an element at a time (pipeline/inputs/json_array.py):
wherever the reader's blocks happen to end, it finds the same records, spans and lines as
reading the file whole, and a broken element costs only itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.inputs.jsonl import chunks

DAMAGED = "The the minister said talks will resume next week , officials said.\n"
FIXED = "The minister said talks will resume next week, officials said.\n"
# Every byte the scanner must not take for structure: brackets, braces, commas and escaped
# quotes and backslashes inside strings, multi-byte UTF-8 a block may cut in two.
TRICKY = 'He said: \\"[no {deal}], ]}\\" \\\\ then left — Київ 😀 \\u00e9.'


def read(path: Path, block: int, fields: tuple[str, ...] = ("title",)) -> list[tuple]:
    """What ``chunks`` finds, with the plain bytes between records run together (where the
    blocks end may cut those anywhere)."""
    found: list[list] = []
    for c in chunks(path, path.name, more_fields=fields, block=block):
        if found and c.record is None and not c.problem and found[-1][2] is None and not found[-1][3]:
            found[-1][0] += c.data
        else:
            found.append([c.data, c.line, c.record, c.problem, c.span, c.extra])
    return [tuple(f) for f in found]


def tricky_array() -> bytes:
    """A CRLF array with a BOM whose strings hold brackets, braces, escaped quotes and
    non-ASCII, raw and escaped, with a record that spans lines."""
    records = [
        '{"id": "a", "title": "' + TRICKY + '", "text": "' + TRICKY + '"}',
        '{\r\n  "meta": {"tags": ["]", "}", {"x": [1, 2]}]},\r\n  "text": "Київ ] } , \\" [",\r\n  "id": 2\r\n}',
        '{"id": "c", "text": "\\\\", "n": -1.5e3, "ok": true, "none": null}',
    ]
    return ("\ufeff[\r\n  " + ",\r\n  ".join(records) + "\r\n]\r\n").encode("utf-8")


def test_a_json_array_read_in_blocks_of_any_size_gives_what_reading_it_whole_gives(tmp_path):
    path = tmp_path / "dump.json"
    path.write_bytes(tricky_array())
    whole = read(path, block=1 << 20)
    assert [r[2].key for r in whole if r[2]] == ["a", "2", "c"]
    for block in range(1, 40):  # puts a block's end at every byte of the first records
        assert read(path, block) == whole, block


def test_strings_holding_structure_and_non_ascii_are_read_exactly_across_block_ends(tmp_path):
    path = tmp_path / "dump.json"
    path.write_bytes(tricky_array())
    records = [c.record for c in chunks(path, "dump.json", more_fields=("title",), block=3) if c.record]
    expected = json.loads(tricky_array().decode("utf-8-sig"))
    assert [r.text for r in records] == [e["text"] for e in expected]
    extra = [c.extra for c in chunks(path, "dump.json", more_fields=("title",), block=5) if c.record]
    assert extra[0][0][1] == expected[0]["title"]


def test_each_records_span_holds_its_text_value_in_its_chunk(tmp_path):
    path = tmp_path / "dump.json"
    path.write_bytes(tricky_array())
    for c in chunks(path, "dump.json", more_fields=("title",), block=2):
        if c.record:
            start, end = c.span
            assert json.loads(c.data.decode("utf-8")[start:end]) == c.record.text


def test_the_chunks_of_a_json_array_make_up_its_bytes(tmp_path):
    path = tmp_path / "dump.json"
    path.write_bytes(tricky_array())
    assert b"".join(c.data for c in chunks(path, "dump.json", block=4)) == tricky_array()


def test_records_start_on_the_lines_the_file_puts_them_on(tmp_path):
    path = tmp_path / "dump.json"
    path.write_bytes(tricky_array())
    assert [c.record.line for c in chunks(path, "dump.json", block=3) if c.record] == [2, 3, 8]


@pytest.mark.parametrize("block", [1, 7, 1 << 20])
def test_a_malformed_element_is_named_by_file_and_line_and_the_others_are_read(tmp_path, block):
    path = tmp_path / "dump.json"
    path.write_text('[\n{"id": "a", "text": "x"},\n{"id": "b", "text": "y" "z"},\n{"id": "c", "text": "w"}\n]\n')
    found = list(chunks(path, "dump.json", block=block))
    assert [c.problem for c in found if c.problem] == ["dump.json:3: malformed JSON (expected ',' or '}' at column 25)"]
    assert [c.record.key for c in found if c.record] == ["a", "c"]


def test_an_element_with_data_after_its_object_is_malformed(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text('[{"id": "a", "text": "x"} 3, {"id": "b", "text": "y"}]')
    found = list(chunks(path, "dump.json", block=4))
    assert [c.problem for c in found if c.problem] == ["dump.json:1: malformed JSON (extra data after the object)"]
    assert [c.record.key for c in found if c.record] == ["b"]


def test_an_element_that_is_not_utf8_is_named_and_the_others_are_read(tmp_path):
    path = tmp_path / "dump.json"
    path.write_bytes(b'[{"id": "a", "text": "\xff"},\n {"id": "b", "text": "y"}]')
    found = list(chunks(path, "dump.json", block=5))
    assert [c.problem for c in found if c.problem] == ["dump.json:1: not UTF-8 (invalid start byte)"]
    assert [c.record.key for c in found if c.record] == ["b"]


def test_a_string_left_open_makes_the_rest_of_the_file_one_malformed_element(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text('[{"id": "a", "text": "x"},\n{"id": "b", "text": "open},\n{"id": "c", "text": "w"}]')
    found = list(chunks(path, "dump.json", block=6))
    assert [c.problem.split(" (")[0] for c in found if c.problem] == ["dump.json:2: malformed JSON"]
    assert [c.record.key for c in found if c.record] == ["a"]


def test_a_duplicate_key_in_an_array_names_both_lines(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text('[\n{"id": "a", "text": "x"},\n\n{"id": "a", "text": "y"}\n]')
    found = list(chunks(path, "dump.json", block=3))
    assert [c.problem for c in found if c.problem] == ["dump.json:4: duplicate key 'a' (first on line 2); skipped"]


def test_a_broken_array_element_is_reported_by_the_command_and_the_rest_written_back(run_cli, raw, tmp_path):
    records = [
        json.dumps({"id": "a", "text": DAMAGED}),
        '{"id": "b", "text": "cut" off}',
        json.dumps({"id": "c", "text": DAMAGED}),
    ]
    text = "[\n" + ",\n".join(records) + "\n]\n"
    (raw / "dump.json").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(raw, out, "--accept", "all")
    assert result.exit_code == 1
    assert "dump.json:3: malformed JSON" in result.stderr
    assert sorted(p.name for p in out.glob("*.edits.json")) == ["dump.json#a.edits.json", "dump.json#c.edits.json"]
    assert (out / "dump.json").read_text(encoding="utf-8") == text.replace(json.dumps(DAMAGED), json.dumps(FIXED))
