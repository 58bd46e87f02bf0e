"""The lexicon: one loader for the word lists in pipeline/data, and one country list that both
the default table and the detector read."""

from __future__ import annotations

from pipeline.core.lexicon import lower_case_list, word_list
from pipeline.core.lexicon.names import countries, country_names, detector_country_names
from pipeline.tables.loading import DEFAULT_TABLE, default_table, load_table
from pipeline.tables.table import strip_the

from .conftest import ROOT

DATA = ROOT / "pipeline" / "data"


def test_a_word_list_is_its_lines_in_order_without_comments_or_blank_lines():
    lines = (DATA / "boilerplate.txt").read_text(encoding="utf-8").splitlines()
    assert word_list("boilerplate.txt") == tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))
    assert "Advertisement" in word_list("boilerplate.txt")  # case kept


def test_a_lower_case_list_drops_case_and_the_final_full_stop():
    assert {"mr", "u.s", "etc"} <= lower_case_list("abbreviations.txt")
    assert not any(e.endswith(".") or e != e.lower() for e in lower_case_list("abbreviations.txt"))


def test_only_the_lexicon_reads_the_word_lists():
    readers = [
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "pipeline").rglob("*.py")
        if "joinpath(\"data\"" in p.read_text(encoding="utf-8")
    ]
    assert sorted(readers) == ["pipeline/core/lexicon/__init__.py", "pipeline/ui/report.py"]  # report: CSS and JS


def test_each_country_is_listed_once_with_its_usual_name_first():
    names = country_names()
    assert len(names) == len(set(map(strip_the, names)))
    assert ("the Netherlands", "Holland") in countries()
    assert len(countries()) >= 193


def test_the_default_table_takes_every_country_name_then_its_own_it_names():
    own = load_table(DEFAULT_TABLE).it_entities  # what default_table.toml writes
    assert default_table().it_entities == (*country_names(), *own)
    assert not {strip_the(n) for n in own} & {strip_the(n) for n in country_names()}
    assert {"Netherlands", "United States", "Moscow"} <= default_table().it_names


def test_the_detector_looks_for_every_country_but_by_an_acronym_and_without_the():
    names = detector_country_names()
    assert {"Netherlands", "United States", "Russia", "Vatican"} <= set(names)
    assert not {"US", "U.S.", "UK", "PRC", "the Netherlands"} & set(names)
    assert len(names) == len(country_names()) - 9  # US, U.S., USA, UK, U.K., PRC, DRC, UAE, USSR
