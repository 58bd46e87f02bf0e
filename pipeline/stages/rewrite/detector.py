"""Garble detection: score each sentence with small, explainable signals.

Each signal is a function ``(sentence: Sentence) -> str | None`` that returns the
reason it fired, quoting the words that set it off, or ``None``. A sentence's
score is the sum of the weights of the signals that fired; only sentences that
score *over* the threshold are flagged. Signals are deliberately narrow: the
detector must stay quiet on correct news English (under 2% of its sentences,
measured in ``tests/test_rewrite_detector.py``), because every flag costs a
reviewer's attention and, with a model, a rewrite.

Two signals (``dangling_end``, ``misplaced_break``) point at the full stop between
two sentences; their flag covers the next sentence too, so that the model sees
both halves of the broken sentence and can join them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from itertools import chain
from typing import Callable, Iterable, Iterator, NamedTuple, Sequence

from pipeline.tables.table import trie_regex
from pipeline.core.sentences import abbreviations, sentence_spans

DEFAULT_THRESHOLD = 0.75

_WORD = re.compile(r"[^\W_]+(?:[’'-][^\W_]+)*")

# Words that never carry a phrase alone: a repeat made only of these is not a repeat.
FUNCTION_WORDS = frozenset(
    """a an the of to in on at by for from with as and or but nor not no is are was were be been
    being has have had do does did will would can could should may might must shall it its this
    that these those there their they them he him his she her we our us you your i me my
    which who whom whose what when where while than then so such very more most also all any
    some each other one two""".split()
)
# Capitalised words that name an office or an institution on their own: never "a common noun".
TITLES = frozenset(
    """president prime minister foreign secretary chief executive general chairman chairwoman chair
    governor ambassador director king queen prince princess pope senator judge justice mayor
    chancellor premier emperor sheikh commander admiral colonel captain sergeant lieutenant
    spokesman spokeswoman professor doctor bishop cardinal deputy vice state court party bank union
    house government parliament congress senate council army navy church ministry republic kingdom
    office department agency fund summit city street river sea lake island mount airport station
    hospital university school college institute center centre times post news press group bureau
    commission committee assembly authority service corporation company road league cup games
    club olympics""".split()
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Verbs that cannot end a sentence: "without having to support." has lost its object.
TRANSITIVE_VERBS = frozenset(
    """support supply provide ensure include obtain achieve address discuss prevent protect reach
    undermine mention describe tackle safeguard encourage urge persuade convince force""".split()
)
# Words a sentence cannot end on: a preposition, an article, a possessive, a conjunction.
DANGLING_WORDS = frozenset(
    "of with from against between into towards toward the a an its their our my your and or nor than".split()
)
_AUX = r"(?:is|are|was|were|has|have|had|do|does|did|will|would|can|could|should|may|might|must)"
_PREFIXES = r"(?:anti|pro|non|neo|post|pre|ex)"
_SPEECH_VERBS = frozenset("said says told added noted wrote argued stated explained replied asked".split())


def _read_list(name: str) -> list[str]:
    text = resources.files("pipeline").joinpath("data", name).read_text(encoding="utf-8")
    return [e for e in (line.split("#", 1)[0].strip() for line in text.splitlines()) if e]


def _plurals(noun: str) -> tuple[str, ...]:
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return (noun, noun[:-1] + "ies")
    if noun.endswith(("s", "x", "ch", "sh")):
        return (noun, noun + "es")
    if noun in ("man", "woman", "child", "person"):
        return (noun, {"man": "men", "woman": "women", "child": "children", "person": "persons"}[noun])
    return (noun, noun + "s")


@lru_cache(maxsize=1)
def common_nouns() -> frozenset[str]:
    """Lower-case common nouns and their plurals, from ``pipeline/data/common_nouns.txt``."""
    return frozenset(form for noun in _read_list("common_nouns.txt") for form in _plurals(noun.lower()))


@lru_cache(maxsize=1)
def _country_pattern() -> re.Pattern[str]:
    # One trie-shaped alternation: the longest name that ends a word wins, as it would in a
    # plain alternation sorted longest first, but the regex engine never tries names one by one.
    return re.compile(r"\b" + trie_regex(_read_list("countries.txt")) + r"\b")


@dataclass(frozen=True)
class Sentence:
    """One sentence and what a signal may look at around it."""

    text: str
    start: int
    end: int
    document: str = ""
    next: str = ""  # the following sentence of the same paragraph, or ""

    @cached_property
    def tokens(self) -> list[re.Match[str]]:
        """The words of the sentence (computed once, shared by the signals)."""
        return list(_WORD.finditer(self.text))

    def words(self) -> list[re.Match[str]]:
        return self.tokens

    @cached_property
    def isolated_capitals(self) -> list[re.Match[str]]:
        return _isolated_capitals(self)


@dataclass(frozen=True)
class Flag:
    """A flagged stretch of text (one sentence, or two around a broken full stop)."""

    start: int
    end: int
    score: float
    reasons: tuple[str, ...]


Hint = Callable[[str, Sequence[tuple[int, int]]], Iterable[tuple[int, int]]]


class Signal(NamedTuple):
    name: str
    weight: float
    function: Callable[[Sentence], str | None]
    joins_next: bool = False  # the damage is the break after the sentence
    # Where in a whole document the signal may fire: spans, one of which lies in (or overlaps)
    # every sentence the signal fires on. ``flag_sentences`` asks the signal only there.
    hint: Hint | None = None


def _quote(text: str, start: int, end: int, pad: int = 0) -> str:
    """``text[start:end]`` and about ``pad`` characters either side, in whole words, for a reason."""
    lo = max(0, start - pad)
    hi = min(len(text), end + pad)
    while lo > 0 and not text[lo - 1].isspace() and lo < start:
        lo -= 1
    while hi < len(text) and not text[hi].isspace() and hi > end:
        hi += 1
    return "`" + " ".join(text[lo:hi].split()) + "`"


# --- leftover punctuation ----------------------------------------------------------------

_STOP_BEFORE_LOWER = re.compile(r"(\S+)\.\s+([a-z][\w’']*)")


def stray_full_stop(s: Sentence) -> str | None:
    """A full stop between a word and a lower-case word (``not. never``): the sentence goes on.

    Leaves abbreviations alone (``e.g. the``, ``vs. the``, ``5 p.m. local time``), names
    that start in lower case (``cuts. eBay sellers``), and initials, which a lower-case
    particle or species name follows (``Ana M. de Souza``, ``E. coli``).
    """
    for match in _STOP_BEFORE_LOWER.finditer(s.text):
        written = match.group(1).lstrip("“‘\"'([")
        word = written.lower()
        if word in abbreviations() or "." in word or not word[-1:].isalpha() or _is_initial(written):
            continue
        if any(c.isupper() for c in match.group(2)):
            continue  # a name written in lower case first: "eBay", "iPhone"
        return f"stray full stop before a lower-case word ({_quote(s.text, *match.span())})"
    return None


def _is_initial(word: str) -> bool:
    """Whether ``word`` (before a full stop) is one capital letter: an initial, not a word."""
    return len(word) == 1 and word.isupper()


# The second stop may not start an ellipsis, spaced (``over. . . . Then``) or not.
_DOUBLED_STOP = re.compile(r"\w[.!?]\s+\.(?!\.|\s+\.)")


def doubled_full_stop(s: Sentence) -> str | None:
    """Two full stops with space between (``Moscow. .``); an ellipsis (``...``, ``…``, or the
    spaced ``. . .`` after a full stop) is fine."""
    match = _DOUBLED_STOP.search(s.text)
    return f"doubled full stop ({_quote(s.text, *match.span(), pad=8)})" if match else None


_OPEN_AS_CLOSE = re.compile(r"(?<=[\w.,!?])\s*[“‘](?=\s*(?:[,;:!?]|\.(?!\.))|\s*$)")


def opening_quote_closing(s: Sentence) -> str | None:
    """An opening quote mark where a closing one belongs (``territory “.``, ``country. “``).

    A quotation may open on an ellipsis (``called it “... a disaster”``): what follows the
    mark is then three stops, not one.
    """
    match = _OPEN_AS_CLOSE.search(s.text)
    return f"opening quote mark in closing position ({_quote(s.text, *match.span(), pad=10)})" if match else None


_SPACE_BEFORE_CLOSE = re.compile(r"\w\s+(?:”(?=[\s.,;:!?]|$)|[,;](?=\s)|\.(?=\s*$))")


def space_before_closing_mark(s: Sentence) -> str | None:
    """A space before a closing quote, comma or final full stop (``Russia ”.``, ``said ,``)."""
    match = _SPACE_BEFORE_CLOSE.search(s.text)
    return f"space before a closing mark ({_quote(s.text, *match.span(), pad=6)})" if match else None


_MIXED_QUOTES = re.compile(r"\w'[”’]|[“‘]'|\w’'|\w\"[”’]")


def mixed_quote_marks(s: Sentence) -> str | None:
    """A straight quote mark beside a curly one (``each other'”``): half-repaired quoting."""
    match = _MIXED_QUOTES.search(s.text)
    return f"straight and curly quote marks together ({_quote(s.text, *match.span(), pad=8)})" if match else None


_DOUBLED_WORD = re.compile(r"\b([a-z]+)\s+\1\b")
_DOUBLED_DETERMINER = re.compile(
    r"\b(?:the|a|an)\s+(its|their|his|our|my|your|the|a|an|this|these|those)\b", re.IGNORECASE
)
_REDUPLICATIONS = frozenset("had that is do does did very really so no yes now there well".split())


@lru_cache(maxsize=1)
def _reduplications() -> frozenset[str]:
    """Words English doubles on purpose: ours plus the punctuation stage's list, when present."""
    try:
        shared = {w.lower() for w in _read_list("reduplications.txt")}
    except (FileNotFoundError, OSError):
        shared = set()
    return _REDUPLICATIONS | shared


def doubled_word(s: Sentence) -> str | None:
    """A lower-case word twice in a row (``the the``) or two determiners (``the its``).

    Names are left alone (``Cao Cao``, ``Bora Bora``), and so are repeats English
    makes on purpose (``had had``, ``that that``) or three times (``na na na``). A
    second determiner with a capital is a letter or a name (``an A grade``, ``the An-26``):
    the damage leaves both in lower case.
    """
    for match in _DOUBLED_WORD.finditer(s.text):
        tripled = re.match(r"\s+" + match.group(1) + r"\b", s.text[match.end() :])
        if match.group(1) not in _reduplications() and not tripled:
            return f"doubled word ({_quote(s.text, *match.span())})"
    for match in _DOUBLED_DETERMINER.finditer(s.text):
        if not match.group(1)[0].isupper():
            return f"two determiners in a row ({_quote(s.text, *match.span())})"
    return None


# --- repeated and broken phrasing --------------------------------------------------------


# After a repeated phrase: nothing more in its clause (closing quotes, then a mark that ends
# a clause or a parenthesis, or the end of the sentence).
_CLAUSE_END = re.compile(r"[\s”’\"'»]*(?:[.,;:!?)\]…–—]|-(?=\s)|$)")


def _restates(s: Sentence, words: list[str], first: int, second: int) -> bool:
    """Whether the phrase at ``second`` (three words, repeating those at ``first``) only says
    again what was said, rather than frame new content the way parallel English does
    (``the mayor is advised by Ms Lee, and the council is advised by Mr Park``; ``nine flights
    were from Oslo, four flights were from Bergen``; ``too late to apologise, too late to
    start again``).

    It restates when only function words stand between the two (``warm winter coats and warm
    winter coats``, ``the port health authority (the port health authority)``), when nothing
    follows the second in its clause (``never against each other, but not always against each
    other.``), or when the first content word after each is the same (``of Central Asia are
    very concerned and those of Central Asia are concerned``).
    """
    size = 3  # the repeat, as long as it runs (up to where the second starts)
    while first + size < second and second + size < len(words) and words[first + size] == words[second + size]:
        size += 1
    gap = words[first + size : second]
    after_first = next((w for w in gap if w not in FUNCTION_WORDS), None)
    if after_first is None:
        return True
    if _CLAUSE_END.match(s.text, s.tokens[second + size - 1].end()):
        return True
    after_second = next((w for w in words[second + size :] if w not in FUNCTION_WORDS), None)
    return after_second is None or after_second == after_first


def repeated_phrase(s: Sentence) -> str | None:
    """The same three-word phrase twice within nine words, saying the same thing again
    (``against each other, but not always against each other``; ``of Central Asia are …
    of Central Asia are``).

    A repeat made only of function words (``one of the``) does not count, nor does a
    three-word name alone (``the United States``): the phrase needs a lower-case
    content word, or four words. Nor does a phrase that frames different content each
    time, as parallel structures and lists do (see ``_restates``).
    """
    originals = [m.group() for m in s.words()]
    words = [w.lower() for w in originals]
    grams = list(zip(words, words[1:], words[2:]))
    if len(set(grams)) == len(grams):
        return None  # no three words twice: nothing repeats
    seen: dict[tuple[str, ...], int] = {}
    for i, gram in enumerate(grams):
        if gram in seen and 3 <= i - seen[gram] <= 9:
            first = seen[gram]
            four = i + 3 < len(words) and words[first + 3] == words[i + 3] and i - first >= 4
            content = any(
                w not in FUNCTION_WORDS and o[:1].islower() for w, o in zip(gram, originals[i : i + 3], strict=True)
            )
            if (content or four) and _restates(s, words, first, i):
                phrase = " ".join(originals[i : i + (4 if four else 3)])
                return f"repeated phrase (`{phrase}` … `{phrase}`)"
        seen.setdefault(gram, i)
    return None


# Comparatives in -er that ``more`` cannot go with: "more higher than" says it twice.
COMPARATIVES = frozenset(
    """higher lower bigger smaller larger greater stronger weaker better worse faster slower
    cheaper richer poorer older younger longer shorter easier harder heavier wider narrower
    deeper safer closer wealthier happier earlier tougher riskier busier newer warmer colder
    hotter""".split()
)
_DOUBLED_COMPARATIVE = re.compile(r"\bmore\s+(\w+)\s+than(?=\s+(\w*))")
_COMPARISON = re.compile(r"\bmore\s+\w+\s+than\s+((?:[A-Z][\w’'-]*\s+){1,3})(?:against|towards?|about|with)\b")
# What ends the clause before a comparison: its subject starts after the last of these.
_CLAUSE_BREAK = re.compile(r"[,;:“”\"()–—!?…]|\.\s|\bthat\b")
_POSSESSED = re.compile(r"(?:The\s+)?(?:[A-Z][\w-]*\s+)*[A-Z][\w-]*[’']s\s+((?:[a-z][\w-]*\s+)*)")


def garbled_comparison(s: Sentence) -> str | None:
    """A comparison that says its degree twice (``more higher than``), or a faulty one: a
    name's thing set against a bare name, with a stray preposition after it (``Putin’s
    hopes are more outspoken than China against``), where English compares like with like
    (``Japan is more hawkish than Korea about``, ``… than China’s``)."""
    for match in _DOUBLED_COMPARATIVE.finditer(s.text):
        if match.group(1).lower() in COMPARATIVES and match.group(2).lower() not in COMPARATIVES:
            return f"garbled comparison ({_quote(s.text, *match.span())})"
    for match in _COMPARISON.finditer(s.text):
        if _names_a_thing(match.group(1)) or not _compares_a_possession(s.text[: match.start()]):
            continue
        return f"garbled comparison ({_quote(s.text, *match.span())})"
    return None


def _names_a_thing(term: str) -> bool:
    """Whether a comparison's second term is itself a possessive (``than China’s``)."""
    return any(word.endswith(("’s", "'s")) for word in term.split())


def _compares_a_possession(before: str) -> bool:
    """Whether the clause before ``more`` opens on a name's thing (``Putin’s expectations``),
    not a name's office-holder (``Germany’s finance minister``), who may stand for it."""
    clause = _CLAUSE_BREAK.split(before)[-1].strip()
    match = _POSSESSED.match(clause)
    if not match:
        return False
    head = []
    for word in match.group(1).split():
        if word in FUNCTION_WORDS:
            break
        head.append(word)
    return bool(head) and not any(word in TITLES for word in head)


# A clause of its own after ``nor`` may be negative: ``nor did they say why trains were not running``.
_SUBORDINATORS = (
    r"(?:that|which|who|if|whether|why|how|when|where|what|because|although|though|since|unless|until|while)"
)
_NOR_NOT = re.compile(r"\bnor\b(?:(?!\b" + _SUBORDINATORS + r"\b)[^.;:,])*?\b" + _AUX + r"\s+(?:not|never)\b")


_NOT_NEVER = re.compile(r"\bnot\s+(?:not|never)\b")


def double_negation(s: Sentence) -> str | None:
    """Two negations in one clause: ``nor`` followed by ``… were not`` / ``… had never``,
    or ``not never`` side by side. ``never not`` is English (``she has never not voted``:
    she always has), and so is a negation in a clause of its own after ``nor`` (``nor did
    they say why the trains were not running``)."""
    side_by_side = _NOT_NEVER.search(s.text)
    if side_by_side:
        return f"double negation ({_quote(s.text, *side_by_side.span())})"
    match = _NOR_NOT.search(s.text)
    if not match:
        return None
    tail = s.text[match.start() : match.end()].split()
    return f"double negation (`nor … {' '.join(tail[-2:])}`)"


_DANGLING_PREFIX = re.compile(
    r"\b(?:the|a|an|its|their|his|her|our)\s+(" + _PREFIXES + r"-[\w’']+)\s*[.!?][”’\"')]*\s*$", re.IGNORECASE
)


def dangling_prefix(s: Sentence) -> str | None:
    """A prefixed adjective with no noun at the end of the sentence (``support for the anti-West.``).

    Only a prefix on a name makes an adjective that needs a noun (``pro-Russian``,
    ``non-EU``); a prefix on a common word mostly makes a noun (``his ex-wife``, ``the
    pre-season``), and so do a plural (``the anti-Semites``) and a title (``the ex-President``).
    """
    match = _DANGLING_PREFIX.search(s.text)
    if not match or not _adjective_on_a_name(match.group(1).split("-", 1)[1]):
        return None
    return f"prefixed adjective without its noun ({_quote(s.text, match.start(), match.end(1))})"


def _adjective_on_a_name(base: str) -> bool:
    """Whether ``base`` (what a prefix is joined to) is a name or an acronym, not a plural
    (``Semites``) or a title (``President``)."""
    if not base[:1].isupper():
        return False
    return base.isupper() or (not base.endswith("s") and base.lower() not in TITLES)


_PRONOUN_AGREEMENT = re.compile(
    r"\b(?:(?:he|she|it)\s+(?:have|are|were|don’t|don't)|(?:they|we|you)\s+(?:is|was|has|does|doesn’t|doesn't))\b",
    re.IGNORECASE,
)
_NOT_FINITE_AFTER = frozenset(
    "do does did will would can could should may might must to let make if as though not".split()
)
# Words after which ``it`` or ``you`` opens a clause, as its subject.
_CLAUSE_OPENERS = frozenset("and but or so yet that because when while since although where".split())


def broken_agreement(s: Sentence) -> str | None:
    """A pronoun and a verb that do not agree (``they has``, ``she have``).

    Leaves alone verbs after a modal or ``do`` (``did he have``) and the subjunctive
    ``if it were``, ``as though it were``. ``it`` and ``you`` are objects as often as
    subjects (``the chemicals in it are``, ``the photo I show you is``): they count only
    where they open a clause.
    """
    for match in _PRONOUN_AGREEMENT.finditer(s.text):
        before = s.text[: match.start()].split()
        if before and before[-1].lower().strip(",;:“‘\"'(") in _NOT_FINITE_AFTER:
            continue
        if match.group().split()[0].lower() in ("it", "you") and not _opens_a_clause(before):
            continue
        return f"subject and verb do not agree ({_quote(s.text, *match.span())})"
    return None


def _opens_a_clause(before: list[str]) -> bool:
    """Whether a word after the words ``before`` (split at white space) opens a clause: it
    starts the sentence, or follows a clause mark or a conjunction."""
    if not before:
        return True
    last = before[-1]
    return last[-1] in ",;:“‘\"'(–—" or last.lower() in _CLAUSE_OPENERS


_BE_BEEN = re.compile(r"\b(?:is|are|was|were|am)\s+(?:(?:not|never|n’t|n't|also|already|always)\s+)*been\b")


def broken_tense(s: Sentence) -> str | None:
    """``been`` after a form of ``be`` (``is not never been accepted``): a perfect tense
    built on the wrong auxiliary (``has never been``)."""
    match = _BE_BEEN.search(s.text)
    return f"`been` after a form of `be` ({_quote(s.text, *match.span())})" if match else None


# --- capitalisation and names ------------------------------------------------------------


_NAME_LINKS = frozenset("of for and on in at the de du la del".split())
# Short words a headline in title case leaves in lower case, beside the function words.
_MINOR_WORDS = frozenset("into onto about against over under up off out via per vs yet".split())


def _isolated_capitals(s: Sentence) -> list[re.Match[str]]:
    """Capitalised words standing alone between lower-case words, not at a sentence start."""
    words = s.words()
    texts = [m.group() for m in words]
    found = []
    for i in [i for i in range(1, len(texts)) if texts[i][0].isupper()]:  # few words are
        word = texts[i]
        if not word[1:].islower():
            continue
        prev = texts[i - 1]
        between = s.text[words[i - 1].end() : words[i].start()]
        if not prev[0].islower() or between.strip():
            continue  # after a name, or after punctuation (a quote, a colon, a dash)
        if i >= 2 and prev in _NAME_LINKS and texts[i - 2][0].isupper():
            continue  # inside a name: "the Organization for Security"
        if i >= 3 and prev == "the" and texts[i - 2] == "of" and texts[i - 3][0].isupper():
            continue  # the end of a name: "the Album of the Year"
        if i + 1 < len(words):
            after = s.text[words[i].end() : words[i + 1].start()]
            if (texts[i + 1][0].isupper() or texts[i + 1].isdigit()) and not after.strip():
                continue  # part of a name: "the Carnegie Endowment", "under Article 50"
            linked = i + 2 < len(words) and texts[i + 1] in _NAME_LINKS
            if linked and texts[i + 2][0].isupper():
                continue  # "Security and Co-operation in Europe"
            if linked and texts[i + 1 : i + 3] == ["of", "the"] and i + 3 < len(words) and texts[i + 3][0].isupper():
                continue  # "named Man of the Match"
        found.append(words[i])
    return found


def capitalised_common_noun(s: Sentence) -> str | None:
    """A common noun capitalised mid-sentence (``these two Countries``), as translation
    from languages that capitalise nouns leaves it. Names, acronyms and titles are not
    in the list, and a word that runs into another capitalised word is part of a name.

    A noun right after ``the`` that the article writes capitalised again, and never in
    lower case, is the short name of an institution the article keeps to (``join the
    Coalition`` … ``critics of the Coalition``); so is a headline in title case.
    """
    for match in s.isolated_capitals:
        word = match.group()
        lower = word.lower()
        if lower not in common_nouns():
            continue
        if _after_the(s, match) and _kept_as_a_name(s.document, word):
            continue
        if _title_case(s):
            return None  # a headline: "A Long Road for a Village to Rebuild Its Homes"
        return f"capitalised common noun mid-sentence (`{word}`)"
    return None


def _title_case(s: Sentence) -> bool:
    """Whether every word but the function words starts with a capital (or a digit), as the
    words of a headline do, and there are at least four of them."""
    capitals = 0
    for text in (m.group() for m in s.tokens):
        if text.lower() in FUNCTION_WORDS or text.lower() in _MINOR_WORDS:
            continue
        if text[0].islower():
            return False
        capitals += text[0].isupper()
    return capitals >= 4


def _kept_as_a_name(document: str, word: str) -> bool:
    """Whether the article writes ``word`` (capitalised) as a word more than once, and its
    lower-case form never: the article's own name for something, not a slip."""
    return _word_count(document, word, 2) >= 2 and not _written_in_lower_case(document, word.lower())


_THE_BEFORE = re.compile(r"(?<![^\W_])the\s+$")


def _after_the(s: Sentence, match: re.Match[str]) -> bool:
    """Whether the word ``match`` comes right after ``the`` (in lower case) in its sentence."""
    return _THE_BEFORE.search(s.text, max(0, match.start() - 8), match.start()) is not None


_JOINERS = "’'-"  # the characters that join two runs of letters into one ``_WORD``


def _word_count(document: str, word: str, enough: int) -> int:
    """How many times ``word`` (itself one ``_WORD``) is a whole word of the document, counted
    up to ``enough``: the same answer as splitting the document into words gives, found with
    ``str.find`` instead (splitting the whole document costs far more than the few look-ups
    an article needs).

    An occurrence of ``word`` is a word of the document when no letter or digit touches it
    and no joiner followed by one (``_WORD`` would have run on across it).
    """
    n, size = len(word), len(document)
    count = 0
    i = document.find(word)
    while i >= 0 and count < enough:
        end = i + n
        if (
            (i == 0 or not document[i - 1].isalnum())
            and not (i >= 2 and document[i - 1] in _JOINERS and document[i - 2].isalnum())
            and (end == size or not document[end].isalnum())
            and not (end + 1 < size and document[end] in _JOINERS and document[end + 1].isalnum())
        ):
            count += 1
        i = document.find(word, i + 1)
    return count


def _written_in_lower_case(document: str, word: str) -> bool:
    """Whether ``word`` is a whole word of the document starting in lower case."""
    if not word[:1].islower() or _WORD.fullmatch(word) is None:
        return False
    return _word_count(document, word, 1) > 0


def capitalised_word_lower_elsewhere(s: Sentence) -> str | None:
    """A word capitalised mid-sentence that the same article writes in lower case elsewhere
    (weak on its own: ``the Fed`` / ``fed up``). A headline in title case is left alone."""
    for match in s.isolated_capitals:
        word = match.group()
        lower = word.lower()
        if lower in TITLES or lower in FUNCTION_WORDS or lower in common_nouns():
            continue
        if _written_in_lower_case(s.document, lower):
            if _title_case(s):
                return None  # a headline capitalises its words: "A Great Place to Live"
            return f"`{word}` capitalised here but lower-case elsewhere in the article"
    return None


_TITLE_WORDS = frozenset(t.capitalize() for t in TITLES)
_POSSESSIVE_RUN = re.compile(
    r"\b((?:[A-Z][\w-]*\s+)+[A-Z][\w-]*)[’']s\s+((?:[A-Z][\w’'-]*\s+){2,}[A-Z][\w’'-]*)"
)
# A place or a person of two words owning a name of three is English (``North Korea’s Kim
# Jong Un``, ``the European Commission’s Digital Markets Act``); a pile is longer.
_PILE = 6


def name_run_across_possessive(s: Sentence) -> str | None:
    """Names piled up across a possessive (``the Carnegie Moscow Center’s Adnkronos Temur
    Umarov``): word order lost in translation. A title after the possessive is fine
    (``China’s Foreign Minister Wang Yi``), and so is a headline in title case."""
    for match in _POSSESSIVE_RUN.finditer(s.text):
        owner, after = match.group(1).removeprefix("The ").split(), match.group(2).split()
        if len(owner) + len(after) < _PILE or any(w in _TITLE_WORDS for w in after):
            continue
        if _title_case(s):
            return None  # "South Africa’s Mining Giants Face New Power Cuts"
        return f"run of names across a possessive ({_quote(s.text, *match.span())})"
    return None


_ACRONYM_BEFORE = re.compile(r"\b([A-Z]{2,5})\s+$")
_LIST_GOES_ON = re.compile(r"\s*,\s*|\s+(?:and|or)\s+")


def acronym_before_country(s: Sentence) -> str | None:
    """An acronym run straight into a list of countries (``‘NATO Russia and China``): a
    word moved from its place (``fears of NATO expansion``).

    Before a country alone, an acronym names a part of something (``BBC Scotland``,
    ``the EU Ukraine summit``, ``HMS Ireland``); only a list that goes on with another
    country shows that the acronym stands outside it.
    """
    for match in _country_pattern().finditer(s.text):
        acronym = _ACRONYM_BEFORE.search(s.text, max(0, match.start() - 12), match.start())
        if not acronym or re.match(r"\s*[-–]", s.text[match.end() :]):
            continue
        if _another_country_follows(s.text, match.end()):
            return f"acronym run into a country name ({_quote(s.text, acronym.start(1), match.end())})"
    return None


def _another_country_follows(text: str, at: int) -> bool:
    """Whether ``text`` goes on at ``at`` with a comma, ``and`` or ``or``, and a country."""
    link = _LIST_GOES_ON.match(text, at)
    return link is not None and _country_pattern().match(text, link.end()) is not None


_FEMININE = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]*")


