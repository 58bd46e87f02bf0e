"""The one edit type, and the only code that changes text.

An edit replaces ``text[start:end]`` of the *raw* article with ``replacement``.
Every output (diff, review, report, cleaned file) is a function of the raw text
and a list of edits, so that a person can accept or reject each edit on its own.

Edits in a proposal never overlap: where two rules touch the same characters
their edits are merged into one that keeps both rule ids (``"a+b"``), so any
subset of a proposal applies cleanly.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from operator import attrgetter
from typing import Callable, Iterable, Literal, NamedTuple, Sequence

Risk = Literal["safe", "review"]
Status = Literal["pending", "accepted", "rejected"]
RISKS: tuple[Risk, ...] = ("safe", "review")
STATUSES: tuple[Status, ...] = ("pending", "accepted", "rejected")


class Fix(NamedTuple):
    """What a rule function yields: a span of the text it was given, and what goes there."""

    start: int
    end: int
    replacement: str
    reason: str


@dataclass(frozen=True, slots=True)
class Edit:
    """A proposed change to the raw text, with its provenance.

    ``rule``, ``stage`` and ``reason`` hold several values joined by ``+`` / ``; ``
    when overlapping edits were merged.
    """

    start: int
    end: int
    replacement: str
    rule: str
    stage: str
    reason: str
    risk: Risk = "review"
    status: Status = "pending"
    proposed: str | None = None  # the stage's replacement, when a reviewer wrote their own
    # Decisions made on it, oldest first: (status, UTC time "YYYY-MM-DDTHH:MM:SSZ"). Kept so a
    # decision can be traced and undone later; not part of the edit's identity or its diff.
    history: tuple[tuple[str, str], ...] = ()

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(self.rule.split("+"))

    def to_json(self) -> dict:
        data = {
            "start": self.start,
            "end": self.end,
            "replacement": self.replacement,
            "rule": self.rule,
            "stage": self.stage,
            "reason": self.reason,
            "risk": self.risk,
            "status": self.status,
        }
        if self.proposed is not None:
            data["proposed"] = self.proposed
        if self.history:
            data["history"] = [{"status": status, "at": at} for status, at in self.history]
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Edit":
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            replacement=str(data["replacement"]),
            rule=str(data["rule"]),
            stage=str(data["stage"]),
            reason=str(data["reason"]),
            risk=data.get("risk", "review"),
            status=data.get("status", "pending"),
            proposed=data.get("proposed"),
            history=tuple((str(h["status"]), str(h["at"])) for h in data.get("history", ())),
        )


# The order of edits, (start, end): an insertion at a point sorts before a replacement
# starting at that point. An attrgetter, not a function: it is called for every edit of
# every sort, and runs in C.
sort_key: Callable[[Edit], tuple[int, int]] = attrgetter("start", "end")


def apply(text: str, edits: Iterable[Edit], offset: int = 0) -> str:
    """Apply non-overlapping edits (any subset of a proposal) to ``text``.

    ``offset``: where ``text`` starts in the text the edits were made over (a slice of it)."""
    parts: list[str] = []
    pos = 0
    for edit in sorted(edits, key=sort_key):
        start = edit.start - offset
        if start < pos:
            raise ValueError(f"overlapping edits at {edit.start} ({edit.rule})")
        parts.append(text[pos:start])
        parts.append(edit.replacement)
        pos = edit.end - offset
    parts.append(text[pos:])
    return "".join(parts)


def validate(text: str, edits: Sequence[Edit]) -> None:
    """Raise ValueError unless ``edits`` are sorted, in range and non-overlapping."""
    pos = 0
    for edit in edits:
        if not (0 <= edit.start <= edit.end <= len(text)):
            raise ValueError(f"edit out of range: {edit}")
        if edit.start < pos:
            raise ValueError(f"overlapping or unsorted edits at {edit.start}: {edit.rule}")
        pos = edit.end


def _merge_fields(values: Iterable[str], sep: str) -> str:
    seen: list[str] = []
    for value in values:
        for part in value.split(sep):
            if part and part not in seen:
                seen.append(part)
    return sep.join(seen)


def _worst_risk(edits: Iterable[Edit]) -> Risk:
    return "review" if any(e.risk == "review" for e in edits) else "safe"


def moved(edit: Edit, start: int, end: int) -> Edit:
    """``edit`` at another span (``dataclasses.replace`` without its per-call introspection)."""
    return Edit(
        start, end, edit.replacement, edit.rule, edit.stage, edit.reason, edit.risk, edit.status, edit.proposed,
        edit.history,
    )


def replacement_spans(edits: Sequence[Edit]) -> list[tuple[int, int]]:
    """Where each of ``edits`` (sorted) puts its replacement in the text it leaves."""
    spans, shift = [], 0
    for edit in edits:
        start = edit.start + shift
        spans.append((start, start + len(edit.replacement)))
        shift += len(edit.replacement) - (edit.end - edit.start)
    return spans


class _Layout:
    """Sorted base edits laid out over the text they leave (``apply(raw, base)``): where each
    put its replacement. Maps offsets of that text back to the raw text, and finds the base
    edits a later edit over it must merge with (``compose`` and ``locate_all``)."""

    def __init__(self, base: list[Edit]) -> None:
        self.base = base
        spans = replacement_spans(base)
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def to_raw(self, pos: int, after: bool) -> int:
        """Map an intermediate offset lying outside every replacement back to raw.

        Where deletions sit at ``pos``, ``after`` picks the raw offset past them.
        """
        starts, ends = self.starts, self.ends
        j = bisect.bisect_right(ends, pos) - 1
        if not after:
            while j >= 0 and starts[j] == ends[j] == pos:
                j -= 1
        return pos if j < 0 else self.base[j].end + (pos - ends[j])

    def hits(self, start: int, end: int) -> list[int]:
        """The base edits that a later edit over ``[start, end)`` must merge with: it overlaps
        their replacement, lies inside it, or touches an insertion."""
        base, starts, ends = self.base, self.starts, self.ends
        found = []
        i = max(bisect.bisect_left(starts, start) - 1, 0)
        while i < len(base) and starts[i] <= end:
            s1, e1 = starts[i], ends[i]
            overlap = start < e1 and s1 < end
            inside = s1 < start == end < e1
            at_insertion = base[i].start == base[i].end and start <= e1 and s1 <= end
            if overlap or inside or at_insertion:
                found.append(i)
            i += 1
        return found

    def raw_span(self, first: int, last: int, start: int, end: int) -> tuple[int, int, int, int]:
        """For a later edit over ``[start, end)`` merged with base edits ``first``..``last``:
        the merged span in intermediate offsets, then in raw offsets."""
        lo1, hi1 = min(self.starts[first], start), max(self.ends[last], end)
        lo = self.base[first].start if lo1 == self.starts[first] else self.to_raw(lo1, True)
        hi = self.base[last].end if hi1 == self.ends[last] else self.to_raw(hi1, False)
        return lo1, hi1, lo, hi


def compose(raw: str, base: Sequence[Edit], later: Sequence[Edit], middle: str | None = None) -> list[Edit]:
    """Fold ``later`` edits, made over ``apply(raw, base)``, into edits over ``raw``.

    A later edit that overlaps the replacement of a base edit (or touches an
    inserted text, where their order would be ambiguous) is merged with it into
    one edit carrying both rule ids; the other later edits are only shifted.
    ``middle`` is ``apply(raw, base)`` when the caller has it already.
    """
    base = sorted(base, key=sort_key)
    later = sorted(later, key=sort_key)
    if not later:
        return list(base)
    if not base:  # nothing to merge with or shift past
        return later
    layout = _Layout(base)
    text1 = apply(raw, base) if middle is None else middle
    parent = list(range(len(base)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    result: list[Edit] = []
    attached: list[tuple[int, Edit]] = []
    for edit in later:
        found = layout.hits(edit.start, edit.end)
        if not found:
            insertion = edit.start == edit.end
            result.append(moved(edit, layout.to_raw(edit.start, not insertion), layout.to_raw(edit.end, False)))
            continue
        for i in found[1:]:
            parent[root(i)] = root(found[0])
        attached.append((found[0], edit))
    if not attached:  # nothing merges (the usual case): the shifted edits, then every base edit
        result.extend(base)
        result.sort(key=sort_key)
        return result

    groups: dict[int, tuple[list[int], list[Edit]]] = {}
    for i, edit in attached:
        groups.setdefault(root(i), ([], []))[1].append(edit)
    for i in range(len(base)):
        if root(i) in groups:
            groups[root(i)][0].append(i)
        else:
            result.append(base[i])

    for members, laters in groups.values():
        bases = [base[i] for i in members]
        lo1, hi1, lo, hi = layout.raw_span(members[0], members[-1], laters[0].start, max(e.end for e in laters))
        local = [moved(e, e.start - lo1, e.end - lo1) for e in laters]
        everything = bases + laters
        result.append(
            Edit(
                start=lo,
                end=hi,
                replacement=apply(text1[lo1:hi1], local),
                rule=_merge_fields((e.rule for e in everything), "+"),
                stage=_merge_fields((e.stage for e in everything), "+"),
                reason=_merge_fields((e.reason for e in everything), "; "),
                risk=_worst_risk(everything),
            )
        )
    result.sort(key=sort_key)
    return result


def locate(raw: str, base: Sequence[Edit], start: int, end: int) -> tuple[int, int]:
    """The raw span of ``[start, end)`` of ``apply(raw, base)``; widened to cover any base
    edit it overlaps, as a later edit there would be merged with it."""
    return locate_all(raw, base, [(start, end)])[0]


def locate_all(raw: str, base: Sequence[Edit], spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """``locate`` for many spans at once: the base edits are laid out once, and each span
    costs a binary search (a ``compose`` per span costs the whole text each time)."""
    layout = _Layout(sorted(base, key=sort_key))
    located = []
    for start, end in spans:
        found = layout.hits(start, end)
        if found:
            located.append(layout.raw_span(found[0], found[-1], start, end)[2:])
        else:
            located.append((layout.to_raw(start, start != end), layout.to_raw(end, False)))
    return located


def changed(raw: str, edits: Iterable[Edit]) -> list[Edit]:
    """Drop edits that would leave the text as it is."""
    return [e for e in edits if raw[e.start : e.end] != e.replacement]
