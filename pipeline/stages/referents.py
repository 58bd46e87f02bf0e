"""The referents stage: objects that repeat the wrong name, and gendered pronouns for
countries and organisations (a source language's grammatical gender carried over).

Who is who comes from the table only: a person's pronoun, the "it" entities. Nothing is
guessed from first names; where the table is silent, the rules make no edit.
"""

from __future__ import annotations

import bisect
import re
from typing import Iterable, Iterator, NamedTuple

from pipeline.core.edits import Fix
from pipeline.core.lexicon.content_words import PERSONAL_NOUNS
from pipeline.core.lexicon.function_words import FEMININE_PRONOUNS, NOT_NOUNS
from pipeline.core.lexicon.names import DEMONYMS, OPENERS, PERSON_TITLES, STOP
from pipeline.core.regex import trie_regex
from pipeline.core.rules import rule
from pipeline.core.sentences import sentence_spans
from pipeline.core.text import line_starts
from pipeline.stages.names.runs import name_run_bounds, name_run_spans
from pipeline.stages.names.words import WORD
from pipeline.stages.punctuation.quotes import REPORTING_VERB, quoted_spans
from pipeline.tables.table import Entity, Table

OBJECT_PRONOUN = {"he": "him", "she": "her", "they": "them", "it": "it"}


def resolve(table: Table, name: str) -> Entity | None:
    """The table entity a written name refers to: the whole name, else the name without its
    leading titles and nationality adjectives (``Ukrainian President Volodymyr Zelensky``).
    ``Bill Clinton`` is not ``Hillary Clinton``: other leading words are never dropped."""
    words = name.split()
    while words:
        entity = table.by_name.get(" ".join(words))
        if entity is not None or not (words[0] in STOP or words[0] in DEMONYMS):
            return entity
        words = words[1:]
    return None


# --- fix-repeated-subject --------------------------------------------------------

# Verbs whose object is then the subject of an infinitive: "expects Y to", "asks Y to".
_ASKING_PHRASES = tuple(
    f"{stem}{ending}"
    for stem, endings in {
        "expect": ("", "s", "ed"), "ask": ("", "s", "ed"), "want": ("", "s", "ed"), "urge": ("", "s", "d"),
        "tell": ("", "s"), "told": ("",), "invite": ("", "s", "d"), "encourage": ("", "s", "d"),
        "allow": ("", "s", "ed"), "persuade": ("", "s", "d"), "convince": ("", "s", "d"), "need": ("", "s", "ed"),
        "push": ("", "es", "ed"), "press": ("", "es", "ed"), "beg": ("", "s", "ged"), "request": ("", "s", "ed"),
        "order": ("", "s", "ed"), "force": ("", "s", "d"), "call": (" on", "s on", "ed on"),
        "rel": ("y on", "ies on", "ied on"), "count": (" on", "s on", "ed on"), "wait": (" for", "s for", "ed for"),
    }.items()
    for ending in endings
)
_ASKING = trie_regex(_ASKING_PHRASES)
_NAME = rf"(?<![\w'’-]){WORD}(?: {WORD})*"
_REPEATED = re.compile(
    rf"(?<![\w-]){_ASKING}\s+(?P<y>{_NAME})\s+to\s+(?:[a-z]+\s+)?(?P<verb>[a-z]+)\s+(?P<again>{_NAME})(?![\w'’-])"
)
# "to" between white space; the literal first lets the regex engine search for it quickly.
_TO = re.compile(r"to(?<=\sto)\s")