def country_as_she(s: Sentence) -> str | None:
    """``she``/``her`` whose nearest name is a country (``Russia did what she had to do``):
    English refers to a country as ``it``. ``she said`` is left alone, and so is a country
    that is not a subject: after a preposition (``Angela Merkel of Germany said she``,
    ``flew to Japan, where she``) or a verb's object (``After leaving Peru, she``), and a
    pronoun nearer to one of these than to any name (``“Italy is ready,” she said, adding
    that her``)."""
    countries = list(_country_pattern().finditer(s.text))
    if not countries:
        return None
    previous = -1  # where the last pronoun left alone ends
    for pronoun in _FEMININE.finditer(s.text):
        following = s.text[pronoun.end() :].split()
        if following and following[0].strip(",.;:") in _SPEECH_VERBS:
            previous = pronoun.end()
            continue
        names = [m for m in _CAPITALISED.finditer(s.text, 0, pronoun.start()) if m.start() > 0]
        names = [m for m in names if m.group() not in ("I",)]
        if not names:
            # the pronoun's nearest name is the sentence's first word
            names = list(_CAPITALISED.finditer(s.text, 0, pronoun.start()))[:1]
        if not names or names[-1].start() < previous:
            previous = pronoun.end()
            continue  # no name, or an earlier pronoun is nearer: the same person
        last = names[-1]
        country = next((c for c in countries if c.start() <= last.start() < c.end()), None)
        if country is None or _not_a_subject(s.text[: country.start()]):
            previous = pronoun.end()
            continue
        return f"`{pronoun.group()}` refers to a country ({_quote(s.text, country.start(), pronoun.end())})"
    return None


