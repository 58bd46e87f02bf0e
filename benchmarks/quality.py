"""How well mtclean cleans real text: harm to clean English, repair of injected damage, and
agreement with professional post-editors and expert error annotations, in one run.

    python benchmarks/quality.py DEV [--quick] [--json FILE] [--check] [--seed N] [--show N]

DEV is the development corpus (``../shared/dev``; its README says what each part is). It is
read, never copied. Every text is cleaned as ``clean`` cleans it: the default table, the
rule stages in their order (``pipeline.engine.assembly.rule_stages``) with a name index over the
corpus the text belongs to, and the garble detector; "accepted" means every edit accepted
(``clean accept``). Sections:

1. **Clean English** (``clean_en/``: one sentence a line; ``clean_en_paragraphs/``:
   paragraphs): every edit is listed (each should be a genuine slip of the reference);
   edits and flagged sentences per 1,000 sentences.
2. **Injected damage** (``benchmarks/damage.py``, seeded): one damaged copy per article and
   damage class, in both layouts, cleaned as a corpus of its own (the copies of one class
   and layout: one damage per article). A copy is *repaired* when its accepted text equals
   the original's accepted text (the original, with the genuine slips of section 1 fixed);
   *worse* when more words differ from it after cleaning than before.
3. **MLQE-PE** (real MT with professional post-edits): edits per 1,000 sentences the
   post-editor left unchanged (every one a false alarm); on the others, precision (an edit
   is right when it brings the sentence closer to the post-edit, word by word: the
   post-editor made the same change there) and the share of post-edit changes reproduced.
4. **MQM** (MT with expert error spans): the share of edits that touch a rater's span
   (within 2 characters), and the spans touched per error category.
5. **Real MT** (``real_mt/``): edits and flags per 1,000 sentences per system and by rule,
   and ``--show`` random edits with their context, for a person to judge.

``--quick`` runs a fixed subset, every section but MLQE-PE whole and MLQE-PE's dev split
(5,000 of its 40,000 rows), in about ten seconds; ``--check`` exits 1 when a figure misses
its target (``TARGETS``), or, where the target is out of reach, the figure reached (``HELD``).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Iterator, Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import damage  # noqa: E402

from pipeline.core.edits import Edit, apply  # noqa: E402
from pipeline.stages.names.index import NameIndex  # noqa: E402
from pipeline.engine.assembly import Pipeline, propose, rule_stages  # noqa: E402
from pipeline.stages.rewrite.stage import RewriteStage  # noqa: E402
from pipeline.tables.loading import default_table  # noqa: E402

# The figures issue 12 asks for, each "at most" or "at least".
TARGETS = {
    "clean edits per layout": ("max", 5),  # each a genuine slip of the reference
    "clean flags per 1,000 sentences": ("max", 5.0),
    "damage repaired overall": ("min", 0.90),
    "damage repaired per class": ("min", 0.75),
    "damage made worse": ("max", 0),
    "MLQE edits per 1,000 unchanged": ("max", 0.5),  # 1 per 2,000
    "MLQE precision": ("min", 0.90),
    "MQM edits inside rater spans": ("min", 0.95),
}
# Where a target is not met, the figure reached, which --check holds instead so that no change
# lowers it quietly; each with the reason the target is out of reach (README, Quality).
HELD = {
    # Every edit is a genuine slip of the references (a name spelt once otherwise than its
    # other mentions, a space before a colon, a quote never closed, a single mark closing a
    # double quote); the paragraph layout adds three that joining the segments shows.
    "clean edits per layout": 12,
    # The edits outside every span are right repairs the raters did not mark (a space after a
    # full stop, a doubled full stop, a space before a full stop or a closing quote).
    "MQM edits inside rater spans": 0.6,
}
LAYOUTS = ("clean_en", "clean_en_paragraphs")
QUICK_MLQE_SPLIT = "dev"  # --quick reads MLQE-PE's dev rows only
MQM_SLACK = 2  # characters either side of a rater's span
_TOKEN = re.compile(r"\S+")


# --- cleaning ------------------------------------------------------------------


@dataclass
class Corpus:
    """Texts cleaned together, as ``clean`` cleans a folder: one name index over them all."""

    texts: dict[str, str]
    flags: bool = True

    def __post_init__(self) -> None:
        index = NameIndex.from_texts(self.texts.values())
        rewrite = RewriteStage() if self.flags else None
        self.pipeline = Pipeline(rule_stages(TABLE, index), rewrite)

    def propose(self, name: str) -> tuple[list[Edit], list[dict]]:
        return propose(self.texts[name], self.pipeline)

    def each(self) -> Iterator[tuple[str, str, list[Edit], list[dict]]]:
        for name, text in self.texts.items():
            edits, flags = self.propose(name)
            yield name, text, edits, flags


TABLE = default_table()


def accepted(text: str, edits: Sequence[Edit]) -> str:
    """The text with every edit accepted, as ``clean accept`` writes it."""
    return apply(text, edits)


def word_changes(a: str, b: str) -> int:
    """How many words (runs of non-space) differ between ``a`` and ``b``, aligned by difflib."""
    x, y = _TOKEN.findall(a), _TOKEN.findall(b)
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in SequenceMatcher(None, x, y, autojunk=False).get_opcodes() if tag != "equal")


class Alignment:
    """MT and its post-edit aligned word by word (difflib): the post-editor's changes, and
    whether an edit makes one of them at the same place."""

    def __init__(self, mt: str, pe: str) -> None:
        self.mt = mt
        self.words = list(_TOKEN.finditer(mt))
        self.pe = [m.group() for m in _TOKEN.finditer(pe)]
        opcodes = SequenceMatcher(None, [m.group() for m in self.words], self.pe, autojunk=False).get_opcodes()
        self.changes = [op[1:] for op in opcodes if op[0] != "equal"]  # (i1, i2, j1, j2)

    def agreeing(self, edit: Edit) -> set[int]:
        """The post-edit changes ``edit`` makes (indices into ``changes``): every MT word it
        changes, the post-editor changed too, and every word it writes, the post-editor wrote
        there. Empty when it disagrees."""
        after = [m.group() for m in _TOKEN.finditer(apply(self.mt, [edit]))]
        ours = [op[1:] for op in SequenceMatcher(None, [m.group() for m in self.words], after, autojunk=False).get_opcodes() if op[0] != "equal"]
        made: set[int] = set()
        for i1, i2, j1, j2 in ours:
            if i1 == i2:  # an insertion: a change of theirs at that point
                theirs = [k for k, (a1, a2, _, _) in enumerate(self.changes) if a1 <= i1 <= a2]
            else:  # every word ours changes lies in a change of theirs
                theirs = [k for k, (a1, a2, _, _) in enumerate(self.changes) if a1 < i2 and i1 < a2]
                covered = {i for k in theirs for i in range(self.changes[k][0], self.changes[k][1])}
                if not covered.issuperset(range(i1, i2)):
                    return set()
            if not theirs:
                return set()
            written = [w for k in theirs for w in self.pe[self.changes[k][2] : self.changes[k][3]]]
            if any(word not in written for word in after[j1:j2]):
                return set()
            made.update(theirs)
        return made


def context(text: str, edit: Edit, width: int = 50) -> str:
    """One line: the edit in its surroundings, ``[old→new]``."""
    before = text[max(0, edit.start - width) : edit.start].rsplit("\n", 1)[-1]
    after = text[edit.end : edit.end + width].split("\n", 1)[0]
    return f"{before}[{text[edit.start:edit.end]}→{edit.replacement}]{after}".replace("\n", "⏎")


def read_folder(folder: Path) -> dict[str, str]:
    files = sorted(folder.glob("*.txt"))
    return {p.name: p.read_text(encoding="utf-8") for p in files}


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def sentences_of(text: str) -> int:
    """Sentences of a clean_en file: its non-blank lines (one segment each)."""
    return sum(1 for line in text.split("\n") if line.strip())


def per_1000(count: float, total: int) -> float:
    return round(1000 * count / total, 2) if total else 0.0


# --- 1. clean English ------------------------------------------------------------


def clean_english(dev: Path) -> dict:
    """Edits and flags on professionally written English, in both layouts."""
    segments = {name: sentences_of(text) for name, text in read_folder(dev / "clean_en").items()}
    result = {}
    for layout in LAYOUTS:
        corpus = Corpus(read_folder(dev / layout))
        listed, rules, flags = [], Counter(), 0
        for name, text, edits, flagged in corpus.each():
            flags += len(flagged)
            for edit in edits:
                rules.update(edit.rules)
                listed.append(f"{name}: {edit.rule}: {context(text, edit)}")
        sentences = sum(segments[name] for name in corpus.texts)
        result[layout] = {
            "articles": len(corpus.texts),
            "sentences": sentences,
            "edits": len(listed),
            "edits per 1,000": per_1000(len(listed), sentences),
            "by rule": dict(rules.most_common()),
            "flags": flags,
            "flags per 1,000": per_1000(flags, sentences),
            "every edit": listed,
        }
    return result


# --- 2. injected damage ------------------------------------------------------------


def injected_damage(dev: Path, seed: int) -> dict:
    """Share of damaged copies repaired exactly, per class and layout, and copies made worse."""
    per_class: dict[str, Counter] = defaultdict(Counter)
    misses: dict[str, list[str]] = defaultdict(list)
    for layout in LAYOUTS:
        originals = read_folder(dev / layout)
        reference = {name: accepted(text, edits) for name, text, edits, _ in Corpus(originals, flags=False).each()}
        by_class: dict[str, dict[str, damage.Injection]] = defaultdict(dict)
        for name, cls, injection in damage.copies(originals, seed):
            by_class[cls][name] = injection
        for cls in damage.CLASSES:
            copies = by_class.get(cls, {})
            if not copies:
                continue
            corpus = Corpus({**originals, **{name: i.text for name, i in copies.items()}}, flags=False)
            for name, injection in copies.items():
                edits, _ = corpus.propose(name)
                result = accepted(injection.text, edits)
                counts = per_class[cls]
                counts["copies"] += 1
                counts[layout] += 1
                if result == reference[name]:
                    counts["repaired"] += 1
                    continue
                after, before = word_changes(result, reference[name]), word_changes(injection.text, reference[name])
                counts["worse"] += after > before
                misses[cls].append(
                    f"{layout}/{name}: {injection.note}; "
                    + ("MADE WORSE; " if after > before else "")
                    + ("; ".join(f"{e.rule}: {context(injection.text, e, 30)}" for e in edits) or "no edit")
                )
    classes = {
        cls: {
            "copies": c["copies"],
            "repaired": round(c["repaired"] / c["copies"], 3),
            "worse": c["worse"],
            **{layout: c[layout] for layout in LAYOUTS},
        }
        for cls, c in per_class.items()
    }
    total = sum(c["copies"] for c in per_class.values())
    return {
        "copies": total,
        "repaired": round(sum(c["repaired"] for c in per_class.values()) / total, 3) if total else 0.0,
        "worse": sum(c["worse"] for c in per_class.values()),
        "classes": classes,
        "misses": {cls: found for cls, found in misses.items()},
    }


# --- 3. MLQE-PE ---------------------------------------------------------------------


def mlqe(dev: Path, split: str | None) -> dict:
    """Edits on sentences post-editors left alone; precision and recall on the others."""
    pairs: dict[str, list[dict]] = defaultdict(list)
    for row in read_jsonl(dev / "mlqe_pe.jsonl"):
        if split is None or row["split"] == split:
            pairs[row["lp"]].append(row)
    unchanged = unchanged_edits = right = wrong = changes = reproduced = 0
    false_alarms: list[str] = []
    wrong_edits: list[str] = []
    rules: Counter = Counter()
    for pair_rows in pairs.values():
        corpus = Corpus({row["id"]: row["mt"] for row in pair_rows}, flags=False)
        for row in pair_rows:
            edits, _ = corpus.propose(row["id"])
            mt, pe = row["mt"], row["pe"]
            rules.update(r for e in edits for r in e.rules)
            if row["unchanged"]:
                unchanged += 1
                unchanged_edits += len(edits)
                false_alarms += [f"{row['id']}: {e.rule}: {context(mt, e)}" for e in edits]
                continue
            post_edit = Alignment(mt, pe)
            changes += len(post_edit.changes)
            made: set[int] = set()
            for edit in edits:
                agreed = post_edit.agreeing(edit)
                if agreed:
                    right += 1
                    made |= agreed
                else:
                    wrong += 1
                    wrong_edits.append(f"{row['id']}: {edit.rule}: {context(mt, edit)} | pe: {pe[:160]}")
            reproduced += len(made)
    return {
        "rows": sum(len(r) for r in pairs.values()),
        "unchanged rows": unchanged,
        "edits on unchanged": unchanged_edits,
        "edits per 1,000 unchanged": per_1000(unchanged_edits, unchanged),
        "edits on post-edited": right + wrong,
        "precision": round(right / (right + wrong), 3) if right + wrong else None,
        "post-edit changes reproduced": round(reproduced / changes, 4) if changes else 0.0,
        "by rule": dict(rules.most_common()),
        "false alarms": false_alarms,
        "wrong edits": wrong_edits,
    }


# --- 4. MQM ---------------------------------------------------------------------------


def mqm(dev: Path) -> dict:
    """Edits against expert error spans: inside a span, and spans touched per category."""
    rows = [row for row in read_jsonl(dev / "mqm_ted_zhen.jsonl") if row["system"] not in ("ref", "refB")]
    by_system: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_system[row["system"]].append(row)
    inside = outside = 0
    spans: Counter = Counter()
    touched: Counter = Counter()
    outside_edits: list[str] = []
    for system_rows in by_system.values():
        corpus = Corpus({f"{r['doc']}:{r['seg']}": r["mt"] for r in system_rows}, flags=False)
        for row in system_rows:
            edits, _ = corpus.propose(f"{row['doc']}:{row['seg']}")
            errors = row["errors"]
            for error in errors:
                spans[error["category"]] += 1
                if any(_touches(edit, error) for edit in edits):
                    touched[error["category"]] += 1
            for edit in edits:
                if any(_touches(edit, error) for error in errors):
                    inside += 1
                else:
                    outside += 1
                    outside_edits.append(f"{row['system']} {row['doc']}:{row['seg']}: {edit.rule}: {context(row['mt'], edit)}")
    return {
        "segments": len(rows),
        "edits": inside + outside,
        "inside spans": round(inside / (inside + outside), 3) if inside + outside else None,
        "spans touched per category": {c: f"{touched[c]}/{n}" for c, n in spans.most_common()},
        "edits outside spans": outside_edits,
    }


def _touches(edit: Edit, error: dict) -> bool:
    return edit.start <= error["end"] + MQM_SLACK and error["start"] - MQM_SLACK <= edit.end


# --- 5. real MT -----------------------------------------------------------------------


def real_mt(dev: Path, show: int, seed: int) -> dict:
    """Edits and flags per 1,000 sentences per system and by rule, and a sample of edits."""
    texts = read_folder(dev / "real_mt")
    by_system: dict[str, dict[str, str]] = defaultdict(dict)
    for name, text in texts.items():
        pair, system, _ = name.split("__", 2)
        by_system[f"{pair} {system}"][name] = text
    systems, rules, sample = {}, Counter(), []
    for system, system_texts in sorted(by_system.items()):
        corpus = Corpus(system_texts)
        edits_n = flags_n = sentences = 0
        for name, text, edits, flags in corpus.each():
            sentences += sentences_of(text)
            edits_n += len(edits)
            flags_n += len(flags)
            rules.update(r for e in edits for r in e.rules)
            sample += [f"{name}: {e.rule}: {context(text, e)}" for e in edits]
        systems[system] = {
            "sentences": sentences,
            "edits per 1,000": per_1000(edits_n, sentences),
            "flags per 1,000": per_1000(flags_n, sentences),
        }
    shown = sorted(random.Random(seed).sample(sample, min(show, len(sample))))
    return {"systems": systems, "by rule": dict(rules.most_common()), "sample": shown}


# --- the table --------------------------------------------------------------------------


def verdicts(results: dict) -> list[tuple[str, object, object, bool]]:
    """(figure, measured, target, met) for each figure of ``TARGETS``."""
    clean, hurt, ml, mq = results["clean English"], results["injected damage"], results["MLQE-PE"], results["MQM"]
    measured = {
        "clean edits per layout": max(clean[layout]["edits"] for layout in LAYOUTS),
        "clean flags per 1,000 sentences": max(clean[layout]["flags per 1,000"] for layout in LAYOUTS),
        "damage repaired overall": hurt["repaired"],
        "damage repaired per class": min((c["repaired"] for c in hurt["classes"].values()), default=0.0),
        "damage made worse": hurt["worse"],
        "MLQE edits per 1,000 unchanged": ml["edits per 1,000 unchanged"],
        "MLQE precision": ml["precision"] if ml["precision"] is not None else 1.0,
        "MQM edits inside rater spans": mq["inside spans"] if mq["inside spans"] is not None else 1.0,
    }
    return [(name, measured[name], target, _within(kind, measured[name], target)) for name, (kind, target) in TARGETS.items()]


def _within(kind: str, value: float, bound: float) -> bool:
    return value <= bound if kind == "max" else value >= bound


def held(rows: list[tuple[str, object, object, bool]]) -> list[str]:
    """The figures --check fails on: below their target, and below the figure ``HELD`` keeps
    where the target is out of reach."""
    return [name for name, value, _, met in rows if not met and not (name in HELD and _within(TARGETS[name][0], value, HELD[name]))]


def report(results: dict, show_lists: bool) -> Iterator[str]:
    """The printed table: each section's figures, then the targets, met or missed."""
    clean = results["clean English"]
    yield "## Clean English (every edit a false alarm unless a genuine slip of the reference)"
    yield f"{'layout':<22}{'articles':>9}{'sentences':>10}{'edits':>7}{'/1,000':>8}{'flags':>7}{'/1,000':>8}  by rule"
    for layout in LAYOUTS:
        c = clean[layout]
        rules = ", ".join(f"{r} {n}" for r, n in c["by rule"].items()) or "-"
        yield f"{layout:<22}{c['articles']:>9}{c['sentences']:>10}{c['edits']:>7}{c['edits per 1,000']:>8}{c['flags']:>7}{c['flags per 1,000']:>8}  {rules}"
        yield from (f"    {line}" for line in c["every edit"])
    hurt = results["injected damage"]
    yield ""
    yield f"## Injected damage ({hurt['copies']} copies; repaired = accepted text equals the original)"
    yield f"{'class':<38}{'copies':>7}{'repaired':>9}{'worse':>6}"
    for cls, c in sorted(hurt["classes"].items(), key=lambda item: item[1]["repaired"]):
        yield f"{cls:<38}{c['copies']:>7}{c['repaired']:>9.2f}{c['worse']:>6}"
    yield f"{'overall':<38}{hurt['copies']:>7}{hurt['repaired']:>9.2f}{hurt['worse']:>6}"
    ml = results["MLQE-PE"]
    yield ""
    yield "## MLQE-PE (real MT, professional post-edits)"
    yield (
        f"rows {ml['rows']}, unchanged {ml['unchanged rows']}: {ml['edits on unchanged']} edits "
        f"({ml['edits per 1,000 unchanged']} per 1,000); post-edited: {ml['edits on post-edited']} edits, "
        f"precision {ml['precision']}, post-edit changes reproduced {ml['post-edit changes reproduced']}"
    )
    yield "by rule: " + (", ".join(f"{r} {n}" for r, n in ml["by rule"].items()) or "-")
    mq = results["MQM"]
    yield ""
    yield "## MQM (expert error spans)"
    yield f"segments {mq['segments']}, edits {mq['edits']}, inside a rater span {mq['inside spans']}"
    yield "spans touched: " + ", ".join(f"{c} {v}" for c, v in mq["spans touched per category"].items() if not v.startswith("0/")) 
    mt = results["real MT"]
    yield ""
    yield "## Real MT (edits and flags per 1,000 sentences)"
    for system, s in mt["systems"].items():
        yield f"{system:<28}{s['sentences']:>6} sentences{s['edits per 1,000']:>8} edits{s['flags per 1,000']:>8} flags"
    yield "by rule: " + (", ".join(f"{r} {n}" for r, n in mt["by rule"].items()) or "-")
    yield "sample of edits, for a person to judge:"
    yield from (f"    {line}" for line in mt["sample"])
    if show_lists:
        for title, lines in (
            ("damage not repaired", [f"{cls}: {m}" for cls, found in hurt["misses"].items() for m in found]),
            ("MLQE false alarms", ml["false alarms"]),
            ("MLQE edits the post-editor did not make", ml["wrong edits"]),
            ("MQM edits outside every span", mq["edits outside spans"]),
        ):
            yield ""
            yield f"## {title} ({len(lines)})"
            yield from (f"    {line}" for line in lines)
    yield ""
    yield "## Targets"
    for name, value, target, met in results["verdicts"]:
        kept = f", held at {HELD[name]}" if name in HELD else ""
        bound = "at most" if TARGETS[name][0] == "max" else "at least"
        yield f"{'met   ' if met else 'MISSED'} {name:<34} {value!s:>8}  (target: {bound} {target}{kept})"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dev", type=Path, help="the development corpus (../shared/dev)")
    parser.add_argument("--quick", action="store_true", help="a fixed subset (MLQE-PE's dev split), in about ten seconds")
    parser.add_argument("--json", type=Path, help="also write the figures (and every listed edit) here")
    parser.add_argument("--check", action="store_true", help="exit 1 when a figure misses its target")
    parser.add_argument("--seed", type=int, default=0, help="the damage injector's seed")
    parser.add_argument("--show", type=int, default=20, help="random real-MT edits to show")
    parser.add_argument("--list", action="store_true", help="also list damage not repaired, MLQE and MQM misses")
    args = parser.parse_args(argv)
    if not (args.dev / "clean_en").is_dir():
        parser.error(f"{args.dev} is not the development corpus (no clean_en/ in it)")
    started = time.perf_counter()
    results: dict = {
        "quick": args.quick,
        "clean English": clean_english(args.dev),
        "injected damage": injected_damage(args.dev, args.seed),
        "MLQE-PE": mlqe(args.dev, QUICK_MLQE_SPLIT if args.quick else None),
        "MQM": mqm(args.dev),
        "real MT": real_mt(args.dev, args.show, args.seed),
    }
    results["verdicts"] = verdicts(results)
    results["seconds"] = round(time.perf_counter() - started, 1)
    for line in report(results, args.list):
        print(line)
    print(f"\n{'quick subset' if args.quick else 'whole corpus'}, {results['seconds']} s: python benchmarks/quality.py {args.dev}{' --quick' if args.quick else ''}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=list), encoding="utf-8")
    if args.check:
        lowered = held(results["verdicts"])
        print(f"check: {', '.join(lowered)} below target and below the figure held" if lowered else "check: every figure at its target or at the figure held")
        return 1 if lowered else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