def _repeated(text: str) -> Iterator[re.Match]:
    """The matches of ``_REPEATED.finditer(text)``, the regex tried only where one can start.

    A match's ``y`` is always a whole match of the name runs' regex (``name_run_bounds``:
    it follows white space after a lower-case verb, and is followed by white space and a
    lower-case "to", so that regex takes exactly its words). So a match starts at an asking
    phrase that ends where the white space before such a run begins, the run being followed
    by white space and "to". Those places come from the name runs (scanned once per text for
    both stages) and a quick search for "to", where the regex itself would be tried at every
    position of the text.
    """
    starts, ends = name_run_bounds(text)
    places: set[int] = set()
    for to in _TO.finditer(text):
        end = to.start() - 1  # white space, as the lookbehind found
        while end and text[end - 1].isspace():  # the same white space as \s
            end -= 1
        k = bisect.bisect_left(ends, end)
        if k == len(ends) or ends[k] != end:
            continue  # no name run ends before this "to"
        start = starts[k]
        verb_end = start
        while verb_end and text[verb_end - 1].isspace():
            verb_end -= 1
        if verb_end < start and text.endswith(_ASKING_PHRASES, 0, verb_end):
            places.update(verb_end - len(p) for p in _ASKING_PHRASES if text.endswith(p, 0, verb_end))
    end = 0
    for place in sorted(places):
        if place >= end and (m := _REPEATED.match(text, place)) is not None:  # finditer resumes at a match's end
            yield m
            end = m.end()


# The main subject: the name just before the verb, maybe with an adverb or two ("Putin today").
_SUBJECT = re.compile(rf"(?P<x>{_NAME})(?:\s+[a-z]+){{0,2}}\s+$")


def _same(table: Table, longer: str, shorter: str) -> bool:
    a, b = resolve(table, longer), resolve(table, shorter)
    if a and b:
        return a == b
    return set(shorter.split()) <= set(longer.split())


@rule("fix-repeated-subject", stage="referents", risk="review")
def fix_repeated_subject(text: str, *, table: Table) -> Iterator[Fix]:
    """Replace an object that repeats the subject of an infinitive by the main subject's pronoun.

    ``Putin expects Xi Jinping to support Xi`` → ``to support him``; also ``asks Y to help
    Y``, ``urges``, ``wants``, ``tells``, ``calls on``… The repeated name may be the short
    form (``Xi`` of ``Xi Jinping``). The pronoun is the main subject's in the table.
    Leaves alone: a main subject the table gives no pronoun (unknown gender: a flag with no
    change is not an edit, so nothing is proposed), an object naming someone else
    (``expects Xi to support Putin``), a possessive (``to support Xi's plan``), and a main
    subject that is the same person as the object.
    """
    for m in _repeated(text):
        y, again = m.group("y"), m.group("again")
        before = _SUBJECT.search(text, max(0, m.start() - 80), m.start())
        if before is None or not _same(table, y, again):
            continue
        subject = before.group("x")
        main = resolve(table, subject)
        if main is None or main.pronoun is None or _same(table, y, subject):
            continue
        pronoun = OBJECT_PRONOUN[main.pronoun]
        yield Fix(
            m.start("again"), m.end("again"), pronoun,
            f"“{again}” repeats “{y}”, the subject of “to {m.group('verb')}”; the object is meant to be"
            f" the main subject, “{subject}” ({main.pronoun} in the table {main.source}) → “{pronoun}”",
        )


# --- fix-pronoun-for-it-entity -------------------------------------------------------

# she, her, hers, herself, he, him, his, himself (lower case or capitalised), as whole words:
# the definition. The rule finds the same with two regexes (``_pronouns``).
_PRONOUN = re.compile(r"[SsHh](?=[hei])(?<![\w'’-].)(?:(?<=[Ss])he|(?<=[Hh])(?:erself|ers|er|e|imself|im|is))(?![\w'’-])")
# Each pronoun holds a lower-case "h" (first, or after the "s" of "she") but the capitalised
# "He", "Her"…: a regex that starts with a literal letter lets the regex engine skip ahead to
# it, where one that starts with a set (``_PRONOUN``) tries it at every position, three times
# slower. The "h" of "she" matches with ``she``, one letter into the word.
_PRONOUN_H = re.compile(r"h(?:(?<=[Ss]h)(?<![\w'’-]..)(?P<she>e)|(?<![\w'’-]h)(?:erself|ers|er|e|imself|im|is))(?![\w'’-])")
_PRONOUN_CAPITAL_H = re.compile(r"H(?<![\w'’-]H)(?:erself|ers|er|e|imself|im|is)(?![\w'’-])")


class Pronoun(NamedTuple):
    start: int
    end: int
    word: str


