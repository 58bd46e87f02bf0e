"""The local seq2seq model: offline loading, clear failures, batched generation, the cache.

Tests that need torch and transformers build a tiny random-weight T5 on the fly
(tests/tiny_model.py) and are skipped where those packages are not installed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.stages.rewrite import model as m
from pipeline.stages.rewrite.model import ModelConfig, ModelUnavailable, Rewriter

from .conftest import ROOT
from .tiny_model import tiny_model_folder


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    """A tiny random-weight T5 checkpoint folder (built once per session; skipped without torch)."""
    return tiny_model_folder(tmp_path_factory)


SENTENCES = [
    "Russia did what she had to do to protect itself.",
    "These two Countries have made progress.",
    "Thursday in Le Monde highlighted the first meeting.",
    "The vote was well run.",
    "Talks resume on Friday at 2 p.m.",
]


def count_generate_calls(rewriter: Rewriter) -> list[int]:
    """Wrap the model's `generate` so that calls are counted (one list item per call: its batch size)."""
    calls: list[int] = []
    real = rewriter.model.generate

    def spy(*args, **kwargs):
        calls.append(len(kwargs["input_ids"]))
        return real(*args, **kwargs)

    rewriter.model.generate = spy
    return calls


# --- failing clearly, without the packages or the folder --------------------------------------


def test_a_missing_folder_raises_model_unavailable_in_one_line(tmp_path):
    with pytest.raises(ModelUnavailable) as error:
        Rewriter.load(tmp_path / "models" / "nothing-here")
    assert "no model folder" in str(error.value) and "\n" not in str(error.value)


def test_a_folder_without_config_json_raises_model_unavailable(tmp_path):
    (tmp_path / "weights.bin").write_bytes(b"\0")
    with pytest.raises(ModelUnavailable, match="no config.json"):
        Rewriter.load(tmp_path)


def test_missing_packages_raise_model_unavailable_naming_the_extra(tmp_path, monkeypatch):
    (tmp_path / "config.json").write_text("{}")
    monkeypatch.setattr(m, "missing_packages", lambda: ["torch", "sentencepiece"])
    with pytest.raises(ModelUnavailable, match=r"torch, sentencepiece \(pip install 'mtclean\[model\]'\)"):
        Rewriter.load(tmp_path)


def test_a_folder_that_is_not_a_checkpoint_raises_model_unavailable(tmp_path):
    for package in m.REQUIRED_PACKAGES:
        pytest.importorskip(package)
    (tmp_path / "config.json").write_text('{"model_type": "t5"}')
    with pytest.raises(ModelUnavailable, match="cannot load the checkpoint") as error:
        Rewriter.load(tmp_path)
    assert "\n" not in str(error.value)


