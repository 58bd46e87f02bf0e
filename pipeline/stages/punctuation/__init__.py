"""The punctuation stage: its rules (``rules``) and the quotation scanner they share
(``quotes``). Importing the package registers the rules."""

from pipeline.stages.punctuation import rules  # noqa: F401  (registers the rules)