def _pronouns(text: str) -> list[Pronoun]:
    """The matches of ``_PRONOUN`` in ``text``, in order (two quicker searches)."""
    found = [
        Pronoun(m.start() - 1, m.end(), text[m.start() - 1 : m.end()]) if m.start("she") >= 0
        else Pronoun(m.start(), m.end(), m.group())
        for m in _PRONOUN_H.finditer(text)
    ]
    if "H" in text:
        found += [Pronoun(m.start(), m.end(), m.group()) for m in _PRONOUN_CAPITAL_H.finditer(text)]
        found.sort()  # whole words: no two start at one place
    return found


_IT_FORM = {"she": "it", "he": "it", "him": "it", "hers": "its", "his": "its", "herself": "itself", "himself": "itself"}
_CONNECTOR = re.compile(r" (?:and|of|for|of the|and the|de|del|da|do|dos|von|van|der|al) ")
_CONNECTOR_LONGEST = len(" and the ")  # a longer gap between two names holds no connector: no need to look
# What comes right before a subject that does not start its sentence (matched on the last
# few characters only): a clause break or a subordinating word, maybe a quote mark, "the".
_CLAUSE_START = re.compile(
    r"(?:[;:]\s*|,\s+(?:and|but|or|yet|so)\s+|\b(?:that|while|because|although|though|since|whereas|when|if"
    r"|whether|but|so|after|before|until|once)\s+)[\"“‘«(]*\s*(?:[Tt]he\s+)?$"
)
_SENTENCE_OPENING = re.compile(r"[\s\"“‘«(]*(?:[Tt]he\s+)?")
_REPORTING = re.compile(rf"\s+(?:also\s+|then\s+)?{REPORTING_VERB}")
# Common nouns for people: a possible antecedent the table cannot know ("the envoy … she"); not
# "member" naming states ("member countries").
_PERSON_NOUN = re.compile(
    r"\b(?:man|woman|men|women|girl|boy|mother|father|wife|husband|daughter|son|sister|brother|lady|queen|king"
    r"|prince|princess|envoy|minister|president|premier|chancellor|leader|official|spokes(?:man|woman|person)"
    r"|ambassador|diplomat|expert|analyst|journalist|reporter|author|writer|director|chief|head|secretary"
    r"|senator|governor|mayor|judge|general|commander|officer|soldier|candidate|activist|lawyer|doctor"
    r"|professor|student|teacher|researcher|scholar|economist|negotiator|founder|owner|chairman|chairwoman"
    r"|chair|ceo|manager|member(?!s?\s+(?:states|countries|nations|organi[sz]ations|parties|banks|firms)\b)|citizen|voter|witness"
    r"|victim|actor|actress|singer|player|coach|captain"
    r"|aide|advis[eo]r|assistant|staffer|employee|worker|colleague|friend|partner|associate|consultant"
    r"|executive|deputy|representative|lawmaker|legislator|politician|nominee|prosecutor|attorney"
    r"|investigator|agent|suspect|defendant|prisoner|detainee|patient|resident|person|child|children|parent"
    r"|priest|bishop|pope|pilot|driver|farmer|athlete|striker|goalkeeper|boss|editor|columnist"
    r"|correspondent|photographer|campaigner|protester|opponent|rival|challenger|successor|predecessor"
    r"|heir|spouse|widow|widower|uncle|aunt|nephew|niece|cousin|grandmother|grandfather"
    r"|blogger|critic|fan|supporter|star|designer|entrepreneur|businessman|businesswoman|tycoon|billionaire"
    r"|millionaire|celebrity|comedian|presenter|novelist|poet|artist|musician|composer|dancer|pupil"
    r"|graduate|veteran|refugee|migrant|immigrant|tourist|traveller|passenger|customer|buyer|seller"
    r"|investor|trader|banker|broker|scientist|engineer|nurse|surgeon|policeman|policewoman|hostage"
    r"|survivor|winner|champion|cyclist|swimmer|boxer|footballer|midfielder|defender|jockey)s?\b"
)
_INTERJECTED = re.compile(r"[–—-]\s*$")
# Titles that "the" may come before and that stand for a person: "the President", "the Pope".
_TITLE = re.compile(r"(?:" + "|".join(PERSON_TITLES) + r")\b")
_WORD_AFTER = re.compile(r"\s+([A-Za-z][\w’'-]*)")


