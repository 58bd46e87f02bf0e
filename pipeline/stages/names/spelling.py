"""Two spellings of a name: how far apart they are, whether they are two forms of one word
instead, and what the word list and the shape of a word say of it.

``candidates_among`` finds the words near enough to a token to be a spelling of it
(``max_edits``); ``different_forms`` tells two forms of a word (``Russia``, ``Russian``) from
two spellings; ``zipf`` (wordfreq's English list) and ``shape_problem`` are evidence for a
spelling that ``pipeline.stages.names.weighing`` weighs.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from typing import Iterable, Iterator, Mapping, Sequence

from pipeline.core.lexicon.names import STOP
from pipeline.core.strings import distance


def max_edits(a: str, b: str) -> int:
    """Edits allowed between two name tokens: one for short names, two from six letters."""
    return 1 if min(len(a), len(b)) <= 5 else 2


def eligible(token: str) -> bool:
    """Tokens worth checking for variants: three letters or more, not an acronym or a
    hyphenated compound, not a function word or title."""
    return len(token) >= 3 and not token.isupper() and "-" not in token and token not in STOP


# --- two forms of a word, not two spellings of it ------------------------------

# Endings that transliterations of one name vary in: Zelensky, Zelenskyy, Zelenskyi, Zelenskiy, Zelenskij.
_Y_ENDING = re.compile(r"(?:[iy]{1,2}|[iy]j)$")


def _without_diacritics(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def endings_of_one_name(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ only in an ending that transliterations of one name
    vary in: ``Zelensky``, ``Zelenskyy``, ``Zelenskyi``, ``Zelenskiy``."""
    stem_a, stem_b = _Y_ENDING.sub("", a), _Y_ENDING.sub("", b)
    return stem_a == stem_b and stem_a != a and stem_b != b


@functools.lru_cache(maxsize=1 << 14)
def different_forms(a: str, b: str) -> str | None:
    """Why ``a`` and ``b`` are two words, or two right forms of one, rather than two
    spellings of one name (in words for an edit's reason); None where they may be spellings.

    - one is the other with an ending, an inflection or a derivation: ``Oblast`` and
      ``Oblastis``, ``Russia`` and ``Russian``, ``Transylvania`` and ``Transilvanian`` (the
      longer, cut to the length of the shorter, is closer to it than the whole is);
    - they differ in the last letter alone: ``Zelenska`` and ``Zelensky`` (a woman and a
      man), ``Oblasti`` and ``Oblasts``;
    - they differ in diacritics alone: ``Lemaître`` and ``Lemaitre`` (both are written);
    - one has more capitals inside than the other: ``MinisterIn`` (two words run
      together) and ``Ministers``;
    but the endings transliterations of one name vary in (``Zelensky``, ``Zelenskyy``,
    ``Zelenskyi``, ``Zelenskiy``) make spellings of one name.
    """
    if _without_diacritics(a) == _without_diacritics(b):
        return f"“{a}” and “{b}” differ in diacritics alone"
    if [c.isupper() for c in a[1:]].count(True) != [c.isupper() for c in b[1:]].count(True):
        return f"“{a}” and “{b}” have capitals inside in different numbers (words run together)"
    if endings_of_one_name(a, b):
        return None
    if len(a) == len(b):
        return f"“{a}” and “{b}” differ in their ending" if a[:-1] == b[:-1] else None
    short, long = (a, b) if len(a) < len(b) else (b, a)
    apart = distance(long, short, 3)
    if apart <= 3 and distance(long[: len(short)], short, 3) < apart:
        return f"“{long}” is “{short}” with an ending (another form of the word)"
    return None


# --- the word list -------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _frequencies() -> Mapping[str, float] | None:
    """wordfreq's large English list (321,000 words, ~30 MB), loaded once per process on
    first use; None where wordfreq is not installed (the word list then gives no evidence)."""
    packed = _read_word_list()
    if packed is not None:
        return packed
    try:
        from wordfreq import get_frequency_dict
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return None
    return get_frequency_dict("en", "large")


