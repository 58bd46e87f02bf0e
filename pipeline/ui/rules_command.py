"""`clean rules`: every rule the pipeline has, one line each, from the rule registry.

The registry holds the rules of the rule stages; the model rewrite
(``rewrite-garbled-sentence``) is not a registered rule but a stage of its own, listed
last, as it runs last. Docstrings mark code with reStructuredText's double backticks;
on a terminal they read as Markdown's single ones.
"""

from __future__ import annotations

import re

import click

from pipeline.core.rules import RULES
from pipeline.stages.rewrite.stage import RULE as REWRITE_RULE
from pipeline.stages.rewrite.stage import RewriteStage
from pipeline.ui.terminal import say

REWRITE_DOC = "A flagged (garbled) sentence rewritten by a local model (only with ``--rewrite``)."


def rule_lines() -> list[tuple[str, str, str, str]]:
    """(id, stage, risk, first line of its doc) of every rule, in the order they run."""
    rows = [(r.id, r.stage, r.risk, r.doc.splitlines()[0] if r.doc else "") for r in RULES.values()]
    rows.append((REWRITE_RULE, RewriteStage.name, "review", REWRITE_DOC))
    return [(id_, stage, risk, re.sub(r"``(.+?)``", r"`\1`", doc)) for id_, stage, risk, doc in rows]


@click.command("rules")
def rules_command() -> None:
    """List every rule: its id, stage, risk, and the damage it repairs.

    \b
    Example:
      clean rules
    """
    rows = rule_lines()
    width = max(len(id_) for id_, *_ in rows)
    for id_, stage, risk, doc in rows:
        say(f"{id_:<{width}}  {stage:<12} {risk:<6}  {doc}")
