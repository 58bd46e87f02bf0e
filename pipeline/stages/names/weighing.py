"""The evidence that one spelling of a name is the right one, weighed.

``weigh`` decides whether one token should become another (``Tmur`` → ``Temur``) from
these kinds of evidence, never from counts alone:

- the table: a word of a name the user listed is right;
- the word list: a token found in wordfreq's English list (which holds first names and
  surnames of people in the news, and ordinary words) is a known name; a token absent
  from it is not;
- the shape: a token with no vowel, or one starting with a consonant cluster no
  English or transliterated name starts with (``Tm``), is implausible;
- the article's counts, where it writes the name both ways: the spelling it writes
  more often is the strongest evidence there is, but a misspelling the article repeats
  (3× ``Tmur``, 1× ``Temur``) still loses to the form the word list and the shape support,
  and a tie decides nothing;
- other articles, where only they write the other spelling: they count only when their
  evidence is strong (``strong_elsewhere``), never against a spelling the article keeps
  to, and never to choose between transliterations of one name (``Zelenskyy``).

Two tokens that are both known names (``Hillary`` and ``Bill``, ``Mark`` and ``Mary``,
``Sergey`` and ``Sergei``) are never merged: they may be two people, or two accepted
spellings. Nor are two forms of one word (``different_forms``: ``Russia`` and
``Russian``, ``Oblast`` and ``Oblastis``, ``Zelenska`` and ``Zelensky``).
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.core.settings import COMMONER_BY, PROPOSE_AT, RARE_ZIPF, STRONG_ARTICLES, STRONG_RATIO
from pipeline.stages.names.spelling import different_forms, endings_of_one_name, shape_problem, zipf


@dataclass(frozen=True)
class Verdict:
    """Whether ``wrong`` should become ``right``, and why, in words for the edit's reason."""

    wrong: str
    right: str
    score: int
    veto: str | None
    notes: tuple[str, ...]

    @property
    def proposed(self) -> bool:
        return self.veto is None and self.score >= PROPOSE_AT

    def explain(self) -> str:
        return "; ".join(self.notes)


def strong_elsewhere(right_articles: int, wrong_articles: int) -> bool:
    """Whether other articles strongly support a spelling: in ``right_articles`` other
    articles against ``wrong_articles`` (this one included) for the spelling weighed."""
    return right_articles >= STRONG_ARTICLES and right_articles >= STRONG_RATIO * max(wrong_articles, 1)


def _known(word: str, table_words: frozenset[str]) -> tuple[bool, str]:
    if word in table_words:
        return True, f"“{word}” is in the table"
    z = zipf(word)
    if z is None:
        return False, f"“{word}”: no word list installed"
    if z > 0:
        return True, f"“{word}” is a known name (word list, zipf {z:.1f})"
    return False, f"“{word}” is not a known name"


def weigh(
    wrong: str,
    right: str,
    *,
    wrong_count: int,
    right_count: int,
    table_words: frozenset[str] = frozenset(),
    wrong_here: int | None = None,
    right_here: int = 0,
    right_articles: int = 0,
    wrong_articles: int = 1,
) -> Verdict:
    """Weigh the evidence that token ``wrong`` is a misspelling of ``right``.

    Points for ``right``: +3 when the table names it; +2 when the word list knows it and not
    ``wrong`` (-2 the other way round); +1 when ``wrong`` has an implausible shape and
    ``right`` has not (-1 the other way round). Then the counts:

    - weighed for no article (``wrong_here`` None: ``clean suggest`` weighs a corpus), +1
      when ``right`` is the more frequent in the corpus (``*_count``), -1 when rarer;
    - where the article spells the name both ways (``right_here`` > 0): +2 when it uses
      ``right`` more often, nothing when as often (the word list alone then decides:
      ``Kentucky`` and ``Ketucky`` once each), -1 when less (so the table, or the word list
      and the shape together, still fix a misspelling the article repeats: 3× ``Tmur``, 1×
      ``Temur``),
      and +1 when other articles strongly support ``right`` (``strong_elsewhere``, from
      ``right_articles`` other articles and ``wrong_articles``);
    - where only other articles spell it ``right``: +1 when their evidence is strong, else
      a veto; a veto also where the article spells it ``wrong`` twice or more (consistently:
      it holds no other spelling), or where the two are transliterations of one name
      (``endings_of_one_name``: ``Zelenskyy`` stays) — unless the table names ``right``.

    Proposed at 2 points, unless vetoed: both are known names (two people, two accepted
    spellings, two words), or they are two forms of a word (``different_forms``).
    """
    score = 0
    notes: list[str] = []
    known_wrong, why_wrong = _known(wrong, table_words)
    known_right, why_right = _known(right, table_words)
    if known_wrong and known_right and wrong_here is not None and right_here > wrong_here:
        # A misspelling common enough to be in the word list (``Toyko``, ``Rusian``), where
        # the article writes the right one more often: known for a misspelling only.
        rare, common = zipf(wrong) or 0.0, zipf(right) or 0.0
        if wrong not in table_words and rare <= RARE_ZIPF and (right in table_words or common >= rare + COMMONER_BY):
            known_wrong = False
            why_wrong = f"“{wrong}” is rare in the word list (zipf {rare:.1f}), a misspelling of a far commoner word"
    veto = different_forms(wrong, right)
    in_table = right in table_words
    if in_table:
        score += 3
    if known_wrong and known_right:
        veto = veto or "both are known names"
    elif known_right:
        score += 2
    elif known_wrong:
        score -= 2
    notes.append(why_wrong)
    shape_wrong, shape_right = shape_problem(wrong), shape_problem(right)
    if shape_wrong:
        notes[-1] += f" and {shape_wrong}"
    notes.append(why_right if not shape_right else f"{why_right} and {shape_right}")
    if shape_wrong and not shape_right:
        score += 1
    elif shape_right and not shape_wrong:
        score -= 1
    strong = strong_elsewhere(right_articles, wrong_articles)
    if wrong_here is None:
        if right_count > wrong_count:
            score += 1
        elif right_count < wrong_count:
            score -= 1
    elif right_here:
        if right_here > wrong_here:
            score += 2
            notes.append(f"the article writes “{right}” more often")
        elif right_here == wrong_here:  # the counts say nothing: the word list and the shape decide
            notes.append(f"the article writes “{wrong}” as often")
        else:
            score -= 1
            notes.append(f"the article writes “{wrong}” more often")
        if strong:
            score += 1
            notes.append(f"“{right}” is in {right_articles} other articles")
    elif not in_table:
        if wrong_here >= 2:
            veto = veto or f"the article writes “{wrong}” {wrong_here}× and never “{right}”"
        elif endings_of_one_name(wrong, right):
            veto = veto or "two transliterations of one name: other articles' choice is not this one's"
        elif not strong:
            veto = veto or f"“{right}” is in too few other articles ({right_articles}) to count"
        else:
            score += 1
            notes.append(f"“{right}” is in {right_articles} other articles, “{wrong}” in {wrong_articles}")
    return Verdict(wrong, right, score, veto, tuple(notes))