# Before a country that is not the subject of its clause: a preposition, or a verb in -ed
# or -ing whose object it is ("visited Japan", "After leaving Peru").
_BEFORE_AN_OBJECT = re.compile(
    r"(?:\b(?:of|from|in|to|at|into|for|across|through|via|near)|[a-z]{3,}(?:ed|ing))\s+(?:the\s+)?$"
)


def _not_a_subject(before: str) -> bool:
    """Whether a country after the text ``before`` is a preposition's or a verb's object."""
    return _BEFORE_AN_OBJECT.search(before) is not None


_PERSONAL = re.compile(r"\b(?:I|me|my|mine|we|us|our|ours|you|your|yours)\b")
_YOU_AT_END = re.compile(r"\byou\s*[.!?]?[”’\"')]*\s*[.!?]?\s*$")
# Someone reported on: a third-person pronoun, but the speaker of a quote ("he said").
_THIRD_PERSON = re.compile(
    r"\b(?:he|she|it|they|him|her|them|his|its|their)\b(?!\s+(?:said|says|added|told)\b)", re.IGNORECASE
)


def stray_second_person(s: Sentence) -> str | None:
    """A sentence that ends on ``you`` with no other first- or second-person word in it,
    in a report about someone else (``… Russia says it is ready … to negotiate with
    you”.``): no one in the sentence is spoken to, so ``you`` most likely stands for a
    mistranslated ``it`` or ``them``. A ``you`` in a sentence that names no third person
    is the reader, addressed in general (``The findings will surprise you.``), and a
    question (``who will stand up for you?``) is itself spoken to someone."""
    match = _YOU_AT_END.search(s.text)
    if not match or "?" in match.group() or len(_PERSONAL.findall(s.text)) > 1:
        return None
    if not _THIRD_PERSON.search(s.text, 0, match.start()):
        return None
    words = s.text[: match.end()].split()
    return f"`you` with no one spoken to (`{' '.join(words[-3:])}`)"


