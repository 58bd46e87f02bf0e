"""Function words: determiners, pronouns, prepositions, conjunctions, auxiliaries, particles,
and the words that start a sentence. Lower case; see ``pipeline.core.lexicon``."""

from __future__ import annotations

# --- the function words as a whole ---------------------------------------------------------
# Words that never carry a phrase alone (the detector: a repeat made only of these is not a
# repeat, a capitalised one is no name; the rewrite guards: not a name).
FUNCTION_WORDS = frozenset(
    """a an the of to in on at by for from with as and or but nor not no is are was were be been
    being has have had do does did will would can could should may might must shall it its this
    that these those there their they them he him his she her we our us you your i me my
    which who whom whose what when where while than then so such very more most also all any
    some each other one two""".split()
)
# English's closed classes, for drop-doubled-word: no name spells one of these, and no sentence
# starts with one twice on purpose ("The the government" is damage where "Will will", a name
# then a verb, is not). Unlike FUNCTION_WORDS it leaves out the words that are names or months
# too (Will, May, Mark, June), "that", and "no", "so" and "now", doubled on purpose in speech
# ("No no I didn't", "So so much", "Now now"); it has the prepositions and sentence adverbs
# that FUNCTION_WORDS has not.
CLOSED_CLASS = frozenset(
    # articles, determiners, quantifiers
    "a an the this these those all any both each every few many most much none some several "
    "such other another either neither "
    # pronouns
    "it its he she we they i you me him her us them his our their my your who whom whose which what "
    # conjunctions, wh-words and subordinators
    "and but or nor yet if when where why how whether while because although though unless whereas "
    "once since until "
    # prepositions
    "in on at of to for from with by as about into after before under over above according among "
    "across against along amid around behind below beneath beside besides between beyond despite "
    "during except inside near onto outside past through throughout toward towards upon via within without "
    # adverbs that open sentences, and the negation
    "there here then thus also however meanwhile moreover still not "
    # forms of be and have
    "is are was were has have".split()
)
# Short words a headline in title case leaves in lower case, beside the function words (the
# detector's capital signals).
MINOR_WORDS = frozenset("into onto about against over under up off out via per vs yet".split())

# --- determiners -----------------------------------------------------------------------------
# Determiners between a verb and its particle ("let the dog in": drop-doubled-word's phrasal verbs).
DETERMINERS = frozenset("the a an this that these those his her its our their my your".split())

# --- pronouns --------------------------------------------------------------------------------
# Each set is what its reader asks about, so they overlap and differ: a verb's object, a
# woman (for a country called "she"), who speaks or is spoken to, who is spoken of.
# Objects between a verb and its particle, pronouns and indefinites ("let her in": drop-doubled-word).
OBJECT_PRONOUNS = frozenset("it him her them me us you this that these those everything something anything".split())
# The feminine pronouns: a country called "she" (fix-pronoun-for-it-entity; the detector's
# country_as_she, in this order in its regex).
FEMININE_PRONOUNS = ("she", "her", "hers", "herself")
# First and second person: someone in the sentence speaks or is spoken to (the detector's
# stray_second_person, in this order in its regex; "I" capitalised).
FIRST_AND_SECOND_PERSON = ("I", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours")
# Third person: someone is reported on (stray_second_person, in this order in its regex).
THIRD_PERSON = ("he", "she", "it", "they", "him", "her", "them", "his", "its", "their")

# --- prepositions and words a sentence cannot end on ----------------------------------------
# Prepositions whose object may stand earlier (``Where are you from?``): a sentence may end on
# them (the detector's dangling_end).
PREPOSITIONS = frozenset("of with from against between into towards toward".split())
# Words a sentence cannot end on (dangling_end): those prepositions, an article, a possessive,
# a conjunction.
DANGLING_WORDS = PREPOSITIONS | frozenset("the a an its their our my your and or nor than".split())

# --- conjunctions and wh-words ---------------------------------------------------------------
# Words after which ``it`` or ``you`` opens a clause, as its subject (the detector's broken_agreement).
CLAUSE_OPENERS = frozenset("and but or so yet that because when while since although where".split())
# Words that open a clause of their own, which may be negative after ``nor`` (double_negation,
# in the order its pattern tries them).
SUBORDINATORS = tuple(
    "that which who if whether why how when where what because although though since unless until while".split()
)
# Wh-words: in the clause before a final preposition, one holds its object (dangling_end).
WH_WORDS = frozenset("which what whatever who whom whose where".split())

# --- auxiliaries -----------------------------------------------------------------------------
# Auxiliary verbs (double_negation: ``nor … were not``, in the order its pattern tries them).
AUXILIARIES = tuple("is are was were has have had do does did will would can could should may might must".split())
# Modals and "to": the word after one is a verb, which may strand a preposition ("to argue
# with", "must live with": dangling_end).
MODALS = frozenset("to will would can could should may might must".split())
# The forms of "be" (irregular_past_forms leaves them out).
BE_FORMS = frozenset("be am is are was were been being".split())
# Words after which a verb is not finite (``did he have``, ``if it were``: the detector's
# broken_agreement).
NOT_FINITE_AFTER = frozenset(
    "do does did will would can could should may might must to let make if as though not".split()
)

# --- particles -------------------------------------------------------------------------------
# The particles of phrasal verbs (drop-doubled-word: "gave in in the end" doubles one on purpose,
# "based on on" by mistake; pipeline/data/phrasal_verbs.txt pairs verbs with them), and the
# prepositions a verb's phrase may leave last, stranded ("the moment I have been waiting for for
# years", "what they argued about about an hour ago").
PARTICLES = frozenset("on in out up off over down for about at with".split())

# --- words after "her" -----------------------------------------------------------------------
# Words after "her" that show it is an object ("told her to"), not a possessive ("her right"):
# prepositions, conjunctions, articles, auxiliaries, adverbs (fix-pronoun-for-it-entity: "its" or "it").
NOT_NOUNS = frozenset(
    """to and or but nor with for from in on at by of as that than the a an again too now back up down out off
    over so when if because while into about after before since until against is was will would could should
    has had have can may might must also then there here this these those""".split()
)

# --- words that start a sentence ---------------------------------------------------------------
# Words that usually start a sentence: after "U.S." or "Inc." they mark a sentence break (the
# sentence splitter); the rewrite guards do not count one, capitalised, as a name.
# pipeline.core.lexicon.names has the capitalised openers that are no name (OPENERS, NOT_NAMES).
SENTENCE_STARTERS = frozenset(
    """the a an it its he she they we i this that these those there but and however in on at
    for after before when while if as his her their our my so yet still meanwhile also some
    many most no none one two three what who why how where""".split()
)
