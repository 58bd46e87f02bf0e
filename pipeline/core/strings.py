"""How near two strings are: what they share at either end, and how many edits apart they are.

The names stage measures spellings with ``distance``, as does the table when it checks a
listed variant; the word diff keeps difflib to what lies between the ends two sentences
share (``common_ends``), as ``distance`` keeps its table to the middles of two spellings.
"""

from __future__ import annotations

from typing import Sequence


def common_ends(a: Sequence, b: Sequence) -> tuple[int, int]:
    """(head, tail): how many items ``a`` and ``b`` share at their start, then at their end
    within what the head leaves (the two never overlap)."""
    size = min(len(a), len(b))
    head = 0
    while head < size and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < size - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return head, tail


def distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal-string-alignment (Damerau-Levenshtein) distance, or ``limit + 1`` when larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    # Each edit adds or removes at most two letters to the set of letters used (a transposition
    # none), so strings whose letter sets differ in more than 2 * limit are too far apart:
    # most names of a bucket are, and this test is far cheaper than the table below.
    if len(set(a).symmetric_difference(b)) > 2 * limit:
        return limit + 1
    # What the two share at either end costs nothing (an optimal alignment matches it): the
    # table is worked out for the middles only, which are short for names a letter apart.
    head, tail = common_ends(a, b)
    a, b = a[head : len(a) - tail], b[head : len(b) - tail]
    if not a or not b:
        return min(len(a) + len(b), limit + 1)
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        best = i
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            value = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, prev2[j - 2] + 1)
            cur[j] = value
            best = min(best, value)
        if best > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[-1], limit + 1)