_BARE_WEEKDAY = re.compile(r"^(?:" + "|".join(WEEKDAYS) + r")\s+(?:in|at|during|after|before)\b")


# Verbs a day can be the subject of: "Monday in Paris was quiet", "Sunday saw crowds".
_DAY_VERBS = frozenset(
    """is was will would could may might has had saw sees brought brings marked marks began begins
    ended ends proved proves remains remained became becomes looked looks seemed seems""".split()
)
_CLAUSE_END_MARK = re.compile(r"[,;:.!?]")


def bare_weekday_start(s: Sentence) -> str | None:
    """A sentence that opens on a bare weekday and a preposition (``Thursday in Le Monde
    highlighted``): it has lost its ``On`` and a comma.

    A weekday may be the subject itself (``Monday in Paris was quiet``, ``Friday at noon
    is the deadline``): a verb a day can take, within a few words, shows it is one.
    """
    match = _BARE_WEEKDAY.match(s.text)
    if not match:
        return None
    clause = _CLAUSE_END_MARK.split(s.text[match.end() :], 1)[0]
    if any(word.lower() in _DAY_VERBS for word in _WORD.findall(clause)[:6]):
        return None
    return f"sentence opens on a bare weekday ({_quote(s.text, *match.span())})"


# --- broken sentence boundaries ----------------------------------------------------------

