"""The lookup table: TOML and TSV loading, merging, the default table, and errors."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from pipeline.tables.fingerprint import table_hash
from pipeline.tables.loading import TableError, default_table, load_table
from pipeline.tables.merge import merge_tables
from pipeline.tables.table import Table, canonical_words

SAMPLE = Path(__file__).parents[1] / "raw" / "clean.toml"


def write(tmp_path: Path, text: str, name: str = "clean.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(TableError) as caught:
        load_table(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


PEOPLE = """\
it = ["Gazprom"]
reduplications = ["Lang Lang"]

[[person]]
name = "Xi Jinping"
short = "Xi"
variants = ["Xi Jingping"]
pronoun = "he"

[[organisation]]
name = "Carnegie Endowment for International Peace"
short = "Carnegie Endowment"

[[replace]]
wrong = "anti-West"
right = "anti-Western"
reason = "adjective needed"
"""


# --- loading -------------------------------------------------------------------


def test_toml_person_has_name_short_variants_and_pronoun(tmp_path):
    table = load_table(write(tmp_path, PEOPLE))
    person = table.by_name["Xi Jinping"]
    assert (person.kind, person.short, person.variants, person.pronoun) == ("person", "Xi", ("Xi Jingping",), "he")
    assert table.by_name["Xi"] is person


def test_toml_organisation_defaults_to_it_and_joins_the_it_names(tmp_path):
    table = load_table(write(tmp_path, PEOPLE))
    assert table.by_name["Carnegie Endowment"].pronoun == "it"
    assert {"Carnegie Endowment for International Peace", "Carnegie Endowment", "Gazprom"} <= table.it_names


def test_toml_reduplications_are_kept(tmp_path):
    assert load_table(write(tmp_path, PEOPLE)).reduplications == ("Lang Lang",)


def test_toml_replacement_keeps_its_reason_and_source_line(tmp_path):
    (replacement,) = load_table(write(tmp_path, PEOPLE)).replacements
    assert (replacement.wrong, replacement.right, replacement.reason) == ("anti-West", "anti-Western", "adjective needed")
    assert replacement.source == "clean.toml:15"


def test_tsv_lines_become_replacements_with_optional_reason(tmp_path):
    path = write(tmp_path, "# bulk list\n\nteh\tthe\ttypo\nSino Russian\tSino-Russian\n", "fixes.tsv")
    table = load_table(path)
    assert [(r.wrong, r.right, r.reason) for r in table.replacements] == [
        ("teh", "the", "typo"),
        ("Sino Russian", "Sino-Russian", ""),
    ]


def test_sample_corpus_table_loads():
    table = load_table(SAMPLE)
    assert table.by_name["Putin"].pronoun == "he"
    assert table.by_name["Xi"].name == "Xi Jinping"
    assert "Tmur" in table.by_name["Temur Umarov"].variants


def test_one_word_variant_stands_for_the_closest_word_of_the_name():
    assert canonical_words("Tmur", "Temur Umarov") == "Temur"
    assert canonical_words("Umarow", "Temur Umarov") == "Umarov"
    assert canonical_words("Tmur Umarov", "Temur Umarov") == "Temur Umarov"


def test_table_pickles_without_its_derived_lookups(tmp_path):
    table = load_table(write(tmp_path, PEOPLE))
    assert table.it_names  # builds a cached lookup
    copy = pickle.loads(pickle.dumps(table))
    assert copy == table and "it_names" not in copy.__dict__


# --- merging -------------------------------------------------------------------


def test_merge_later_entity_overrides_earlier(tmp_path):
    first = load_table(write(tmp_path, '[[person]]\nname = "Xi Jinping"\npronoun = "they"\n', "a.toml"))
    second = load_table(write(tmp_path, '[[person]]\nname = "Xi Jinping"\npronoun = "he"\n', "b.toml"))
    assert merge_tables([first, second]).by_name["Xi Jinping"].pronoun == "he"
    assert merge_tables([second, first]).by_name["Xi Jinping"].pronoun == "they"


def test_merge_later_replacement_overrides_earlier(tmp_path):
    first = load_table(write(tmp_path, "teh\tthe\n", "a.tsv"))
    second = load_table(write(tmp_path, "teh\tThe\tcapital\n", "b.tsv"))
    (merged,) = merge_tables([first, second]).replacements
    assert merged.right == "The"


def test_merge_adds_it_names_and_reduplications_together(tmp_path):
    user = load_table(write(tmp_path, PEOPLE))
    merged = merge_tables([default_table(), user])
    assert {"Russia", "Gazprom"} <= merged.it_names
    assert {"Cao Cao", "Lang Lang"} <= set(merged.reduplications)


def test_table_hash_follows_content_not_location(tmp_path):
    a = load_table(write(tmp_path, PEOPLE, "a.toml"))
    b = load_table(write(tmp_path, PEOPLE, "b.toml"))
    c = load_table(write(tmp_path, PEOPLE.replace('"he"', '"they"'), "c.toml"))
    assert table_hash(a) == table_hash(b) != table_hash(c)
    assert re.fullmatch(r"[0-9a-f]{16}", table_hash(a))


# --- the default table -----------------------------------------------------------


def test_default_table_refers_to_countries_as_it():
    names = default_table().it_names
    for country in ("Russia", "China", "Ukraine", "Kazakhstan", "United States", "US", "Britain", "Bosnia and Herzegovina"):
        assert country in names
    assert len(default_table().it_entities) >= 193


def test_default_table_allows_real_reduplications():
    for name in ("Cao Cao", "Bora Bora", "Walla Walla", "Baden-Baden", "Sing Sing", "Pago Pago", "Wagga Wagga"):
        assert name in default_table().reduplications


def test_default_table_names_no_person():
    assert not [e for e in default_table().entities if e.kind == "person"]


def test_empty_table_list_merges_to_an_empty_table():
    assert merge_tables([]) == Table()


# --- errors: one line, file:line: what is wrong --------------------------------------


def test_unknown_key_in_entry_names_file_and_line(tmp_path):
    path = write(tmp_path, '[[person]]\nname = "Xi Jinping"\nnmae = "Xi"\n')
    assert error_of(path) == f"{path}:3: unknown key “nmae” in [[person]] (expected: name, short, variants, pronoun)"


def test_unknown_top_level_key_names_file_and_line(tmp_path):
    path = write(tmp_path, 'it = ["Gazprom"]\n\n[[people]]\nname = "Xi Jinping"\n')
    assert error_of(path).startswith(f"{path}:3: unknown key “people”")


def test_top_level_key_written_after_an_entry_says_where_it_belongs(tmp_path):
    path = write(tmp_path, '[[person]]\nname = "Xi Jinping"\nit = ["Gazprom"]\n')
    assert error_of(path).startswith(f"{path}:3: unknown key “it” in [[person]]; top-level keys")


def test_duplicate_entry_names_both_lines(tmp_path):
    path = write(tmp_path, '[[person]]\nname = "Xi Jinping"\n\n[[person]]\nname = "Xi Jinping"\npronoun = "he"\n')
    assert error_of(path) == f"{path}:5: duplicate entry: “Xi Jinping” (already “Xi Jinping” at line 2)"


def test_duplicate_variant_across_entries_is_an_error(tmp_path):
    path = write(
        tmp_path,
        '[[person]]\nname = "Temur Umarov"\nvariants = ["Tmur"]\n\n[[person]]\nname = "Timur Umarov"\nvariants = [\n  "Tmur",\n]\n',
    )
    assert error_of(path) == f"{path}:8: duplicate entry: variant “Tmur” (already variant “Tmur” at line 3)"


def test_short_form_that_is_another_entrys_name_is_a_duplicate(tmp_path):
    path = write(tmp_path, '[[person]]\nname = "Xi"\n\n[[person]]\nname = "Li Zhanshu"\nshort = "Xi"\n')
    assert error_of(path) == f"{path}:6: duplicate entry: short form “Xi” (already “Xi” at line 2)"


def test_duplicate_it_name_in_a_list_names_its_line(tmp_path):
    path = write(tmp_path, 'it = [\n  "Gazprom",\n  "the Gazprom",\n]\n')
    assert error_of(path) == f"{path}:3: duplicate entry: “the Gazprom” (already “Gazprom” at line 2)"


def test_duplicate_tsv_phrase_names_both_lines(tmp_path):
    path = write(tmp_path, "teh\tthe\n\nteh\tthe\ttypo\n", "fixes.tsv")
    assert error_of(path) == f"{path}:3: duplicate entry: “teh” (already “teh” at line 1)"


def test_bad_toml_names_file_and_line(tmp_path):
    path = write(tmp_path, '[[person]]\nname = "Xi Jinping"\npronoun "he"\n')
    message = error_of(path)
    assert message.startswith(f"{path}:3: bad TOML: ")
    assert "line" not in message.split("bad TOML: ")[1]


def test_empty_name_names_file_and_line(tmp_path):
    path = write(tmp_path, '[[person]]\nname = "Xi Jinping"\n\n[[person]]\nname = "  "\n')
    assert error_of(path) == f"{path}:5: empty name"


def test_missing_name_names_the_entry_header(tmp_path):
    path = write(tmp_path, '[[person]]\nname = "Xi Jinping"\n\n[[organisation]]\nshort = "NATO"\n')
    assert error_of(path) == f"{path}:4: [[organisation]] without a name"


def test_empty_tsv_phrase_names_file_and_line(tmp_path):
    path = write(tmp_path, "teh\tthe\n\tthe\n", "fixes.tsv")
    assert error_of(path) == f"{path}:2: empty phrase"


def test_tsv_line_without_tabs_names_file_and_line(tmp_path):
    path = write(tmp_path, "teh the typo\n", "fixes.tsv")
    assert error_of(path) == f"{path}:1: expected wrong<TAB>right, with an optional <TAB>reason; found 1 field"


def test_bad_pronoun_names_file_and_line(tmp_path):
    path = write(tmp_path, '[[person]]\nname = "Xi Jinping"\npronoun = "him"\n')
    assert error_of(path) == f"{path}:3: pronoun must be one of he, she, they (got 'him')"


def test_phrase_that_can_never_match_is_an_error(tmp_path):
    path = write(tmp_path, '[[replace]]\nwrong = "anti-West "\nright = "anti-Western"\n')
    assert error_of(path) == f"{path}:2: phrase 'anti-West ' can never match: it starts or ends with a space"


def test_missing_file_is_a_table_error(tmp_path):
    assert error_of(tmp_path / "nowhere.toml").startswith(f"{tmp_path / 'nowhere.toml'}:1: cannot read table")
