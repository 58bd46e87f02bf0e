"""The store's single-file write: a reader sees the old file or the new one, never a mix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.store.writes import write_atomic


def test_write_atomic_puts_a_new_file_in_place_rather_than_writing_into_the_old_one(tmp_path: Path):
    target = tmp_path / "index.json"
    target.write_bytes(b"old content\n")
    with target.open("rb") as reader:  # a reader that opened the file before the write
        write_atomic(target, b"new")
        assert reader.read() == b"old content\n"
    assert target.read_bytes() == b"new"


def test_write_atomic_leaves_the_old_file_whole_when_the_write_fails(tmp_path: Path, monkeypatch):
    target = tmp_path / "index.json"
    target.write_bytes(b"old content\n")

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_atomic(target, b"new content that never lands\n")
    assert target.read_bytes() == b"old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["index.json"]  # no temporary file left behind


def test_write_atomic_creates_missing_folders(tmp_path: Path):
    target = tmp_path / "a" / "b" / "page.html"
    write_atomic(target, b"<p>")
    assert target.read_bytes() == b"<p>"
