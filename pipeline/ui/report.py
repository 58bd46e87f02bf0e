"""`clean report`: one static HTML page with every edit in OUT, to read, filter and decide on.

The page is self-contained (inline CSS and JavaScript, kept in ``pipeline/data/report.css``
and ``report.js``; no server, nothing fetched) and built on the server side: every edit is
a row of escaped HTML, and the script only toggles classes and writes the command line
that applies the decisions made on the page::

    clean accept OUT --edit a.txt:1,3 --edit 'sub dir/b.md:2'
    clean reject OUT --edit a.txt:5

``--edit REL:ID[,ID...]`` names edits by the ``id`` of ``OUT/REL.edits.json``.
"""

from __future__ import annotations

import base64
import hashlib
import shlex
from collections import Counter
from html import escape
from importlib import resources
from pathlib import Path

import click

from pipeline.core.edits import RISKS, STATUSES, Edit
from pipeline.store.flagged import is_open
from pipeline.store.proposals import Proposal, line_numbers
from pipeline.store.writes import write_atomic
from pipeline.ui.opening import opened
from pipeline.ui.terminal import plural, say
from pipeline.ui.worddiff import edit_diff

DEFAULT_NAME = "report.html"


def _asset(name: str) -> str:
    """A file of ``pipeline/data`` as the page inlines it, starting on a line of its own."""
    return "\n" + resources.files("pipeline").joinpath("data", name).read_text(encoding="utf-8")


_STYLE = _asset("report.css")
_SCRIPT = _asset("report.js")


def _shown(text: str) -> str:
    """A changed piece of text, escaped, with line breaks and tabs made visible."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return escape(text).replace("\n", "↵").replace("\t", "⇥")


def _sides(raw: str, edit: Edit) -> tuple[str, str]:
    """The sentence around ``edit`` as HTML, before (deletions marked) and after (insertions)."""
    before: list[str] = []
    after: list[str] = []
    for op, text in edit_diff(raw, edit):
        if op == "equal":
            before.append(escape(text))
            after.append(escape(text))
        elif op == "delete":
            before.append(f"<del>{_shown(text)}</del>")
        else:
            after.append(f"<ins>{_shown(text)}</ins>")
    return "".join(before), "".join(after)


class _Page:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.sections: list[str] = []
        self.rule_ids: dict[str, str] = {}  # rule id → its short class name
        self.per_rule: Counter[str] = Counter()
        self.per_risk: Counter[str] = Counter()
        self.per_status: Counter[str] = Counter()
        self.articles = 0
        self.without_edits = 0
        self.flagged = 0

    def rule_class(self, rule: str) -> str:
        if rule not in self.rule_ids:
            self.rule_ids[rule] = f"r{len(self.rule_ids)}"
        return self.rule_ids[rule]

    def add(self, rel: str, proposal: Proposal, raw: str) -> None:
        """One article's section, a row per edit, then a row per flagged sentence; an article
        without either is only counted. Ids are made unique by the section's number."""
        self.articles += 1
        if not proposal.edits:
            self.without_edits += 1
            if not proposal.flags:
                return
        section = f"a{len(self.sections) + 1}"
        lines = line_numbers(raw, [e.start for e in proposal.edits] + [f["start"] for f in proposal.flags])
        rows = "\n".join(
            self._row(f"{section}-e{i}", i, edit, raw, lines[edit.start]) for i, edit in enumerate(proposal.edits, 1)
        )
        rows += "".join(
            "\n" + self._flag(f"{section}-f{i}", flag, raw, lines[flag["start"]]) for i, flag in enumerate(proposal.flags, 1)
        )
        counts = Counter(edit.status for edit in proposal.edits)
        tally = " · ".join(f"{counts[s]} {s}" for s in STATUSES)
        if proposal.flags:
            tally += f" · {plural(len(proposal.flags), 'flagged sentence')}"
        self.sections.append(
            f'<section class="article" id="{section}" data-rel="{escape(rel)}">\n'
            f'<h2><span class="rel">{escape(rel)}</span> <small>{tally}</small></h2>\n{rows}\n</section>'
        )

    def add_failure(self, rel: str, exc: Exception) -> None:
        """A section for an article that could not be read, saying why."""
        message = str(exc)
        self.sections.append(
            f'<section class="article failed" data-rel="{escape(rel)}">\n'
            f'<h2><span class="rel">{escape(rel)}</span></h2>\n<p class="error">{escape(message)}</p>\n</section>'
        )

    def _flag(self, row_id: str, flag: dict, raw: str, line: int) -> str:
        """A flagged sentence: the sentence, why the detector flagged it, and whether it was seen."""
        self.flagged += 1
        start, end = flag["start"], flag["end"]
        reasons = "".join(f"<li>{escape(str(r))}</li>" for r in flag.get("reasons", ()))
        state = "open" if is_open(flag) else "seen"
        return (
            f'<div class="flag" id="{row_id}" data-state="{state}">'
            f'<div class="where">flagged<br><small>line {line}</small></div>'
            f'<div class="sentence">{_shown(raw[start:end])}</div>'
            f'<div class="why"><div class="rule">flagged sentence</div><ul class="reasons">{reasons}</ul></div>'
            f'<div class="decide"><span class="status {state}">{state}</span></div></div>'
        )

    def _row(self, row_id: str, number: int, edit: Edit, raw: str, line: int) -> str:
        self.per_risk[edit.risk] += 1
        self.per_status[edit.status] += 1
        self.per_rule.update(edit.rules)
        rules = " ".join(self.rule_class(r) for r in edit.rules)
        before, after = _sides(raw, edit)
        note = ""
        if edit.proposed is not None:
            note = f'<div class="note">edited by the reviewer; proposed: <q>{_shown(edit.proposed)}</q></div>'
        status, risk = escape(edit.status), escape(edit.risk)
        if edit.status == "pending":
            decide = (
                f'<label class="acc"><input type="checkbox" class="acc" id="{row_id}-acc"> accept</label>'
                f'<label class="rej"><input type="checkbox" class="rej" id="{row_id}-rej"> reject</label>'
            )
        else:
            decide = f'<span class="status {status}">{status}</span>'
        return (
            f'<div class="edit st-{status}" id="{row_id}" data-id="{number}" data-rules="{rules}"'
            f' data-risk="{risk}" data-status="{status}">'
            f'<div class="where">#{number}<br><small>line {line}</small></div>'
            f'<div class="before">{before}</div>'
            f'<div class="after">{after}{note}</div>'
            f'<div class="why"><div class="rule">{escape(edit.rule)}</div>'
            f'<div class="reason">{escape(edit.reason)}</div>'
            f'<span class="risk {risk}">{risk}</span></div>'
            f'<div class="decide">{decide}</div></div>'
        )

    def html(self) -> str:
        total = sum(self.per_status.values())
        rule_options = "".join(
            f'<option value="{self.rule_ids[r]}">{escape(r)} ({self.per_rule[r]})</option>'
            for r in sorted(self.per_rule)
        )
        risk_boxes = "".join(
            f'<label><input type="checkbox" name="risk" value="{r}" checked> {r} ({self.per_risk[r]})</label>'
            for r in RISKS
        )
        status_boxes = "".join(
            f'<label><input type="checkbox" name="status" value="{s}" checked> {s} ({self.per_status[s]})</label>'
            for s in STATUSES
        )
        without = f" ({self.without_edits} without edits)" if self.without_edits else ""
        summary = (
            f"{plural(self.articles, 'article')}{without}, {plural(total, 'edit')}: "
            + ", ".join(f"{self.per_status[s]} {s}" for s in STATUSES)
            + (f"; {plural(self.flagged, 'flagged sentence')}" if self.flagged else "")
        )
        out_arg = shlex.quote(str(self.out.resolve()))  # the command works from any folder
        style, script = _STYLE, _SCRIPT
        csp = (
            "default-src 'none'; img-src data:; "
            f"style-src {_csp_hash(style)}; script-src {_csp_hash(script)}; "
            "base-uri 'none'; form-action 'none'"
        )
        sections = "\n".join(self.sections) or '<p class="none">No proposals.</p>'
        return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<link rel="icon" href="data:,">
