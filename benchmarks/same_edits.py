"""Proof that a change of structure changes no edit: run `clean` over every text we have and
compare what it proposes, before and after.

    python benchmarks/same_edits.py snapshot /tmp/before.json   # on the old code
    python benchmarks/same_edits.py snapshot /tmp/after.json    # on the new code
    python benchmarks/same_edits.py compare /tmp/before.json /tmp/after.json

The texts: the seeds in raw/, tests/data, a generated benchmark corpus (benchmarks/corpus.py),
and, where ../shared/dev is beside this checkout, every text of the development corpus (its
folders as they are; its JSON Lines rows as one text per row and field). Each group is one
`clean RAW OUT` run (the whole command, as a subprocess), so the corpus-wide name index is part
of what is compared. A snapshot holds, per article, its edits and flags; it stays outside the
repository (it quotes the development corpus).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "dev"
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus as generator  # noqa: E402


def _copy_folder(source: Path, target: Path) -> None:
    for path in sorted(source.rglob("*")):
        if path.is_file() and path.suffix in (".txt", ".md", ".toml"):
            (target / path.relative_to(source)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target / path.relative_to(source))


def _rows(source: Path, target: Path, fields: tuple[str, ...]) -> None:
    target.mkdir(parents=True)
    with source.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            row = json.loads(line)
            for field in fields:
                if isinstance(row.get(field), str):
                    (target / f"{number:06d}.{field}.txt").write_text(row[field] + "\n", encoding="utf-8")


def groups(folder: Path) -> dict[str, Path]:
    """Each group of texts, written as a RAW folder under ``folder``."""
    made = {}

    def group(name: str) -> Path:
        made[name] = folder / name
        made[name].mkdir(parents=True, exist_ok=True)
        return made[name]

    _copy_folder(ROOT / "raw", group("seeds"))
    _copy_folder(ROOT / "tests" / "data", group("tests-data"))
    generator.generate(group("generated"), mb=2.0)
    if DEV.is_dir():
        for sub in sorted(p for p in DEV.iterdir() if p.is_dir()):
            _copy_folder(sub, group(f"dev-{sub.name}"))
        _rows(DEV / "mlqe_pe.jsonl", folder / "dev-mlqe", ("mt", "pe"))
        made["dev-mlqe"] = folder / "dev-mlqe"
        _rows(DEV / "mqm_ted_zhen.jsonl", folder / "dev-mqm", ("mt",))
        made["dev-mqm"] = folder / "dev-mqm"
    return {name: path for name, path in made.items() if any(path.iterdir())}


def snapshot(target: Path) -> int:
    started = time.perf_counter()
    result: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="mtclean-same-") as tmp:
        for name, raw in groups(Path(tmp) / "raw").items():
            out = Path(tmp) / "out" / name
            done = subprocess.run(["clean", str(raw), str(out), "--jobs", "2"], capture_output=True, text=True)
            if done.returncode not in (0, 1):
                print(done.stderr, file=sys.stderr)
                return 2
            for path in sorted(out.rglob("*.edits.json")):
                data = json.loads(path.read_text(encoding="utf-8"))
                result[f"{name}/{data['article']}"] = {"edits": data["edits"], "flags": data.get("flags", [])}
    target.write_text(json.dumps(result, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    edits = sum(len(a["edits"]) for a in result.values())
    flags = sum(len(a["flags"]) for a in result.values())
    print(f"{len(result)} articles, {edits} edits, {flags} flags in {time.perf_counter() - started:.0f} s -> {target}")
    return 0


def compare(before: Path, after: Path) -> int:
    old = json.loads(before.read_text(encoding="utf-8"))
    new = json.loads(after.read_text(encoding="utf-8"))
    differ = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    edits = sum(len(a["edits"]) for a in old.values())
    flags = sum(len(a["flags"]) for a in old.values())
    print(f"before: {len(old)} articles, {edits} edits, {flags} flags; after: {len(new)} articles")
    for key in differ[:10]:
        print(f"  differs: {key}")
    print(f"{len(old.keys() & new.keys()) - len(set(differ) & old.keys() & new.keys())} articles identical, {len(differ)} differ")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("snapshot").add_argument("file", type=Path)
    both = commands.add_parser("compare")
    both.add_argument("before", type=Path)
    both.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "snapshot":
        return snapshot(args.file)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
