"""Which edits a command acts on: ``--rule`` and ``--risk``, and ``clean RAW OUT --accept``.

Model rewrites (``rewrite-garbled-sentence``) change whole sentences, so a command that
decides in bulk takes them only when asked for by name: ``--rule`` naming the rule, or
``--accept rewrites``. `clean review` shows every edit to a person, so it includes them.
"""

from __future__ import annotations

from typing import Callable

from pipeline.core.edits import Edit
from pipeline.stages.rewrite.stage import RULE as REWRITE_RULE


def is_rewrite(edit: Edit) -> bool:
    """Whether ``edit`` is a model rewrite."""
    return REWRITE_RULE in edit.rules


# What --accept accepts: model rewrites only when asked for by name.
ACCEPT_CHOICES: dict[str, Callable[[Edit], bool]] = {
    "safe": lambda e: e.risk == "safe" and not is_rewrite(e),
    "all": lambda e: not is_rewrite(e),
    "rewrites": lambda e: True,
}


def selector(rules: tuple[str, ...], risk: str | None, *, include_rewrites: bool = False) -> Callable[[Edit], bool]:
    """Edits of the named rules (any rule when none is named) and of the given risk.

    With no rule named, model rewrites are left out unless ``include_rewrites``: accept
    and reject take them only by name, review shows them one by one."""
    wanted = set(rules)

    def chosen(edit: Edit) -> bool:
        if wanted:
            by_rule = bool(wanted.intersection(edit.rules))
        else:
            by_rule = include_rewrites or not is_rewrite(edit)
        return by_rule and (risk is None or edit.risk == risk)

    return chosen
