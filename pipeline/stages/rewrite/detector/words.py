"""The word lists the detector's signals look words up in, each in a section of its own.

They are kept in one module, apart from the signals, so that a list can be read, extended
or moved into a shared lexicon without reading the code that uses it. The small lists are
written here; the long ones live in ``pipeline/data`` and are read once, on first use.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


def _read_list(name: str) -> list[str]:
    """The entries of ``pipeline/data/<name>``: one a line, ``#`` starting a comment."""
    text = resources.files("pipeline").joinpath("data", name).read_text(encoding="utf-8")
    return [e for e in (line.split("#", 1)[0].strip() for line in text.splitlines()) if e]


# --- function words ----------------------------------------------------------------------
# Words that never carry a phrase alone: a repeat made only of these is not a repeat.
FUNCTION_WORDS = frozenset(
    """a an the of to in on at by for from with as and or but nor not no is are was were be been
    being has have had do does did will would can could should may might must shall it its this
    that these those there their they them he him his she her we our us you your i me my
    which who whom whose what when where while than then so such very more most also all any
    some each other one two""".split()
)
# Short words a headline in title case leaves in lower case, beside the function words.
MINOR_WORDS = frozenset("into onto about against over under up off out via per vs yet".split())

# --- auxiliaries -------------------------------------------------------------------------
# Auxiliary verbs, in the order a pattern tries them (``nor … were not``).
AUXILIARIES = tuple("is are was were has have had do does did will would can could should may might must".split())
MODALS = frozenset("to will would can could should may might must".split())
BE_FORMS = frozenset("be am is are was were been being".split())
# Words after which a verb is not finite (``did he have``, ``if it were``).
NOT_FINITE_AFTER = frozenset(
    "do does did will would can could should may might must to let make if as though not".split()
)

# --- words that open a clause ------------------------------------------------------------
# Words after which ``it`` or ``you`` opens a clause, as its subject.
CLAUSE_OPENERS = frozenset("and but or so yet that because when while since although where".split())
# Words that open a clause of their own, which may be negative after ``nor``; in the order a
# pattern tries them.
SUBORDINATORS = tuple(
    "that which who if whether why how when where what because although though since unless until while".split()
)
WH_WORDS = frozenset("which what whatever who whom whose where".split())

# --- words a sentence cannot end on ------------------------------------------------------
# The prepositions among them: their object may stand earlier (``Where are you from?``).
PREPOSITIONS = frozenset("of with from against between into towards toward".split())
# A preposition, an article, a possessive, a conjunction.
DANGLING_WORDS = frozenset(
    "of with from against between into towards toward the a an its their our my your and or nor than".split()
)

# --- verbs -------------------------------------------------------------------------------
# Verbs that cannot end a sentence: "without having to support." has lost its object.
TRANSITIVE_VERBS = frozenset(
    """support supply provide ensure include obtain achieve address discuss prevent protect reach
    undermine mention describe tackle safeguard encourage urge persuade convince force""".split()
)
SPEECH_VERBS = frozenset("said says told added noted wrote argued stated explained replied asked".split())
# Verbs a day can be the subject of: "Monday in Paris was quiet", "Sunday saw crowds".
DAY_VERBS = frozenset(
    """is was will would could may might has had saw sees brought brings marked marks began begins
    ended ends proved proves remains remained became becomes looked looks seemed seems""".split()
)


@lru_cache(maxsize=1)
def irregular_past_forms() -> frozenset[str]:
    """The past forms of irregular verbs (``dealt``, ``thought``), from
    ``pipeline/data/irregular_verbs.txt``, but a form spelt as the base (``cut``) and ``be``'s."""
    forms = set()
    for line in _read_list("irregular_verbs.txt"):
        base, *others = line.lower().split()
        forms |= {form for form in others if form != base}
    return frozenset(forms - BE_FORMS)


# --- adjectives --------------------------------------------------------------------------
# Comparatives in -er that ``more`` cannot go with: "more higher than" says it twice.
COMPARATIVES = frozenset(
    """higher lower bigger smaller larger greater stronger weaker better worse faster slower
    cheaper richer poorer older younger longer shorter easier harder heavier wider narrower
    deeper safer closer wealthier happier earlier tougher riskier busier newer warmer colder
    hotter""".split()
)
# Prefixes that make an adjective of a name (``pro-Russian``), in the order a pattern tries them.
PREFIXES = ("anti", "pro", "non", "neo", "post", "pre", "ex")

# --- repeats English makes on purpose ----------------------------------------------------
_REDUPLICATIONS = frozenset("had that is do does did very really so no yes now there well".split())


@lru_cache(maxsize=1)
def reduplications() -> frozenset[str]:
    """Words English doubles on purpose: ours plus the punctuation stage's list, when present."""
    try:
        shared = {w.lower() for w in _read_list("reduplications.txt")}
    except (FileNotFoundError, OSError):
        shared = set()
    return _REDUPLICATIONS | shared


# --- names, titles and days --------------------------------------------------------------
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
# Lower-case words that link the words of one name: "the Organization for Security".
NAME_LINKS = frozenset("of for and on in at the de du la del".split())
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@lru_cache(maxsize=1)
def country_names() -> tuple[str, ...]:
    """Country names, from ``pipeline/data/countries.txt``."""
    return tuple(_read_list("countries.txt"))


# --- common nouns ------------------------------------------------------------------------


def _plurals(noun: str) -> tuple[str, ...]:
    """``noun`` and its plural."""
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
