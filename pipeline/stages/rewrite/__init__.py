"""The optional rewrite stage's parts: sentences, garble detection, the local model, guards.

``sentences`` splits text into sentences, ``detector`` scores each one with explainable
signals, ``model`` runs a local Hugging Face seq2seq checkpoint (imported lazily, so the
pipeline runs without transformers or torch), and ``guards`` drops rewrites that lose
names, numbers, dates or quotations. ``pipeline.stages.rewrite.stage`` puts them together.
"""
