"""What names are made of and what stands beside them: titles, the capitalised words that are no
name, name particles, countries and their peoples, weekdays and months, abbreviations.
See ``pipeline.core.lexicon``."""

from __future__ import annotations

from functools import lru_cache

from pipeline.core.lexicon import lower_case_list, word_list

# --- days and months -------------------------------------------------------------------------
# Capitalised, in calendar order (the detector's bare_weekday_start; the rewrite guards' dates).
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)
# Months as news abbreviates them ("Sept" and "Sep"), and the days named from today (the
# rewrite guards: a rewrite may not lose or add a date).
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
RELATIVE_DAYS = ("today", "yesterday", "tomorrow")

# --- titles ----------------------------------------------------------------------------------
# Three lists, for three questions. TITLES (lower case): a capitalised word that names an office
# or an institution on its own, never "a common noun" (the detector), so it holds "court",
# "bank", "street". PERSON_TITLES (capitalised): a title that "the" may come before and that
# stands for a person ("the President", "the Pope": fix-pronoun-for-it-entity, in the order of
# its regex). The titles in STOP (below) are those that open a name without being part of it
# ("President Putin": the names stage).
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
PERSON_TITLES = tuple(
    """President Prime Premier Chancellor Minister Secretary Pope Queen King Prince Princess Emperor
    Empress Duke Duchess Ambassador Governor Mayor Senator General Admiral Speaker Chairman Chairwoman
    Chief Director Lady Lord Dalai Patriarch Archbishop Bishop Sheikh Emir Sultan Shah Tsar Czar""".split()
)

# --- capitalised words that are no name ------------------------------------------------------
# Three lists, each beside another that its reader checks as well. STOP: capitalised function
# words, titles, weekdays and months (but March and May, which are names and words too): not
# names, not evidence of one's context (the names stage; the referents stage drops them
# before a name). OPENERS: sentence-initial adverbs, prepositions and participles, beyond STOP
# (fix-pronoun-for-it-entity: not a mention). NOT_NAMES (lower case): words that open sentences
# and clauses, beyond FUNCTION_WORDS and SENTENCE_STARTERS (the rewrite guards: capitalised,
# still not names).
STOP = (
    frozenset(
        """A An And As At But By For From He Her His How I If In Is It Its Mr Mrs Ms Dr Prof Of On Or
        She So That The Their There These They This Those To We What When Where Which While Who Why
        With You Yet After Before Since Although Though However Moreover Meanwhile Also Then Thus
        Today Yesterday Tomorrow Now Here Many Some Several Most All No Not Our My Your Every Each
        President Prime Minister Chancellor King Queen Prince Princess Pope Premier Secretary Senator
        Governor Mayor Judge Sir Lord Lady""".split()
    )
    | frozenset(WEEKDAYS)
    | (frozenset(MONTHS) - {"March", "May"})
)
OPENERS = frozenset(
    """Therefore Furthermore Indeed Still Instead Otherwise Nevertheless Nonetheless Overall Finally First
    Second Third Later Earlier Recently Previously Last Next Both Neither Either Such Other Another Only Even
    Just Despite During Under Over Through Against Among Between Without Within Unlike Like Given According
    Asked Speaking Following Faced Regarding Besides Hence Consequently Currently Already Again Perhaps
    Probably Certainly Clearly Obviously Apparently Unfortunately Fortunately""".split()
)
NOT_NAMES = frozenset(
    """however although though despite whereas since because during therefore moreover meanwhile
    nevertheless nonetheless instead thus hence notably separately finally first second then
    yesterday today tomorrow according""".split()
)

# --- lower-case words inside names ------------------------------------------------------------
# NAME_PARTICLES: words that start a name ("de Gaulle", "van der Bellen", "al-Assad":
# drop-stray-full-stop, a stop before one is no stray). NAME_LINKS: words that link the words
# of one name ("the Organization for Security": the detector's sentence words). The first are
# foreign particles; the second English links, with "de", "du", "la", "del".
NAME_PARTICLES = frozenset(
    "al bin bint ibn da das de del della der di do dos du la le van von ter ten zu y".split()
)
NAME_LINKS = frozenset("of for and on in at the de du la del".split())

# --- countries and their peoples ---------------------------------------------------------------
# Nationality adjectives written before a title and a name ("Ukrainian President …":
# fix-repeated-subject and fix-pronoun-for-it-entity drop them to find the name), capitalised.
DEMONYMS = frozenset(
    """Afghan American Argentine Armenian Australian Austrian Azerbaijani Belarusian Belgian Brazilian
    British Bulgarian Canadian Chilean Chinese Colombian Croatian Cuban Czech Danish Dutch Egyptian
    Emirati European Filipino Finnish French Georgian German Greek Hungarian Indian Indonesian Iranian
    Iraqi Irish Israeli Italian Japanese Jordanian Kazakh Kenyan Korean Kyrgyz Lebanese Malaysian
    Mexican Moldovan Mongolian Nigerian Norwegian Pakistani Palestinian Peruvian Polish Portuguese
    Qatari Romanian Russian Saudi Serbian Slovak Soviet Spanish Swedish Swiss Syrian Taiwanese Tajik
    Thai Turkish Turkmen US UK EU Ukrainian Uzbek Venezuelan Vietnamese Western""".split()
)


@lru_cache(maxsize=1)
def countries() -> tuple[tuple[str, ...], ...]:
    """Every country, from ``pipeline/data/countries.txt``: its names, the usual one first,
    as written ("the Netherlands", "Holland")."""
    return tuple(tuple(name.strip() for name in line.split("|")) for line in word_list("countries.txt"))


@lru_cache(maxsize=1)
def country_names() -> tuple[str, ...]:
    """Every name of every country, as written, in file order: the default table's first "it"
    names (``pipeline.tables.loading.default_table``)."""
    return tuple(name for names in countries() for name in names)


@lru_cache(maxsize=1)
def detector_country_names() -> tuple[str, ...]:
    """The country names the detector looks for (country_as_she, acronym_before_country):
    without "the", and but for those in capitals (``US``, ``U.K.``: an acronym, which those
    signals read as one, and often an adjective: "a US citizen … her")."""
    names = (name[4:] if name.startswith("the ") else name for name in country_names())
    return tuple(name for name in names if not name.replace(".", "").isupper())


# --- abbreviations ---------------------------------------------------------------------------
# Abbreviations after which a sentence never ends: the next word belongs to them (the sentence
# splitter).
NEVER_FINAL = frozenset(
    """mr mrs ms messrs mme mlle dr prof rev hon st gen lt col maj capt cmdr sgt adm gov sen rep
    pres amb fr msgr no nos vol vols fig figs ch sec para pp cf vs viz e.g i.e ca approx incl esp""".split()
)


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Abbreviations whose full stop is not the end of a sentence, lower case, without the final
    stop, from ``pipeline/data/abbreviations.txt`` (drop-stray-full-stop,
    add-space-after-punctuation, drop-boilerplate-line)."""
    return lower_case_list("abbreviations.txt")


@lru_cache(maxsize=1)
def sentence_abbreviations() -> frozenset[str]:
    """What the sentence splitter reads as an abbreviation (and the detector's stray_full_stop):
    ``pipeline/data/sentence_abbreviations.txt``, ``abbreviations.txt`` and NEVER_FINAL."""
    return lower_case_list("sentence_abbreviations.txt") | abbreviations() | NEVER_FINAL