class Mention(NamedTuple):
    start: int
    end: int
    name: str
    kind: str  # "it", "person" (in the table) or "other" (any other name: could be a person)
    pronoun: str | None
    subject: bool
    thing: bool = False  # "the Council": a thing, not a person


def _kind(table: Table, name: str) -> tuple[str, str | None]:
    entity = resolve(table, name)
    if entity is not None and entity.kind == "person":
        return "person", entity.pronoun
    if name in table.it_names:
        return "it", "it"
    return "other", None


def _mentions(text: str, table: Table, starts: list[int], spans: list[tuple[int, int]]) -> list[Mention]:
    """Names starting inside ``spans`` (sorted, disjoint), with what the table says of them
    and whether each is a subject.

    Runs joined by ``and``/``of``… form one mention where the table knows the joined name
    (``Bosnia and Herzegovina``). A sentence-initial adverb or participle is not a mention.
    """
    every = name_run_spans(text)  # (start, end) of each of name_runs(text), in order
    runs = []
    for a, b in spans:  # the runs starting inside each span: a slice of the sorted runs ((a,) sorts
        runs += every[bisect.bisect_left(every, (a,)) : bisect.bisect_left(every, (b,))]  # before (a, end))
    known = lambda name: name in table.it_names or name in table.by_name  # noqa: E731
    mentions: list[Mention] = []
    i = 0
    while i < len(runs):
        start, end = runs[i]
        j = i
        for k in range(i + 1, min(i + 4, len(runs))):
            gap_start, gap_end = runs[k - 1][1], runs[k][0]
            if gap_end - gap_start > _CONNECTOR_LONGEST or not _CONNECTOR.fullmatch(text, gap_start, gap_end):
                break
            if known(text[start : runs[k][1]]):
                j = k
        end = runs[j][1]
        i = j + 1
        name = text[start:end]
        sentence_start = starts[bisect.bisect_right(starts, start) - 1]
        opening = _SENTENCE_OPENING.match(text, sentence_start, start)
        at_start = opening is not None and opening.end() == start
        if at_start and " " not in name and not known(name) and _is_opener(name, text[end : end + 2]):
            continue
        kind, pronoun = _kind(table, name)
        possessive = text[end : end + 2] in ("’s", "'s")
        subject = not possessive and (at_start or bool(_CLAUSE_START.search(text, max(sentence_start, start - 24), start)))
        thing = text[max(0, start - 4) : start] in ("the ", "The ") and not _TITLE.match(name)
        mentions.append(Mention(start, end, name, kind, pronoun, subject, thing))
    return mentions


def _personal_possession(word: str, text: str, end: int) -> bool:
    """Whether ``word`` (her, his) is a possessive before a noun only a person has (``her
    nomination``, ``his wife``)."""
    if word.lower() not in ("her", "his"):
        return False
    follower = _WORD_AFTER.match(text, end)
    return follower is not None and follower.group(1).lower() in PERSONAL_NOUNS


class _Quotations:
    """The double quotations of a text (``quoted_spans``), found when first asked about: the
    tests before settle most pronouns."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[tuple[int, int]] | None = None
        self.starts: list[int] = []

    def hold(self, pos: int) -> bool:
        """Whether ``pos`` lies inside one of them."""
        if self.spans is None:
            self.spans = quoted_spans(self.text) if any(c in self.text for c in "“”\"") else []
            self.starts = [start for start, _ in self.spans]
        k = bisect.bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.spans[k][1]


def _is_opener(word: str, after: str) -> bool:
    return word in OPENERS or after.startswith(",") or word.endswith(("ed", "ing", "ly"))


def _it_form(word: str, text: str, end: int) -> str:
    """it, its or itself for ``word``; "her" is possessive (→ its) before a noun, else → it."""
    low = word.lower()
    if low == "her":
        follower = _WORD_AFTER.match(text, end)  # no slice: a text holds many pronouns
        form = "its" if follower and follower.group(1).lower() not in NOT_NOUNS else "it"
    else:
        form = _IT_FORM[low]
    return form.capitalize() if word[0].isupper() else form


def _sentence_starts(text: str, lines: list[int], read: Iterable[int] | None = None) -> list[int]:
    """Where each sentence starts, in order: each line start (``lines``: ``line_starts(text)``)
    and each sentence the pipeline's one splitter finds (so ``U.S.`` or ``Mr.`` start none),
    in the lines ``read`` only (indices into ``lines``; all by default): a sentence never
    runs over a line break, and the lines before and after a pronoun's play no part."""
    starts = set(lines)
    if read is None:
        starts.update(start for start, _ in sentence_spans(text))
    else:
        end_of = lines[1:] + [len(text) + 1]  # past each line's break
        for i in read:
            starts.update(start for start, _ in sentence_spans(text, lines[i], end_of[i] - 1))
    return sorted(starts)


