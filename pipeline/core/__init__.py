"""The layer every other one stands on: edits and how they are applied and composed
(``edits``), the rule registry and its fixpoint (``rules``), the text stages see
(``text``) and its sentences (``sentences``), the English word lists and their one loader
(``lexicon``). Imports nothing else of the pipeline."""
