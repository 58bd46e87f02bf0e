"""`clean report`: one static HTML page with every edit in OUT, to read, filter and decide on.

The page is self-contained (inline CSS and JavaScript, no server, nothing fetched) and
built on the server side: every edit is a row of escaped HTML, and the script only
toggles classes and writes the command line that applies the decisions made on the page::

    clean accept OUT --edit a.txt:1,3 --edit 'sub dir/b.md:2'
    clean reject OUT --edit a.txt:5

``--edit REL:ID[,ID...]`` names edits by the ``id`` of ``OUT/REL.edits.json``.
"""

from __future__ import annotations

import base64
import hashlib
import shlex
import sys
from collections import Counter
from html import escape
from pathlib import Path

import click

from pipeline.core.edits import RISKS, STATUSES, Edit
from pipeline.store.files import Proposal, StoreError, load_each, recover_if_idle, select, write_atomic
from pipeline.ui.terminal import fail, say
from pipeline.ui.worddiff import edit_diff

DEFAULT_NAME = "report.html"


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


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


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

    def rule_class(self, rule: str) -> str:
        if rule not in self.rule_ids:
            self.rule_ids[rule] = f"r{len(self.rule_ids)}"
        return self.rule_ids[rule]

    def add(self, rel: str, proposal: Proposal, raw: str) -> None:
        """One article's section, a row per edit; an article without edits is only counted."""
        self.articles += 1
        if not proposal.edits:
            self.without_edits += 1
            return
        rows = "\n".join(self._row(i, edit, raw) for i, edit in enumerate(proposal.edits, 1))
        counts = Counter(edit.status for edit in proposal.edits)
        tally = " · ".join(f"{counts[s]} {s}" for s in STATUSES)
        self.sections.append(
            f'<section class="article" data-rel="{escape(rel)}">\n'
            f'<h2><span class="rel">{escape(rel)}</span> <small>{tally}</small></h2>\n{rows}\n</section>'
        )

    def add_failure(self, rel: str, message: str) -> None:
        self.sections.append(
            f'<section class="article failed" data-rel="{escape(rel)}">\n'
            f'<h2><span class="rel">{escape(rel)}</span></h2>\n<p class="error">{escape(message)}</p>\n</section>'
        )

    def _row(self, number: int, edit: Edit, raw: str) -> str:
        self.per_risk[edit.risk] += 1
        self.per_status[edit.status] += 1
        self.per_rule.update(edit.rules)
        rules = " ".join(self.rule_class(r) for r in edit.rules)
        before, after = _sides(raw, edit)
        line = raw.count("\n", 0, edit.start) + 1
        note = ""
        if edit.proposed is not None:
            note = f'<div class="note">edited by the reviewer; proposed: <q>{_shown(edit.proposed)}</q></div>'
        status, risk = escape(edit.status), escape(edit.risk)
        if edit.status == "pending":
            decide = (
                '<label class="acc"><input type="checkbox" class="acc"> accept</label>'
                '<label class="rej"><input type="checkbox" class="rej"> reject</label>'
            )
        else:
            decide = f'<span class="status {status}">{status}</span>'
        return (
            f'<div class="edit st-{status}" data-id="{number}" data-rules="{rules}"'
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
            f"{_plural(self.articles, 'article')}{without}, {_plural(total, 'edit')}: "
            + ", ".join(f"{self.per_status[s]} {s}" for s in STATUSES)
        )
        out_arg = shlex.quote(str(self.out))
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
    recover_if_idle(out)  # a killed run's writes, finished before they are read
    try:
        rels = select(out, ())
    except StoreError as exc:
        raise click.UsageError(str(exc)) from None
    page = _Page(out)
    failed: list[str] = []

    def unreadable(rel: str, exc: StoreError) -> None:
        fail(str(exc))
        page.add_failure(rel, str(exc))
        failed.append(rel)

    for rel, proposal, raw in load_each(out, rels, unreadable):
        page.add(rel, proposal, raw)
    target = output if output is not None else out / DEFAULT_NAME
    write_atomic(target, page.html().encode("utf-8"))
    total = sum(page.per_status.values())
    pending = page.per_status["pending"]
    say(f"wrote {target}: {_plural(page.articles, 'article')}, {_plural(total, 'edit')} ({pending} pending)")
    if failed:
        sys.exit(1)