@rule("fix-pronoun-for-it-entity", stage="referents", risk="review")
def fix_pronoun_for_it_entity(text: str, *, table: Table) -> Iterator[Fix]:
    """Turn a gendered pronoun whose antecedent is a country or organisation into it/its/itself.

    ``Russia did what she had to do`` → ``what it had to do``; ``her right`` → ``its right``.
    The antecedent is the nearest subject before the pronoun, in its sentence or the one
    before (same paragraph), and must be in the table's "it" list.
    Leaves alone: a pronoun with any other name in that stretch that could be its
    antecedent (a person the table gives that pronoun or none, any name the table does not
    know: ``The Queen Mary left port; she sailed``, but for a thing named after "the",
    ``criticism of the Council``, that is no title: ``the President``), a woman or man named in the table
    (``Merkel … she``), a pronoun before a reporting verb (``– he highlights –``: a speaker),
    a pronoun inside a quotation (the speaker's own), a possessive before what only a
    person has (``Brazil blocked her nomination``, ``his wife``), and a pronoun with no
    subject before it.
    """
    pronouns = _pronouns(text)
    if not pronouns:
        return
    paragraphs = line_starts(text)
    in_paragraph = [bisect.bisect_right(paragraphs, p.start) - 1 for p in pronouns]
    starts = _sentence_starts(text, paragraphs, sorted(set(in_paragraph)))
    windows = []  # where each pronoun's antecedent may be: its sentence and the one before
    for p, i in zip(pronouns, in_paragraph):
        s = bisect.bisect_right(starts, p.start) - 1
        windows.append(starts[s - 1] if s > 0 and starts[s - 1] >= paragraphs[i] else starts[s])
    spans: list[tuple[int, int]] = []
    for window, p in zip(windows, pronouns):
        if spans and window <= spans[-1][1]:
            spans[-1] = (spans[-1][0], p.start)
        else:
            spans.append((window, p.start))
    mentions = _mentions(text, table, starts, spans)
    firsts = [m.start for m in mentions]
    ends = [m.end for m in mentions]
    quotations = _Quotations(text)
    kept: dict[str, list[int]] = {"she": [], "he": []}  # pronouns left alone: they refer to people
    for window, p in zip(windows, pronouns):
        word = p.word
        gender = "she" if word.lower() in FEMININE_PRONOUNS else "he"
        before = mentions[bisect.bisect_left(firsts, window) : bisect.bisect_right(ends, p.start)]
        subjects = [m for m in before if m.subject]
        # Any one of these leaves the pronoun alone; the cheap tests come first (most
        # pronouns have no "it" subject before them), the searches last.
        if (
            not subjects
            or subjects[-1].kind != "it"
            or any(
                (m.kind == "other" and not m.thing) or (m.kind == "person" and m.pronoun in (gender, "they", None))
                for m in before
            )
            or (kept[gender] and kept[gender][-1] >= window)  # kept in order: the last is the latest
            or (word.lower() in ("she", "he") and _REPORTING.match(text, p.end))
            or _personal_possession(word, text, p.end)
            or _INTERJECTED.search(text, window, p.start)
            or _PERSON_NOUN.search(text, window, p.start)
            or quotations.hold(p.start)  # the quotations of the whole text, found on first use
        ):
            kept[gender].append(p.start)
            continue
        antecedent = subjects[-1].name
        form = _it_form(word, text, p.end)
        yield Fix(
            p.start, p.end, form,
            f"“{word}” refers to “{antecedent}”, the nearest subject before it, which the table lists as"
            f" “it”: a grammatical gender carried over from the source language → “{form}”",
        )

