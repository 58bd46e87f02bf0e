"""`clean suggest`: table entries for the name variants found across a corpus."""

from __future__ import annotations

from pathlib import Path

from pipeline.stages.names.index import NameIndex
from pipeline.ui.suggest_command import suggest
from pipeline.tables.loading import default_table, load_table
from pipeline.tables.merge import merge_tables
from pipeline.tables.table import Entity, Table

ROOT = Path(__file__).parents[1]


def corpus_index() -> NameIndex:
    return NameIndex.from_texts(p.read_text(encoding="utf-8") for p in sorted((ROOT / "raw").glob("*.txt")))


def test_suggests_the_better_supported_spelling_with_its_variant_and_counts():
    text = suggest(corpus_index(), default_table())
    assert '[[person]]\nname = "Temur Umarov"\nvariants = ["Tmur Umarov"]\n' in text
    assert '# "Temur Umarov" 2×, "Tmur Umarov" 3× in the corpus' in text
    assert "“Tmur” is not a known name" in text


def test_suggestion_loads_as_a_table(tmp_path):
    path = tmp_path / "suggested.toml"
    path.write_text(suggest(corpus_index(), default_table()), encoding="utf-8")
    assert load_table(path).by_name["Temur Umarov"].variants == ("Tmur Umarov",)


def test_variant_the_table_already_lists_is_not_suggested():
    table = merge_tables([default_table(), load_table(ROOT / "raw" / "clean.toml")])
    text = suggest(corpus_index(), table)
    assert "Tmur" not in text and "Nothing to suggest" in text


def test_variant_of_a_name_already_in_the_table_is_commented_out():
    table = Table(entities=(Entity("Temur Umarov"),))
    text = suggest(corpus_index(), table)
    assert '# name = "Temur Umarov"' in text and "already in the table" in text


def test_two_people_sharing_a_surname_are_not_suggested():
    index = NameIndex.from_texts(["Mark Kelly flew. Mary Kelly stayed. Mark Kelly landed."])
    assert "Kelly" not in suggest(index, default_table())


def test_undecided_spellings_are_commented_out_most_frequent_first():
    index = NameIndex.from_texts(["Li Zhanshu spoke. Li Zhanshu left.", "Li Zhansu agreed."])
    text = suggest(index, default_table())
    assert "undecided" in text
    assert '# name = "Li Zhanshu"\n# variants = ["Li Zhansu"]' in text


def test_empty_corpus_says_there_is_nothing_to_suggest():
    assert "Nothing to suggest" in suggest(NameIndex(), default_table())