_STYLE = """
:root { --ink: #1f2328; --muted: #656d76; --line: #d0d7de; --bg: #f6f8fa; --del: #ffebe9; --del-ink: #a40e26;
  --ins: #dafbe1; --ins-ink: #116329; --accent: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: var(--ink); background: #fff; }
header { position: sticky; top: 0; z-index: 2; background: var(--bg); border-bottom: 1px solid var(--line);
  padding: 10px 20px; }
h1 { font-size: 18px; margin: 0 0 2px; }
h1 code { font-size: 16px; }
.summary { margin: 0 0 8px; color: var(--muted); }
form { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; margin: 0 0 8px; }
fieldset { border: 0; padding: 0; margin: 0; display: inline-flex; gap: 10px; align-items: center; }
legend { float: left; font-weight: 600; margin-right: 4px; }
form > label { font-weight: 600; }
select { font: inherit; margin-left: 4px; max-width: 28em; }
fieldset label { font-weight: normal; white-space: nowrap; }
#shown, #chosen { color: var(--muted); }
.apply { display: flex; flex-direction: column; gap: 6px; }
.buttons { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
button { font: inherit; padding: 3px 10px; border: 1px solid var(--line); border-radius: 6px; background: #fff;
  cursor: pointer; }
button:hover { border-color: var(--accent); }
#command { width: 100%; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; resize: vertical;
  border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; background: #fff; }
main { padding: 0 20px 40px; }
.columns, .edit { display: grid; grid-template-columns: 4.5em minmax(0, 1fr) minmax(0, 1fr) 15em 7.5em; gap: 12px; }
.columns { color: var(--muted); font-size: 12px; text-transform: uppercase;
  letter-spacing: .04em; padding: 10px 0 4px; border-bottom: 1px solid var(--line); }
.article { content-visibility: auto; contain-intrinsic-size: auto 400px; }
h2 { font-size: 15px; margin: 18px 0 4px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h2 small { font-weight: normal; color: var(--muted); margin-left: 8px; }
.edit { padding: 8px 0; border-bottom: 1px solid #eaeef2; align-items: start; }
.edit:hover { background: #fbfcfd; }
.where { color: var(--muted); font-variant-numeric: tabular-nums; }
.before, .after { white-space: pre-wrap; overflow-wrap: anywhere; }
del { background: var(--del); color: var(--del-ink); text-decoration: line-through; border-radius: 2px;
  padding: 0 2px; font-weight: 600; }
ins { background: var(--ins); color: var(--ins-ink); text-decoration: none; border-radius: 2px; padding: 0 2px;
  font-weight: 600;
  box-shadow: inset 0 -1px 0 var(--ins-ink); }
.note { margin-top: 4px; font-size: 12px; color: var(--muted); white-space: normal; }
.rule { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.reason { color: var(--muted); font-size: 12px; }
.risk, .status { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 9px; margin-top: 2px;
  border: 1px solid currentColor; }
.risk.safe { color: #1a7f37; }
.risk.review { color: #9a6700; }
.status.accepted { color: #1a7f37; }
.status.rejected { color: #cf222e; }
.decide label { display: block; white-space: nowrap; cursor: pointer; }
.st-rejected .after { opacity: .55; }
.edit.choose-accept { background: #f0fff4; }
.edit.choose-reject { background: #fff5f5; }
.hidden { display: none; }
.error { color: #cf222e; }
.none { color: var(--muted); }
"""