def test_the_pipeline_imports_without_loading_torch_or_transformers():
    code = (
        "import sys, pipeline.stages.rewrite.stage, pipeline.stages.rewrite.model; "
        "assert not {'torch', 'transformers'} & set(sys.modules), sorted({'torch', 'transformers'} & set(sys.modules))"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


# --- rewrite.json -------------------------------------------------------------------------------


def test_rewrite_json_sets_prefix_length_beams_and_batch_size(tmp_path):
    (tmp_path / "rewrite.json").write_text(
        json.dumps({"prefix": "Fix grammar: ", "max_length": 64, "num_beams": 2, "batch_size": 4})
    )
    assert ModelConfig.from_folder(tmp_path) == ModelConfig("Fix grammar: ", 64, 2, 4)


def test_without_rewrite_json_the_defaults_apply(tmp_path):
    assert ModelConfig.from_folder(tmp_path) == ModelConfig()


def test_an_unknown_key_in_rewrite_json_raises_model_unavailable(tmp_path):
    (tmp_path / "rewrite.json").write_text('{"beams": 2}')
    with pytest.raises(ModelUnavailable, match="unknown key"):
        ModelConfig.from_folder(tmp_path)


def test_a_wrongly_typed_setting_raises_model_unavailable(tmp_path):
    (tmp_path / "rewrite.json").write_text('{"num_beams": "four"}')
    with pytest.raises(ModelUnavailable, match="num_beams must be a positive integer"):
        ModelConfig.from_folder(tmp_path)


# --- loading the tiny checkpoint -------------------------------------------------------------------


def test_the_tiny_checkpoint_loads_from_its_folder(tiny_model):
    rewriter = Rewriter.load(tiny_model, device="cpu")
    assert rewriter.name == "tiny-t5" and rewriter.device == "cpu"
    assert rewriter.config == ModelConfig("Fix grammar: ", 24, 2, 3)


def test_loading_asks_for_local_files_only_with_the_hub_offline(tiny_model, monkeypatch):
    import transformers

    seen: list[tuple[bool, str | None]] = []
    for cls in (transformers.AutoTokenizer, transformers.AutoModelForSeq2SeqLM):
        real = cls.from_pretrained

        def spy(folder, *args, _real=real, **kwargs):
            seen.append((kwargs.get("local_files_only"), os.environ.get("HF_HUB_OFFLINE")))
            return _real(folder, *args, **kwargs)

        monkeypatch.setattr(cls, "from_pretrained", spy)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    Rewriter.load(tiny_model)
    assert seen == [(True, "1"), (True, "1")]
    assert "HF_HUB_OFFLINE" not in os.environ


def test_loading_opens_no_network_connection(tiny_model, monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("the model loader tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert Rewriter.load(tiny_model).rewrite(["Prices rose."])


def test_the_model_id_changes_when_the_checkpoint_changes(tiny_model, tmp_path):
    copy = shutil.copytree(tiny_model, tmp_path / "copy")
    assert m.model_id(copy) == m.model_id(tiny_model)
    config = json.loads((copy / "config.json").read_text())
    config["num_heads"] = 4
    (copy / "config.json").write_text(json.dumps(config))
    assert m.model_id(copy) != m.model_id(tiny_model)


# --- generation -----------------------------------------------------------------------------------


def test_batched_generation_returns_one_output_per_input_in_order(tiny_model):
    batched = Rewriter.load(tiny_model).rewrite(SENTENCES)
    one_by_one = [Rewriter.load(tiny_model).rewrite([s])[0] for s in SENTENCES]
    assert len(batched) == len(SENTENCES)
    assert batched == one_by_one
    assert len(set(batched)) > 1  # the outputs differ, so the order is really tested


def test_sentences_go_to_the_model_in_batches_of_batch_size(tiny_model):
    rewriter = Rewriter.load(tiny_model)
    calls = count_generate_calls(rewriter)
    rewriter.rewrite(SENTENCES)
    assert calls == [3, 2]


def test_a_sentence_given_twice_is_generated_once(tiny_model):
    rewriter = Rewriter.load(tiny_model)
    calls = count_generate_calls(rewriter)
    first, second = rewriter.rewrite([SENTENCES[0], SENTENCES[0]])
    assert first == second and calls == [1]


def test_the_cache_makes_a_second_run_not_call_generate(tiny_model):
    rewriter = Rewriter.load(tiny_model)
    first = rewriter.rewrite(SENTENCES)
    calls = count_generate_calls(rewriter)
    assert rewriter.rewrite(SENTENCES) == first
    assert calls == []


def test_the_cache_on_disk_serves_a_new_process(tiny_model, tmp_path):
    first = Rewriter.load(tiny_model, cache_dir=tmp_path / "cache")
    outputs = first.rewrite(SENTENCES)
    first.close()
    again = Rewriter.load(tiny_model, cache_dir=tmp_path / "cache")
    calls = count_generate_calls(again)
    assert again.rewrite(SENTENCES) == outputs
    assert calls == [] and (tmp_path / "cache" / m.CACHE_NAME).exists()


def test_the_cache_is_keyed_by_the_prompt_prefix(tiny_model, tmp_path):
    cache = tmp_path / "cache"
    Rewriter.load(tiny_model, cache_dir=cache).rewrite(SENTENCES[:1])
    other = shutil.copytree(tiny_model, tmp_path / "tiny-t5")
    (other / "rewrite.json").write_text(json.dumps({"prefix": "grammar: ", "max_length": 24, "num_beams": 2}))
    rewriter = Rewriter.load(other, cache_dir=cache)
    calls = count_generate_calls(rewriter)
    rewriter.rewrite(SENTENCES[:1])
    assert calls == [1]
