"""`clean rules`: every rule the pipeline has, one line each, from the rule registry."""

from __future__ import annotations

import click

from pipeline.core.rules import RULES
from pipeline.ui.terminal import say


@click.command("rules")
def rules_command() -> None:
    """List every rule: its id, stage, risk, and the damage it repairs.

    \b
    Example:
      clean rules
    """
    width = max(len(r.id) for r in RULES.values())
    for r in RULES.values():
        say(f"{r.id:<{width}}  {r.stage:<12} {r.risk:<6}  {r.doc.splitlines()[0] if r.doc else ''}")
