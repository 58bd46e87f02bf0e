"""`clean suggest`: table entries for the name variants found across a corpus."""

from __future__ import annotations

import json
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
    assert '[[person]]\nname = "Temur Umarov"\nvariants = ["Tmur"]\n' in text
    assert '# "Temur Umarov" 2×, "Tmur" 3× in the corpus' in text
    assert "“Tmur” is not a known name" in text


def test_suggestion_loads_as_a_table(tmp_path):
    path = tmp_path / "suggested.toml"
    path.write_text(suggest(corpus_index(), default_table()), encoding="utf-8")
    assert load_table(path).by_name["Temur Umarov"].variants == ("Tmur",)


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
    assert '# name = "Li Zhanshu"\n# variants = ["Zhansu"]' in text


def test_empty_corpus_says_there_is_nothing_to_suggest():
    assert "Nothing to suggest" in suggest(NameIndex(), default_table())


def test_a_variant_is_the_misspelt_word_alone_so_bare_surname_mentions_are_fixed_too(run_cli, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "a.txt").write_text(
        "Temur Umarov, an expert, spoke on Monday. Temur Umarov said the talks went well.\n"
        "Later Temur Umarev added that Umarev would go to Beijing. Temur Umarov agreed.\n",
        encoding="utf-8",
    )
    (raw / "b.txt").write_text("Temur Umarov wrote a paper. Umarev said it was long. Temur Umarev also said so.\n", encoding="utf-8")
    (raw / "c.txt").write_text("Umarev said it was long. Umarev left early.\n", encoding="utf-8")
    suggested = run_cli("suggest", raw).output
    assert 'variants = ["Umarev"]' in suggested
    (raw / "clean.toml").write_text(suggested, encoding="utf-8")
    assert run_cli(raw, out).exit_code == 0
    for rel in ("a.txt", "b.txt", "c.txt"):
        text = (raw / rel).read_text(encoding="utf-8")
        edits = json.loads((out / f"{rel}.edits.json").read_text(encoding="utf-8"))["edits"]
        fixed = {e["start"] + e["original"].index("Umarev") for e in edits if "Umarev" in e["original"]}
        assert fixed == {i for i in range(len(text)) if text.startswith("Umarev", i)}, rel


def test_the_suggest_command_reads_records_and_pages_as_clean_reads_them(run_cli, tmp_path):
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "raw").glob("*.txt"))]
    (tmp_path / "scrape.jsonl").write_text(
        "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts[1:])), encoding="utf-8"
    )
    (tmp_path / "page.html").write_text(
        "<html><body><article>" + "".join(f"<p>{x}</p>" for x in texts[0].splitlines() if x.strip()) + "</article></body></html>",
        encoding="utf-8",
    )
    result = run_cli("suggest", tmp_path)
    assert result.exit_code == 0, result.output
    assert f"({len(texts)} articles)" in result.output
    assert '[[person]]\nname = "Temur Umarov"\nvariants = ["Tmur"]\n' in result.output