_ENDING = re.compile(r"([\w’'-]+)\s+([\w’'-]+)\s*[.!?][”’\"')]*\s*$")


def dangling_end(s: Sentence) -> str | None:
    """A sentence that ends on a transitive verb, a preposition or an article
    (``without having to support.``): its object has gone, often past a stray full stop.

    A preposition may end a question (``Where are you from?``), a clause that opens on a
    wh-word (``…, which it has kept away from.``), or follow its verb (``was never dealt
    with.``, ``hard to argue with.``): its object is that word, or the verb's subject. A
    capital is a letter, not an article (``hepatitis A.``)."""
    tail = s.text[-80:]
    match = _ENDING.search(tail)
    if not match:
        return None
    before, last = match.group(1).lower(), match.group(2).lower()
    if last in DANGLING_WORDS and match.group(2).islower():
        at = len(s.text) - len(tail) + match.start(2)
        if last in _PREPOSITIONS and _stranded(s.text[at:], s.text[:at]):
            return None
        return f"sentence ends on `{match.group(2)}`"
    if before == "to" and last in TRANSITIVE_VERBS:
        return f"sentence ends on a verb without its object (`to {match.group(2)}.`)"
    return None


_PREPOSITIONS = frozenset("of with from against between into towards toward".split())
_WH_WORDS = frozenset("which what whatever who whom whose where".split())
_CLAUSE_MARK = re.compile(r"[,;:–—()“”\"]")