<title>mtclean report: {escape(str(self.out))}</title>
<style>{style}</style>
</head>
<body>
<header>
<h1>Edits in <code>{escape(str(self.out))}</code></h1>
<p class="summary">{escape(summary)}</p>
<form id="filters" autocomplete="off">
<label>Rule <select id="f-rule"><option value="">all rules</option>{rule_options}</select></label>
<fieldset><legend>Risk</legend>{risk_boxes}</fieldset>
<fieldset><legend>Status</legend>{status_boxes}</fieldset>
<label><input type="checkbox" id="f-flagged"> only flagged sentences ({self.flagged})</label>
<span id="shown" aria-live="polite">{total} of {total} edits shown</span>
</form>
<div class="apply">
<div class="buttons">
<button type="button" id="accept-shown">Accept shown</button>
<button type="button" id="reject-shown">Reject shown</button>
<button type="button" id="clear">Clear choices</button>
<button type="button" id="copy">Copy command</button>
<span id="chosen"></span>
</div>
<textarea id="command" readonly rows="2" spellcheck="false" data-out="{escape(out_arg)}"
 aria-label="the command that applies the decisions chosen on this page"></textarea>
</div>
</header>
<main>
<div class="columns" aria-hidden="true">
<div>edit</div><div>raw</div><div>proposed</div><div>rule · reason · risk</div><div>decision</div>
</div>
{sections}
</main>
<script>{script}</script>
</body>
</html>
"""


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@click.command("report")
@click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"Where to write the page (default: OUT/{DEFAULT_NAME}).",
)
def report_command(out: Path, output: Path | None) -> None:
    """Write one self-contained HTML page with every edit in OUT, to filter and decide on.

    Each edit shows the raw and the proposed sentence side by side with word-level
    highlights, its rule, reason, risk and status. Filter by rule, risk and status; tick
    accept or reject on pending edits, and the page writes the `clean accept`/`clean
    reject` command that applies those decisions. Open it in any browser; no server.

    \b
    Example:
      clean report cleaned/ && xdg-open cleaned/report.html
      clean report cleaned/ -o /tmp/review.html
    """
    with opened(out, lock=False) as opening:
        page = _Page(out)
        for rel, proposal, raw in opening.proposals(also=page.add_failure):
            page.add(rel, proposal, raw)
        target = output if output is not None else out / DEFAULT_NAME
        write_atomic(target, page.html().encode("utf-8"))
        total = sum(page.per_status.values())
        pending = page.per_status["pending"]
        say(f"wrote {target}: {plural(page.articles, 'article')}, {plural(total, 'edit')} ({pending} pending)")
