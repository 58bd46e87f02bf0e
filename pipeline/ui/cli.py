"""The `clean` command: the group its subcommands hang from, one module each.

``run`` (the default: `clean RAW OUT`) proposes edits (``propose``); ``accept``,
``reject`` and ``reset`` decide in bulk (``decide``), ``review`` one by one (``review``); ``status``
and ``report`` show where things stand; ``rules`` and ``suggest`` help write tables; ``export``
and ``import`` take part of a Ray run's dataset to review and bring the decisions back.

Exit status: 0 ok, 1 some articles failed (the others are still written),
2 usage or configuration error.
"""

from __future__ import annotations

import click

from pipeline.ui.decide import accept_command, reject_command, reset_command
from pipeline.ui.group import CommandGroup
from pipeline.ui.propose import run_command

@click.group(cls=CommandGroup, default="run", default_if_no_args=False)
@click.version_option(package_name="mtclean", prog_name="clean")
def main() -> None:
    """Clean machine-translated English news articles; every change is a reviewable edit.

    \b
    Examples:
      clean raw/ cleaned/            propose edits: cleaned/<name>.diff and .edits.json
      clean accept cleaned/          accept them, writing cleaned/<name>
      clean raw/ cleaned/ --accept safe   propose and accept the certain ones at once

    Exit status: 0 ok, 1 some articles failed, 2 usage or configuration error.
    """


for command in (run_command, accept_command, reject_command, reset_command):
    main.add_command(command)
# The others are imported when used (or listed by --help): a plain run does not pay for them.
for name, where in (
    ("review", "pipeline.ui.review:review_command"),
    ("report", "pipeline.ui.report:report_command"),
    ("status", "pipeline.ui.status:status_command"),
    ("rules", "pipeline.ui.rules_command:rules_command"),
    ("suggest", "pipeline.ui.suggest_command:suggest_command"),
    ("export", "pipeline.ui.dataset_command:export_command"),
    ("import", "pipeline.ui.dataset_command:import_command"),
):
    main.add_lazy_command(name, where)