def _stranded(end: str, before: str) -> bool:
    """Whether a preposition left at the end (``end``: it and the marks after it) has its
    object earlier: the sentence is a question, the clause before it (``before``, up to
    the last clause mark) holds a wh-word, or the preposition follows its verb."""
    if "?" in end:
        return True
    clause = _CLAUSE_MARK.split(before)[-1]
    words = [w.lower() for w in _WORD.findall(clause)]
    return any(w in _WH_WORDS for w in words) or _after_a_verb(words)


_MODALS = frozenset("to will would can could should may might must".split())
_BE_FORMS = frozenset("be am is are was were been being".split())


@lru_cache(maxsize=1)
def _irregular_forms() -> frozenset[str]:
    """The past forms of irregular verbs (``dealt``, ``thought``), from
    ``pipeline/data/irregular_verbs.txt``, but a form spelt as the base (``cut``) and ``be``'s."""
    forms = set()
    for line in _read_list("irregular_verbs.txt"):
        base, *others = line.lower().split()
        forms |= {form for form in others if form != base}
    return frozenset(forms - _BE_FORMS)


def _after_a_verb(words: list[str]) -> bool:
    """Whether ``words`` (those before a preposition) end on a participle (``dealt``,
    ``lived``) or a verb after ``to`` or a modal (``to argue``, ``must live``): a verb whose
    preposition a passive or a relative clause strands, not a noun (``the population of``)."""
    if not words:
        return False
    verb = words[-1]
    if verb in _irregular_forms() or (len(verb) >= 5 and verb.endswith("ed") and not verb.endswith("eed")):
        return True
    return len(words) >= 2 and words[-2] in _MODALS and verb not in FUNCTION_WORDS


_ENDS_WITH_NAME = re.compile(r"\b(?:with|and|to|from|as|by|like)\s+([A-Z][\w’'-]*)\.\s*$")
# A list opening on a determiner ("The US and Britain are") starts a sentence of its own.
_STARTS_WITH_NAME_LIST = re.compile(
    r"^(?!(?:The|A|An|This|These|Those|Both|All)\b)"
    r"([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s+(?:and|or)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)\s+"
    r"(?:are|were|is|was|have|has)\b"
)


def misplaced_break(s: Sentence) -> str | None:
    """A sentence ending ``… with Russia.`` and a next one opening on a list of names and a
    verb (``Iran and North Korea are trying``): the list most likely belonged to the first
    sentence, and the full stop is misplaced. A list that opens on a determiner (``The US
    and Britain are``) was written to start a sentence."""
    end = _ENDS_WITH_NAME.search(s.text)
    start = _STARTS_WITH_NAME_LIST.match(s.next) if s.next else None
    if not (end and start):
        return None
    return f"misplaced sentence break (`{s.text[end.start() :].strip()} {start.group(1)}`)"


# --- where each signal may fire, found in the whole document at once ------------------------
#
# A hint is a necessary condition: wherever a signal fires on a sentence, its hint matches
# inside that sentence (or a span overlapping it). Hints look only at the sentence's own
# characters, whatever stands around it (a sentence starts after white space and ends before
# it), and most start with a rare character that the regex engine skips to. A sentence that
# no hint points at, or only hints whose weights cannot add up to a flag, is never scored.


