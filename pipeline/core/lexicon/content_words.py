"""Content words: verbs (speech and reporting verbs, irregular and phrasal verbs), nouns,
adjectives, and the words English doubles on purpose. Lower case; see ``pipeline.core.lexicon``."""

from __future__ import annotations

from functools import lru_cache

from pipeline.core.lexicon import lower_case_list, word_list
from pipeline.core.lexicon.function_words import BE_FORMS

# --- verbs of saying -------------------------------------------------------------------------
# Two lists, for two questions. SPEECH_VERBS: does the word after a pronoun make it the speaker
# of a quote ("she said": the detector's country_as_she leaves that "she" alone)? Eleven common
# forms. REPORTING_VERBS: does a speech tag follow a quote mark or a name ("the mayor said",
# "he added", "the statement reads": the quote rules; fix-pronoun-for-it-entity's "she said")?
# Those eleven and fifty more, present and past, verbs of thinking and "according", in the
# order of the regex they make. Each list stays as its reader was tuned on it.
SPEECH_VERBS = frozenset("said says told added noted wrote argued stated explained replied asked".split())
REPORTING_VERBS = tuple(
    """says said adds added argues argued notes noted highlights highlighted concludes concluded
    explains explained continues continued stresses stressed points pointed insists insisted told
    tells writes wrote reads recalls recalled warns warned believes thinks thought asks asked replies
    replied observes observed emphasises emphasizes emphasised emphasized underlines underlined claims
    claimed recounts recounted states stated declares declared announces announced reports reported
    quotes quoted according""".split()
)

# --- other verbs -----------------------------------------------------------------------------
# Verbs that cannot end a sentence: "without having to support." has lost its object (the
# detector's dangling_end).
TRANSITIVE_VERBS = frozenset(
    """support supply provide ensure include obtain achieve address discuss prevent protect reach
    undermine mention describe tackle safeguard encourage urge persuade convince force""".split()
)
# Verbs a day can be the subject of: "Monday in Paris was quiet", "Sunday saw crowds" (the
# detector's bare_weekday_start).
DAY_VERBS = frozenset(
    """is was will would could may might has had saw sees brought brings marked marks began begins
    ended ends proved proves remains remained became becomes looked looks seemed seems""".split()
)


@lru_cache(maxsize=1)
def irregular_verbs() -> dict[str, tuple[str, ...]]:
    """Each irregular verb's base form and its other forms (``give`` → ``gave``, ``given``),
    from ``pipeline/data/irregular_verbs.txt`` (drop-doubled-word's phrasal verbs, the detector)."""
    return {base: tuple(others) for base, *others in (line.lower().split() for line in word_list("irregular_verbs.txt"))}


@lru_cache(maxsize=1)
def irregular_past_forms() -> frozenset[str]:
    """The past forms of irregular verbs (``dealt``, ``thought``), but a form spelt as the base
    (``cut``) and ``be``'s (the detector's broken_tense)."""
    forms = {form for base, others in irregular_verbs().items() for form in others if form != base}
    return frozenset(forms - BE_FORMS)


@lru_cache(maxsize=1)
def phrasal_verbs() -> tuple[tuple[str, str], ...]:
    """``(verb, particle)``: the verbs that make a phrase ending in a particle (``give in``),
    from ``pipeline/data/phrasal_verbs.txt`` (drop-doubled-word)."""
    return tuple((verb, particle) for verb, particle in (line.lower().split() for line in word_list("phrasal_verbs.txt")))


# --- nouns -----------------------------------------------------------------------------------
# Nouns a person has and a country or organisation does not: a role, an office, kin, a body, a
# life ("Brazil blocked her nomination": hers is a diplomat's). "her"/"his" before one of them
# belongs to a person, whatever subject comes before (fix-pronoun-for-it-entity).
PERSONAL_NOUNS = frozenset(
    """nomination candidacy candidature appointment election reelection re-election resignation dismissal
    retirement inauguration swearing-in term tenure mandate predecessor successor deputy aide aides adviser
    advisers advisor advisors spokesman spokeswoman spokesperson assistant secretary staff bodyguard bodyguards
    husband wife son sons daughter daughters mother father parents brother brothers sister sisters child
    children family grandchildren grandson granddaughter uncle aunt cousin nephew niece fiance fiancee partner
    boyfriend girlfriend friend friends colleague colleagues boss lawyer lawyers doctor doctors biography
    memoir memoirs autobiography diary birthday age life death funeral grave body face head hair eyes hands
    hand voice health illness career job post office desk salary pension campaign presidency premiership
    chairmanship ministry speech speeches remarks interview visit trip arrival departure wedding marriage
    divorce name surname nickname home house apartment flat car book books novel film songs album own
    """.split()
)


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
    """Common nouns that machine translation capitalises mid-sentence, and their plurals, from
    ``pipeline/data/common_nouns.txt`` (the detector's capital signals; the rewrite guards do
    not count one as a name)."""
    return frozenset(form for noun in word_list("common_nouns.txt") for form in _plurals(noun.lower()))


# --- adjectives ------------------------------------------------------------------------------
# Comparatives in -er that ``more`` cannot go with: "more higher than" says it twice (the
# detector's garbled_comparison).
COMPARATIVES = frozenset(
    """higher lower bigger smaller larger greater stronger weaker better worse faster slower
    cheaper richer poorer older younger longer shorter easier harder heavier wider narrower
    deeper safer closer wealthier happier earlier tougher riskier busier newer warmer colder
    hotter""".split()
)
# Prefixes that make an adjective of a name (``pro-Russian``: the detector's dangling_prefix,
# in the order its pattern tries them).
PREFIXES = ("anti", "pro", "non", "neo", "post", "pre", "ex")


# --- repeats English makes on purpose -------------------------------------------------------
@lru_cache(maxsize=1)
def reduplications() -> frozenset[str]:
    """Words English doubles on purpose ("had had", "very very"), from
    ``pipeline/data/reduplications.txt`` (drop-doubled-word, the detector's doubled_word)."""
    return lower_case_list("reduplications.txt")
