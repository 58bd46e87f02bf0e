"""The tunable numbers, named in one place, each with what it trades off.

Changing one changes what the pipeline proposes, flags or shows: each is covered by tests
that say why it has its value, and ``benchmarks/quality.py`` measures the effect.
"""

from __future__ import annotations

# --- rules and their fixpoint (core.rules) -----------------------------------------------------

# One rule's edit can make work for a rule that ran before it (dropping "a" from "the a the"
# leaves "the the"), so the rules run again over what they left until a round finds nothing:
# cleaning the cleaned text then finds nothing either. Rules that undid each other would never
# settle, so the rounds are capped.
MAX_ROUNDS = 4

# --- reading articles (inputs.article) ----------------------------------------------------------

# An article longer than this (in characters) is proposed in pieces of about this length, cut at
# paragraph breaks (engine.pieces): the stages then cost time and memory in proportion to the
# article, at the price of evidence more than a piece away (the corpus name index still has it).
# News articles run to 10,000-50,000 characters: none is cut.
PIECE_CHARS = 200_000

WESTERN_SHARE = 0.5  # at most this share of non-ASCII bytes for "mostly ASCII"

# --- encoding stage -------------------------------------------------------------------------------

MAX_LINE = 2000  # a longer line is repaired piecewise, around each suspicious place
REACH = 200  # how much of a long line ftfy sees on each side of a suspicious place

# --- punctuation stage ----------------------------------------------------------------------------

LONGEST_TOKEN = 100  # a longer run without a space is not prose
# A word this common, doubled, is a slip even where a name repeats it ("The The", "Talk Talk").
COMMON_ZIPF = 3.0
# A headline or credit after a prefix has at most this many words: headlines run to 15 or so,
# credits to a few; a paragraph of prose that happens to start with a prefix runs past it.
MAX_TAIL_WORDS = 20

# --- names stage -----------------------------------------------------------------------------------

PROPOSE_AT = 2  # the weight of evidence (names.weighing.weigh) at which a respelling is proposed
# Other articles alone are strong evidence for a spelling only when they write the other
# spelling of the same name in at least STRONG_ARTICLES other articles, and in STRONG_RATIO times as
# many articles as the spelling weighed. One other article, or a few against as many, is
# what a rare right spelling (a Belarusian transliteration beside the commoner Russian one)
# meets as often as a misspelling does.
STRONG_ARTICLES = 3
STRONG_RATIO = 3
# A word the word list barely knows (``Toyko``, zipf 1.4) beside one it knows far better
# (``Tokyo``, 4.6) is a misspelling that made it into the list, where the article writes the
# commoner one more often: the two are not "both known names".
RARE_ZIPF = 1.5
COMMONER_BY = 2.5
BUCKET_LIMIT = 200  # a context holding more distinct tokens than this says nothing about a name

# --- garble detector and rewrites -----------------------------------------------------------------

DEFAULT_THRESHOLD = 0.75  # a sentence is flagged when its signals' weights add up to more
# A place or a person of two words owning a name of three is English (``North Korea’s Kim
# Jong Un``, ``the European Commission’s Digital Markets Act``); a pile is longer.
NAME_PILE = 6
MAX_LENGTH_CHANGE = 0.4  # a rewrite may be at most 40% shorter or longer, in characters

# --- what OUT holds ---------------------------------------------------------------------------------

DIFF_CONTEXT = 3  # unchanged lines around each hunk of a diff, as `diff -u` writes
KEY_CONTEXT_CHARS = 30  # characters either side of an edit that identify it across re-runs

# --- speed and memory -------------------------------------------------------------------------------

PARALLEL_INDEX_FROM = 200  # below this many articles a second process costs more than it saves
# How many paragraphs' quote scans are kept: a few articles' worth. Kept across a whole corpus,
# the paragraphs would be most of the memory of a run (and it would grow with the corpus).
QUOTE_SCANS_KEPT = 2_000

# --- what a person sees -----------------------------------------------------------------------------

# How far to look for a sentence boundary on either side of an edit; a "sentence" longer than
# this (a paragraph without punctuation, a minified blob) is cut at a space instead.
CONTEXT_WINDOW = 400
PROGRESS_DELAY_S = 1.0  # a run shorter than this shows no progress line