def _read_word_list() -> dict[str, float] | None:
    """wordfreq's large English list read from its data file as ``get_frequency_dict`` reads
    it (the same words, the same frequencies), without importing wordfreq (its imports, a
    regex engine and language tags, cost more than reading the list); None where the file or
    msgpack is not there, and wordfreq reads it."""
    import gzip
    import importlib.util
    from pathlib import Path

    try:
        import msgpack

        spec = importlib.util.find_spec("wordfreq")
        if spec is None or not spec.submodule_search_locations:
            return None
        data_file = Path(next(iter(spec.submodule_search_locations))) / "data" / "large_en.msgpack.gz"
        with gzip.open(data_file, "rb") as handle:
            data = msgpack.load(handle, raw=False)
    except (ImportError, OSError, ValueError):
        return None
    header = data[0] if data else None
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        return None
    # Bucket i holds the words at -i centibels (frequency: wordfreq's cB_to_freq(-i)); a word
    # in two buckets takes the later one's. One dict built from two chained iterators: this
    # load is most of the names stage's start-up, and inserting each word once is the least.
    buckets = data[1:]
    values = (itertools.repeat(10 ** (-index / 100), len(bucket)) for index, bucket in enumerate(buckets))
    return dict(zip(itertools.chain.from_iterable(buckets), itertools.chain.from_iterable(values)))


def zipf(word: str) -> float | None:
    """The word's Zipf frequency in English (0 when unlisted), or None without a word list."""
    frequencies = _frequencies()
    if frequencies is None:
        return None
    freq = frequencies.get(unicodedata.normalize("NFC", word.casefold()), 0.0)
    return round(math.log10(freq) + 9, 2) if freq else 0.0


# --- the shape of a name -------------------------------------------------------

_VOWELS = frozenset("aeiouy")
# Initial consonant clusters that names (English, and the usual transliterations) start with.
_ONSETS = frozenset(
    """bh bl br bj by ch chl chr cl cr cz dh dj dl dm dr dw dz dzh fj fl fr gb gd gh gl gn gr gw gy
    hj hl hr hv hw jh kh khl khr khv kj kl km kn kr ks kv kw ky lh lj ll lv mb mc mh mk ml mn mr ms
    mst mt mw my nd ng nh nj nk nt ny nz ph phl phr pl pn pr ps psh pskh pt pf py rh sb sc sch schl
    schm schn schr schw scr sd sf sg sh shch shl shm shn shr shv sk skr sl sm sn sp sph spl spr sr
    st str sv sw sz szcz tb th thr tk tl tr ts tsch tsh tskh tv tw ty tz vl vr vs vz wh wl wr x zb
    zd zg zh zl zm zn zr zv zw""".split()
)


def _letters(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if c.isalpha())


@functools.lru_cache(maxsize=1 << 14)
def shape_problem(word: str) -> str | None:
    """Why ``word`` is an implausible name ("has no vowel", "starts with 'tm'"), or None."""
    letters = _letters(word)
    first_vowel = next((i for i, c in enumerate(letters) if c in _VOWELS), None)
    if first_vowel is None:
        return "has no vowel"
    onset = letters[:first_vowel]
    if len(onset) > 1 and onset not in _ONSETS:
        return f"starts with “{onset}”, which names do not"
    return None


# --- spellings near a token ----------------------------------------------------


def candidates_among(token: str, spellings: Sequence[tuple[str, int, frozenset]]) -> Iterator[tuple[str, int]]:
    """The words of ``spellings`` (a ``spelling_list``, or ``eligible_spellings``) within the
    allowed edits of ``token`` (``max_edits``), with their distance: the cheap tests of
    ``distance`` first, on lengths and letter sets known ahead."""
    size, letters = len(token), frozenset(token)
    for other, other_size, other_letters in spellings:
        if other == token or abs(other_size - size) > 2:
            continue
        limit = 1 if size <= 5 or other_size <= 5 else 2  # max_edits(token, other), inline: called for every pair
        if len(letters ^ other_letters) > 2 * limit:
            continue  # as distance() finds
        d = _distance(token, other, limit)
        if d <= limit:
            yield other, d


@functools.lru_cache(maxsize=1 << 14)
def _distance(a: str, b: str, limit: int) -> int:
    return distance(a, b, limit)  # the same two spellings meet in article after article


def spelling_candidates(token: str, bucket: Mapping[str, int]) -> Iterator[tuple[str, int]]:
    """Tokens of ``bucket`` within the allowed edits of ``token`` (``max_edits``), with their distance."""
    return candidates_among(token, eligible_spellings(bucket))


def spelling_list(words: Iterable[str]) -> list[tuple[str, int, frozenset]]:
    """``words`` as ``candidates_among`` takes them: each with its length and set of letters."""
    return [_spelling(t) for t in words]


@functools.lru_cache(maxsize=1 << 16)
def _spelling(word: str) -> tuple[str, int, frozenset]:
    return word, len(word), frozenset(word)  # names recur from article to article


def eligible_spellings(bucket: Iterable[str]) -> list[tuple[str, int, frozenset]]:
    """The ``eligible`` tokens of a bucket, in order, as ``candidates_among`` takes them."""
    return [(t, len(t), frozenset(t)) for t in bucket if eligible(t)]