def _pattern_hint(pattern: str, flags: int = 0) -> Hint:
    compiled = re.compile(pattern, flags)

    def hint(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        return (m.span() for m in compiled.finditer(text))

    return hint


def _at_word_start(body: str, flags: int = 0) -> Callable[[str], Iterator[tuple[int, int]]]:
    """Where ``\\b(?:body)`` matches, ``body`` starting with a word character: found as
    ``body`` after a space, after any other character but an ASCII letter, digit or ``_``,
    or at the very start: three patterns that each start with a character (class) the regex
    engine skips ahead to, where a leading ``\\b`` makes it try every position."""
    patterns = [re.compile(rf" (?:{body})", flags), re.compile(rf"[^0-9A-Za-z_ ](?:{body})", flags)]
    first = re.compile(rf"(?:{body})", flags)

    def spans(text: str) -> Iterator[tuple[int, int]]:
        at_start = first.match(text)
        if at_start:
            yield at_start.span()
        for pattern in patterns:
            for m in pattern.finditer(text):
                yield m.start() + 1, m.end()

    return spans


@lru_cache(maxsize=2)
def _reversed(text: str) -> str:
    return text[::-1]


def _reversed_hint(pattern: str) -> Hint:
    """A hint matched on the reversed document (patterns written back to front), so that it
    can start with the punctuation that ends what it looks for."""
    compiled = re.compile(pattern)

    def hint(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        n = len(text)
        return ((n - m.end(), n - m.start()) for m in compiled.finditer(_reversed(text)))

    return hint


@lru_cache(maxsize=2)
def _lowered(text: str) -> str | None:
    """``text.lower()`` when it keeps every offset (no character lower-cases to two)."""
    low = text.lower()
    return low if len(low) == len(text) else None


def _folded(pattern: str) -> str:
    """``pattern`` (lower-case letters, and regex syntax other than ``\\s``/``\\S``) made
    to match, in lower-cased text, whatever ``re.IGNORECASE`` matches in the original: ``ı``
    and ``ſ`` are i and s to it, and lower-casing leaves them as they are."""
    return re.sub(r"(?<!\\)([is])", lambda m: "[iı]" if m.group(1) == "i" else "[sſ]", pattern)


def _word_hint(body: str) -> Hint:
    """Where ``\\b(?:body)`` matches ignoring case (``body`` in lower case, starting with a
    letter): in the lower-cased document, or, where lower-casing would move offsets, in the
    document itself."""
    lower = _at_word_start(_folded(body))
    original = _at_word_start(body, re.IGNORECASE)

    def hint(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        low = _lowered(text)
        return lower(low) if low is not None else original(text)

    return hint


def _repeat_hint(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences in which a three-word phrase (lower-cased) comes twice."""
    low = _lowered(text)
    found = []
    for start, end in spans:
        if low is not None:
            words = _WORD.findall(low, start, end)
        else:
            words = [w.lower() for w in _WORD.findall(text, start, end)]
        # fewer distinct three-word phrases than phrases (len(words) - 2 of them): one repeats
        if len(set(zip(words, words[1:], words[2:]))) < len(words) - 2:
            found.append((start, end))
    return found


_ENDS_WITH_NAME_REVERSED = re.compile(r"\.[\w’'-]*[A-Z]\s+(?:htiw|dna|ot|morf|sa|yb|ekil)\b")


def _misplaced_break_hint(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Sentences ending ``with Russia.`` (roughly) whose next sentence opens on a list of names."""
    n = len(text)
    starts = [a for a, _ in spans]
    for m in _ENDS_WITH_NAME_REVERSED.finditer(_reversed(text)):
        a, b = n - m.end(), n - m.start()
        i = bisect.bisect_right(starts, b - 1)  # the sentence after the one of the full stop
        if i < len(spans) and _STARTS_WITH_NAME_LIST.match(text[spans[i][0] : spans[i][1]]):
            yield a, b


@lru_cache(maxsize=1)
def _capitalised_nouns() -> re.Pattern[str]:
    """Common nouns with a capital, as whole words, white space before them and no capital
    after: the only words ``capitalised_common_noun`` can fire on (their first letter
    lower-cases to the noun's, so it is the capital or, for k, the Kelvin sign)."""
    forms = {noun[0].upper() + noun[1:] for noun in common_nouns()}
    forms |= {"\u212a" + noun[1:] for noun in common_nouns() if noun[0] == "k"}
    # The white space is matched, not looked behind at: a pattern that starts with ``\s`` (and
    # a class of the capitals the nouns start with) lets the regex engine skip ahead to
    # candidates, where a leading look-behind makes it try the trie at every position. A
    # match ends in a letter, so it never swallows the white space of the next one.
    capitals = re.escape("".join(sorted({form[0] for form in forms})))
    return re.compile(rf"\s(?=[{capitals}]){trie_regex(forms)}(?![^\W_]|[’'-][^\W_]|[^\S\n]+[A-Z])")


_WORD_BEHIND = re.compile(r"\s+[^\W_]+(?:[’'-][^\W_]+)*")  # on the reversed text: the word before


def _capitalised_common_noun_hint(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Capitalised common nouns right after a word that starts in lower case."""
    n = len(text)
    for m in _capitalised_nouns().finditer(text):
        start = m.start() + 1  # the noun, after the white space the pattern matched
        before = _WORD_BEHIND.match(_reversed(text), n - start)
        if before is not None and before.group()[-1].islower():
            yield start, m.end()


_DOUBLED_WORDS = _at_word_start(r"([a-z]++)\s+\1\b")  # the word must be all the letters before \s
_DOUBLED_DETERMINERS = _word_hint(r"(?:the|an?)\s+(?:its|their|his|our|my|your|the|an?|this|these|those)\b")

SIGNALS: tuple[Signal, ...] = (
    Signal("stray-full-stop", 1.0, stray_full_stop, hint=_pattern_hint(r"\.\s+[a-z]")),
    Signal("doubled-full-stop", 1.0, doubled_full_stop, hint=_pattern_hint(r"\.(?<=\s\.)")),
    Signal("opening-quote-closing", 1.0, opening_quote_closing, hint=_pattern_hint(r"[“‘](?=[\s.,;:!?]|\Z)")),
    Signal("space-before-closing-mark", 1.0, space_before_closing_mark, hint=_pattern_hint(r"[”,;.](?<=\s[”,;.])")),
    Signal("mixed-quote-marks", 1.0, mixed_quote_marks, hint=_pattern_hint(r"[‘“'’\"]['”’]")),
    Signal(
        "doubled-word", 1.0, doubled_word,
        hint=lambda text, spans: chain(_DOUBLED_WORDS(text), _DOUBLED_DETERMINERS(text, spans)),
    ),
    Signal("repeated-phrase", 1.0, repeated_phrase, hint=_repeat_hint),
    Signal("garbled-comparison", 1.0, garbled_comparison, hint=_pattern_hint(r"more\s+\w+\s+than\s")),
    Signal("double-negation", 1.0, double_negation, hint=_pattern_hint(r"nor|n(?:ot|ever)\s+n(?:ot|ever)")),
    Signal(
        "dangling-prefix", 1.0, dangling_prefix,
        hint=_reversed_hint(r"[.!?]\s*[\w’']+-(?i:itna|orp|non|oen|tsop|erp|xe)"),
    ),
    Signal(
        "broken-agreement", 1.0, broken_agreement,
        hint=_word_hint(
            r"(?:(?:he|she|it)\s+(?:have|are|were|don’t|don't)|(?:they|we|you)\s+(?:is|was|has|does|doesn’t|doesn't))\b"
        ),
    ),
    Signal(
        "broken-tense", 1.0, broken_tense,
        hint=_reversed_hint(r"neeb(?:\s+(?:ton|reven|t’n|t'n|osla|ydaerla|syawla))*\s+(?:si|era|saw|erew|ma)\b"),
    ),
    Signal("capitalised-common-noun", 1.0, capitalised_common_noun, hint=_capitalised_common_noun_hint),
    # No hint: at weight 0.5 it never flags a sentence alone, so it is asked only where another
    # signal may fire.
    Signal("capitalised-lower-elsewhere", 0.5, capitalised_word_lower_elsewhere),
    Signal(
        "name-run-across-possessive", 1.0, name_run_across_possessive,
        hint=_pattern_hint(r"[’']s\s+[A-Z][\w’'-]*\s+[A-Z][\w’'-]*\s+[A-Z]"),
    ),
    # [A-Z][A-Z], not [A-Z]{2}: a repeat at the start keeps the regex engine from skipping
    # ahead to capitals, and the scan costs twice as much.
    Signal("acronym-before-country", 1.0, acronym_before_country, hint=_pattern_hint(r"[A-Z][A-Z]\s+[A-Z]")),
    Signal("country-as-she", 1.0, country_as_she, hint=_word_hint(r"(?:she|her|hers|herself)\b")),
    Signal("stray-second-person", 1.0, stray_second_person, hint=_pattern_hint("you")),
    Signal(
        "bare-weekday-start", 1.0, bare_weekday_start,
        hint=_pattern_hint(r"(?:" + "|".join(WEEKDAYS) + r")\s+(?:in|at|during|after|before)"),
    ),
    Signal(
        "dangling-end", 1.0, dangling_end, joins_next=True,
        hint=_reversed_hint(r"[.!?]\s*(?i:" + trie_regex(w[::-1] for w in DANGLING_WORDS | TRANSITIVE_VERBS) + r")(?=\s)"),
    ),
    Signal("misplaced-break", 1.0, misplaced_break, joins_next=True, hint=_misplaced_break_hint),
)


def score_sentence(sentence: Sentence, signals: tuple[Signal, ...] = SIGNALS) -> tuple[float, tuple[str, ...], bool]:
    """(score, reasons, joins_next) of one sentence."""
    score = 0.0
    reasons: list[str] = []
    joins = False
    for signal in signals:
        reason = signal.function(sentence)
        if reason:
            score += signal.weight
            reasons.append(reason)
            joins = joins or signal.joins_next
    return score, tuple(reasons), joins


@lru_cache(maxsize=256)
def _asking_order(signals: tuple[Signal, ...]) -> tuple[tuple[Signal, float], ...]:
    """``signals`` with the ones asked everywhere (no hint: weak, and the costliest) last, each
    with the total weight of the signals after it."""
    order = sorted(signals, key=lambda signal: signal.hint is None)  # stable: otherwise in order
    return tuple((signal, sum(later.weight for later in order[k + 1 :])) for k, signal in enumerate(order))


def _score_if_over(
    sentence: Sentence, signals: tuple[Signal, ...], threshold: float
) -> tuple[float, tuple[str, ...], bool] | None:
    """``score_sentence(sentence, signals)`` when its score is over ``threshold``, else None.

    Stops asking as soon as the signals not yet asked could not lift the score over the
    threshold, so the weak signal asked everywhere (``capitalised-lower-elsewhere``, which
    scans the whole article) is asked only where a stronger one fired.
    """
    fired: dict[str, str] = {}
    so_far = 0.0
    for signal, left in _asking_order(signals):
        reason = signal.function(sentence)
        if reason:
            fired[signal.name] = reason
            so_far += signal.weight
        if so_far + left <= threshold:
            return None
    # score, reasons and joins exactly as score_sentence adds them up, in the signals' order
    score = 0.0
    reasons: list[str] = []
    joins = False
    for signal in signals:
        if signal.name in fired:
            score += signal.weight
            reasons.append(fired[signal.name])
            joins = joins or signal.joins_next
    return (score, tuple(reasons), joins) if score > threshold else None


def _signals_to_ask(
    text: str, spans: list[tuple[int, int]], signals: tuple[Signal, ...], threshold: float
) -> list[tuple[Signal, ...] | None]:
    """For each sentence, the signals (in order) whose hint points into it; None where their
    weights together could not score over ``threshold``."""
    starts = [a for a, _ in spans]
    masks = [0] * len(spans)
    for k, signal in enumerate(signals):
        bit = 1 << k
        if signal.hint is None:
            masks = [m | bit for m in masks]
            continue
        for a, b in signal.hint(text, spans):
            i = bisect.bisect_right(starts, a) - 1
            if i < 0 or spans[i][1] <= a:
                i += 1  # between sentences: the hint may overlap the next one
            b = max(b, a + 1)
            while i < len(spans) and spans[i][0] < b:
                masks[i] |= bit
                i += 1
    chosen: dict[int, tuple[Signal, ...] | None] = {}
    out = []
    for mask in masks:
        if mask not in chosen:
            asked = tuple(signal for k, signal in enumerate(signals) if mask >> k & 1)
            chosen[mask] = asked if sum(signal.weight for signal in asked) > threshold else None
        out.append(chosen[mask])
    return out


def flag_sentences(text: str, threshold: float = DEFAULT_THRESHOLD) -> list[Flag]:
    """The sentences of ``text`` that score over ``threshold``, with why, in text order.

    A sentence whose damage is the full stop after it is flagged together with the
    next sentence of the same paragraph; two flags that would overlap are merged.
    """
    spans = sentence_spans(text)
    asked = _signals_to_ask(text, spans, SIGNALS, threshold)
    flags: list[Flag] = []
    for i, (start, end) in enumerate(spans):
        signals = asked[i]
        if signals is None:
            continue  # no signal can fire: the score is 0, not over the threshold
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        same_paragraph = nxt is not None and "\n" not in text[end : nxt[0]]
        sentence = Sentence(text[start:end], start, end, text, text[nxt[0] : nxt[1]] if same_paragraph else "")
        scored = _score_if_over(sentence, signals, threshold)
        if scored is None:
            continue
        score, reasons, joins = scored
        if joins and same_paragraph:
            end = nxt[1]
        if flags and flags[-1].end > start:
            last = flags[-1]
            flags[-1] = Flag(last.start, max(last.end, end), last.score + score, last.reasons + reasons)
        else:
            flags.append(Flag(start, end, score, reasons))
    return flags