_SCRIPT = """
(function () {
  'use strict';
  var command = document.getElementById('command');
  var shownEl = document.getElementById('shown');
  var chosenEl = document.getElementById('chosen');
  var ruleSelect = document.getElementById('f-rule');
  var sections = [];
  var rows = [];
  Array.prototype.forEach.call(document.querySelectorAll('section.article'), function (el) {
    var section = { el: el, rel: el.dataset.rel, rows: [] };
    Array.prototype.forEach.call(el.querySelectorAll('.edit'), function (rowEl) {
      var row = {
        el: rowEl, section: section, id: rowEl.dataset.id, rules: rowEl.dataset.rules.split(' '),
        risk: rowEl.dataset.risk, status: rowEl.dataset.status, choice: '', shown: true,
        acc: rowEl.querySelector('input.acc'), rej: rowEl.querySelector('input.rej')
      };
      rowEl.dataset.index = rows.length;
      rows.push(row);
      section.rows.push(row);
    });
    sections.push(section);
  });
  var placeholder = 'Tick accept or reject on pending edits; the command that applies them appears here.';

  function ticked(name) {
    var found = {};
    Array.prototype.forEach.call(document.querySelectorAll('input[name="' + name + '"]:checked'), function (box) {
      found[box.value] = true;
    });
    return found;
  }

  function filter() {
    var rule = ruleSelect.value, risks = ticked('risk'), statuses = ticked('status'), shown = 0;
    sections.forEach(function (section) {
      var any = section.rows.length === 0 && rule === '';
      section.rows.forEach(function (row) {
        row.shown = (rule === '' || row.rules.indexOf(rule) >= 0) && !!risks[row.risk] && !!statuses[row.status];
        row.el.classList.toggle('hidden', !row.shown);
        if (row.shown) { shown += 1; any = true; }
      });
      section.el.classList.toggle('hidden', !any);
    });
    shownEl.textContent = shown + ' of ' + rows.length + ' edits shown';
  }

  function quote(word) {
    return /^[A-Za-z0-9_@%+=:,.\\/-]+$/.test(word) ? word : "'" + word.replace(/'/g, "'\\"'\\"'") + "'";
  }

  function commandFor(verb, choice) {
    var args = [];
    sections.forEach(function (section) {
      var ids = [];
      section.rows.forEach(function (row) { if (row.choice === choice) ids.push(row.id); });
      if (ids.length) args.push('--edit ' + quote(section.rel + ':' + ids.join(',')));
    });
    return args.length ? 'clean ' + verb + ' ' + command.dataset.out + ' ' + args.join(' ') : '';
  }

  function update() {
    var lines = [commandFor('accept', 'accept'), commandFor('reject', 'reject')].filter(Boolean);
    command.value = lines.join('\\n');
    command.placeholder = placeholder;
    var accepting = 0, rejecting = 0;
    rows.forEach(function (row) {
      if (row.choice === 'accept') accepting += 1;
      if (row.choice === 'reject') rejecting += 1;
    });
    chosenEl.textContent = accepting || rejecting ? accepting + ' to accept, ' + rejecting + ' to reject' : '';
  }

  function choose(row, choice) {
    if (!row.acc) return;
    row.choice = choice;
    row.acc.checked = choice === 'accept';
    row.rej.checked = choice === 'reject';
    row.el.classList.toggle('choose-accept', choice === 'accept');
    row.el.classList.toggle('choose-reject', choice === 'reject');
  }

  document.querySelector('main').addEventListener('change', function (event) {
    var box = event.target;
    var rowEl = box.closest('.edit');
    if (!rowEl) return;
    var row = rows[Number(rowEl.dataset.index)];
    var choice = box.classList.contains('acc') ? 'accept' : 'reject';
    choose(row, box.checked ? choice : '');
    update();
  });

  function chooseShown(choice) {
    rows.forEach(function (row) { if (row.shown && row.status === 'pending') choose(row, choice); });
    update();
  }

  document.getElementById('accept-shown').addEventListener('click', function () { chooseShown('accept'); });
  document.getElementById('reject-shown').addEventListener('click', function () { chooseShown('reject'); });
  document.getElementById('clear').addEventListener('click', function () {
    rows.forEach(function (row) { choose(row, ''); });
    update();
  });
  document.getElementById('copy').addEventListener('click', function () {
    command.focus();
    command.select();
    var copied = false;
    try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
    chosenEl.textContent = copied ? 'command copied' : 'command selected: copy it with Ctrl+C';
  });
  document.getElementById('filters').addEventListener('change', filter);
  document.getElementById('filters').addEventListener('submit', function (event) { event.preventDefault(); });
  filter();
  update();
}());
"""
