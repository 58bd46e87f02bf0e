"""How `clean` reads its first word: a command's name, else RAW of the default command.

`clean RAW OUT` runs the default command without naming it, so a mistyped command name
(`clean stauts out`) would otherwise be taken for a RAW folder that does not exist; a
word that is no path and is close to a command's name is answered as a mistyped
command. The default command is not named in its usage either (`clean RAW OUT`), as
the README never names it. And a reader that stops early (`clean status out | head -1`)
is no error: the command ends quietly, with status 0.
"""

from __future__ import annotations

import difflib
import importlib
import os
import sys
from pathlib import Path

import click
from click_default_group import DefaultGroup


class CommandGroup(DefaultGroup):
    """The `clean` group: a default command, a suggestion for a mistyped name, a quiet
    end when stdout is closed."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lazy: dict[str, str] = {}  # name -> "module:attribute", imported when first used

    def add_lazy_command(self, name: str, where: str) -> None:
        """Register command ``name``, whose module is imported only when the command is used
        (or listed): a plain `clean RAW OUT` does not pay for the others' imports."""
        self.lazy[name] = where

    def _load(self, name: str) -> None:
        where = self.lazy.pop(name, None)
        if where is not None and name not in self.commands:
            module, attribute = where.split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str):
        self._load(cmd_name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        word = args[0] if args else ""
        names = {*self.commands, *self.lazy}
        if word and not word.startswith("-") and word not in names and not Path(word).exists():
            close = difflib.get_close_matches(word, sorted(names), n=1)
            if close:
                ctx.fail(f"No such command {word!r}. Did you mean {close[0]!r}?")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _quiet_stdout()
            ctx.exit(0)


def _quiet_stdout() -> None:
    """Send what is left of stdout to /dev/null, so that flushing it at exit fails no more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (a test runner's): nothing will be flushed
        pass


class _UnnamedContext(click.Context):
    """A context whose command is shown as its group's (`clean`), not as `clean run`."""

    @property
    def command_path(self) -> str:
        return self.parent.command_path if self.parent is not None else super().command_path


class DefaultCommand(click.Command):
    """The default command, whose usage reads `clean RAW OUT [OPTIONS]`."""

    context_class = _UnnamedContext

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        options = [p for p in pieces if p == self.options_metavar]
        formatter.write_usage(ctx.command_path, " ".join([p for p in pieces if p not in options] + options))
