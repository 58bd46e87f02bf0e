"""A reproducible corpus of seed-like machine-translated news articles, for the benchmarks.

    python benchmarks/corpus.py OUT_DIR --mb 20 [--seed 7]
    python benchmarks/corpus.py OUT_DIR --articles 1000

Writes N ``.txt`` articles (one paragraph a line, as scraped; curly and straight quotes)
and the corpus's own table, ``OUT_DIR/clean.toml``, naming the people who appear (with
their pronouns and a few known wrong spellings), as a user would write it.

Every article is drawn from its own seeded generator (``seed`` and the article's number),
and the cast of people is drawn from ``seed`` alone, so a corpus of 2 MB is the first
half of the same corpus of 4 MB, and the same arguments give the same bytes.

The damage is that of the seeds (../shared/seeds), with names varied:

- a quote closed with an opening mark and a space (``Indo-Pacific “.``), a space before a
  closing mark (``Russia ”.``), a straight mark closing a curly quote (``other'”``);
- a quote left open at the end of the paragraph;
- a doubled full stop (``Moscow. . China``) and a stray one (``interests. through``);
- an article before a possessive (``the its``), a doubled word (``will will``);
- a bracketed ellipsis glued to its word (``West[…]``), a space before a comma;
- lone dash lines (``–``) between paragraphs;
- a duplicated name (``Lemaître Lemaître``), a misspelt first name (``Tmur Umarov``);
- ``she`` for a country (``Russia did what she had to do``);
- a repeated subject (``expects Xi Jinping to support Xi``).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections import Counter
from pathlib import Path

from pipeline.store.writes import write_if_changed

FEMALE = """Anna Maria Elena Olga Sofia Laura Julia Sarah Emma Irina Natalia Daniela Claudia Monica
Paula Helen Karen Linda Nadia Marta Agnieszka Katarina Ingrid Fatima Leila Yuki Mei Priya Amina
Ana Isabel Lucia Carmen Eva Petra Vera Tatiana Svetlana Ekaterina Alice Chloe Camille Giulia
Francesca Beatrice Hanna Greta Astrid Zeynep Elif Ayesha Nora Rosa""".split()
MALE = """Peter Michael David Daniel Thomas Martin Stefan Viktor Sergei Ivan Pavel Oleg Andrei
Dmitry Boris Igor Roman Marco Luca Paolo Carlos Jorge Ahmed Omar Hassan Ali Kenji Hiroshi Wei
Jun Arjun Ravi George Robert Richard James John Mark Paul Frank Temur Evan Vladimir Volodymyr
Alexei Nikolai Mikhail Yuri Anton Lars Henrik Jan Tomas Miguel Pedro Javier Mehmet Mustafa
Karim Tariq Rashid Kofi Samuel Joseph Antonio Giovanni Pierre Louis Hans Klaus Dieter""".split()
SURNAMES = """Umarov Feigenbaum Lemaître Greenspan Petrov Ivanova Kowalski Novak Rossi Bianchi
Moreau Dubois Schmidt Weber Fischer Tanaka Suzuki Park Nguyen Haddad Rahman Singh Kumar Garcia
Lopez Silva Santos Jansen Larsen Nielsen Horvath Popescu Georgiou Yilmaz Demir Hosseini Karimi
Okafor Mensah Mwangi Sokolov Volkov Kuznetsov Morozov Lebedev Novikov Orlov Zhang Wang Chen Liu
Yamamoto Nakamura Kobayashi Choi Cohen Levy Mizrahi Khan Hussain Chaudhry Sharma Gupta Patel
Ferrari Romano Colombo Ricci Marino Greco Bruno Gallo Conti Costa Mancini Lombardi Moretti
Barbieri Fontana Rinaldi Caruso Ferrara Galli Martini Leone Longo Gentile Martinelli Vitale
Lombardo Serra Coppola Marchetti Parisi Villa Conte Ferraro Ferri Fabbri Bianco Marini Grasso
Valentini Messina Sala Gatti Pellegrini Palumbo Sanna Farina Rizzi Monti Cattaneo Morelli Amato
Silvestri Mazza Testa Grassi Pellegrino Carbone Giuliani Benedetti Barone Rossetti Caputo Montanari
Guerra Palmieri Bernardi Martino Fiore Ferretti Bellini Basile Riva Donati Piras Vitali Battaglia
Sartori Neri Costantini Milani Pagano Ruggiero Sorrentino Orlando Damico Bassi Villani Negri
Messina Kaminski Lewandowski Zielinski Szymanski Wozniak Dabrowski Kozlowski Jankowski Mazur
Wojcik Krawczyk Kaczmarek Piotrowski Grabowski Zajac Pawlowski Michalski Nowakowski Adamczyk
Dudek Wieczorek Jablonski Krol Majewski Olszewski Jaworski Malinowski Pawlak Witkowski Walczak
Stepien Gorski Rutkowski Michalak Sikora Ostrowski Baran Duda Szewczyk Tomaszewski Pietrzak
Marciniak Wroblewski Zalewski Jakubowski Jasinski Zawadzki Sadowski Bak Chmielewski Wlodarczyk
Borkowski Czarnecki Sawicki Sokolowski Urbanski Kubiak Maciejewski Szczepanski Kucharski
Wilk Kalinowski Lis Mazurek Wysocki Adamski Kazmierczak Wasilewski Sobczak Czerwinski""".split()
COUNTRIES = """Russia China Ukraine Kazakhstan Iran India Japan Turkey France Germany Poland Italy
Spain Brazil Mexico Egypt Pakistan Israel Syria Belarus Georgia Armenia Azerbaijan Uzbekistan
Mongolia Vietnam Indonesia Canada Australia Hungary Serbia Finland Sweden Norway""".split()
CAPITALS = "Moscow Beijing Washington Kyiv Tehran Ankara Brussels Berlin Paris Tokyo London Warsaw".split()
CITIES = """Samarkand Astana Almaty Geneva Vienna Davos Munich Istanbul Dubai Doha Singapore Minsk
Tbilisi Yerevan Baku Tashkent Bishkek Dushanbe Vladivostok Shanghai""".split()
ORGS = [
    "Carnegie Endowment", "Brookings Institution", "Chatham House", "Council on Foreign Relations",
    "European Council on Foreign Relations", "Valdai Club", "International Crisis Group",
    "Stockholm International Peace Research Institute", "Kiel Institute", "Bruegel",
    "Atlantic Council", "Jamestown Foundation", "Eurasia Group", "Lowy Institute",
]
PAPERS = [
    "Le Monde", "Global Times", "Financial Times", "Die Zeit", "El País", "Kommersant",
    "Asahi Shimbun", "Adnkronos", "Corriere della Sera", "Frankfurter Allgemeine", "The Guardian",
    "South China Morning Post", "Nikkei Asia", "Gazeta Wyborcza",
]
TITLES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "Chancellor"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "September", "October", "November"]
TOPICS = [
    "the energy crisis", "the war in Ukraine", "the sanctions regime", "the grain corridor",
    "the nuclear talks", "the trade dispute", "the security pact", "the pipeline project",
    "the border dispute", "the debt negotiations", "the climate summit", "the migration deal",
]
NOUNS = [
    "cooperation", "pressure", "interests", "security", "sovereignty", "investment", "influence",
    "dialogue", "stability", "relations", "sanctions", "markets", "technology", "supplies",
]
ADJ = ["strategic", "economic", "military", "political", "regional", "fundamental", "national", "diplomatic"]
CLAUSES = [
    "through coordinated action", "on a tactical level", "in the short term", "for some time",
    "at the highest level", "without any preconditions", "in the coming months", "in deeds and in words",
]
SPEECH = ["said", "noted", "argued", "stated", "explained", "added", "wrote", "highlighted"]
# Adjectives that stand alone after "the": damaged with a bracketed ellipsis.
STANDALONE = ["West", "East", "South", "region", "alliance", "bloc"]


class Person:
    def __init__(self, first: str, last: str, pronoun: str, title: str | None) -> None:
        self.first, self.last, self.pronoun, self.title = first, last, pronoun, title

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    def misspelt_first(self) -> str | None:
        """The first name with its first vowel after the initial dropped (Temur → Tmur)."""
        for i in range(1, len(self.first) - 1):
            if self.first[i] in "aeiou":
                return self.first[:i] + self.first[i + 1 :]
        return None


def cast(seed: int, size: int = 600) -> list[Person]:
    """The people of the corpus: unique full names, drawn from ``seed`` alone."""
    rng = random.Random(seed)
    people: list[Person] = []
    seen: set[str] = set()
    while len(people) < size:
        female = rng.random() < 0.4
        first = rng.choice(FEMALE if female else MALE)
        last = rng.choice(SURNAMES)
        if f"{first} {last}" in seen:
            continue
        seen.add(f"{first} {last}")
        title = rng.choice(TITLES) if rng.random() < 0.15 else None
        people.append(Person(first, last, "she" if female else "he", title))
    return people


def table_toml(people: list[Person]) -> str:
    """The corpus table: every third person, with a pronoun, the surname as short form where
    no one else has it, and for every tenth of them a known wrong spelling."""
    lines = [
        "# The generated corpus's own table (benchmarks/corpus.py).",
        f'it = [{", ".join(repr(o).replace(chr(39), chr(34)) for o in ORGS)}]',
        "",
    ]
    surnames = Counter(p.last for p in people)
    for i, p in enumerate(people):
        if i % 3:
            continue  # a user's table knows some of the people, not all
        lines += ["[[person]]", f'name = "{p.full}"', f'pronoun = "{p.pronoun}"']
        if surnames[p.last] == 1:  # a short form names one person only
            lines.append(f'short = "{p.last}"')
        wrong = p.misspelt_first()
        if i % 30 == 0 and wrong:
            lines.append(f'variants = ["{wrong} {p.last}"]')
        lines.append("")
    for paper in PAPERS:
        lines += ["[[organisation]]", f'name = "{paper}"', ""]
    return "\n".join(lines)


class Writer:
    """One article: its cast, and the sentences and paragraphs, damaged now and then."""

    def __init__(self, rng: random.Random, people: list[Person], damage: float) -> None:
        self.rng = rng
        self.people = rng.sample(people, rng.randint(3, 5))
        self.damage = damage
        self.country, self.other = rng.sample(COUNTRIES, 2)
        self.capital = rng.choice(CAPITALS)
        self.paper = rng.choice(PAPERS)
        self.org = rng.choice(ORGS)
        # One person whose first name the translation misspells in some mentions.
        self.misspelt = self.people[1] if rng.random() < 0.5 else None
        self.duplicated = False

    def hit(self, scale: float = 1.0) -> bool:
        return self.rng.random() < self.damage * scale

    def name(self, person: Person, first_mention: bool = False) -> str:
        if not first_mention and self.rng.random() < 0.6:
            return person.last
        full = person.full
        if person is self.misspelt and self.rng.random() < 0.5:
            full = f"{person.misspelt_first()} {person.last}"
        if first_mention and person.title and self.rng.random() < 0.7:
            return f"{person.title} {full}"
        return full

    def quote(self) -> str:
        r = self.rng
        body = r.choice(
            [
                f"{self.country} is trying to get {self.other} to speak out against the {r.choice(STANDALONE)}",
                f"we fully understand the need for all measures {self.country} is taking to safeguard its {r.choice(ADJ)} {r.choice(NOUNS)}",
                "it is easy for us to label any kind of good relationship between two countries as an alliance",
                f"there are some limits to this friendship, and {r.choice(NOUNS)} remain a problem",
                f"{self.capital} has been facing this problem for some time, while {self.other} is not worried about {r.choice(TOPICS)}",
                f"the goal is to maintain a {r.choice(ADJ)} understanding with {self.capital} {r.choice(CLAUSES)}",
                f"no matter how the international situation develops, we will firmly support {self.other} in defending its {r.choice(NOUNS)}",
            ]
        )
        return body[0].upper() + body[1:]

    def sentence(self) -> str:
        r = self.rng
        p, q = r.sample(self.people, 2)
        topic, noun, adj = r.choice(TOPICS), r.choice(NOUNS), r.choice(ADJ)
        day, month = r.choice(WEEKDAYS), r.choice(MONTHS)
        kind = r.randrange(16)
        if kind == 0:
            s = f"An article in {self.paper} on {day} wrote that {self.name(p)} had discussed {topic} with {self.name(q)} in {r.choice(CITIES)}."
        elif kind == 1:
            s = f"{self.name(p, True)}, an expert on {adj} {noun} at the {self.org} in {self.capital}, said: “{self.quote()}.”"
        elif kind == 2:
            s = f"{self.country} and {self.other} have “found a synthesis” on {topic}, {self.name(p)} argues."
        elif kind == 3:
            s = f"However, a few days before the start of {topic}, the two signed an important {adj} agreement in {self.capital} on {month} {r.randint(1, 28)}."
        elif kind == 4:
            s = f"The {adj} {noun} between {self.country} and {self.other} are “at the best moment in history”, according to {self.name(p)}."
        elif kind == 5:
            s = f"It was unclear whether {self.name(p)} had spoken to {self.name(q)} at the time about {topic}."
        elif kind == 6:
            s = f"{self.country} increased its purchases of {r.choice(['oil', 'coal', 'gas', 'grain'])} by almost {r.randint(10, 120)}% between {month} and {r.choice(MONTHS)}, {r.choice(SPEECH)} {self.paper}."
        elif kind == 7:
            s = f"“{self.quote()}”, {self.name(p)} {r.choice(['concludes', 'continues', 'adds', 'insists'])}."
        elif kind == 8:
            s = f"{self.name(p)} predicted that {adj} {noun} are unlikely to improve {r.choice(CLAUSES)}, but {self.other} may establish special mechanisms."
        elif kind == 9:
            s = f"The same article in {self.paper} noted that {self.capital} has not had a telephone conversation with {self.name(q, True)} since {month}."
        elif kind == 10:
            s = f"While {self.capital} condemns {adj} sanctions, {self.capital} has not violated them, and {noun} with {self.other} remain {r.choice(['stable', 'fragile', 'uncertain'])}."
        elif kind == 11:
            s = f"{self.name(p)} also stated that on all international issues, {self.country} supports {self.other}’s {adj} {noun} {r.choice(CLAUSES)}."
        elif kind == 12:
            s = (
                f"{self.country}, in turn, “does not want to be involved in the {adj} disputes” that {self.other}"
                f" “has with {r.choice(COUNTRIES)} or {r.choice(COUNTRIES)}”, and {self.capital}’s position on"
                f" {topic} “has not changed”, {self.name(p)} says."
            )
        elif kind == 13:
            s = (
                f"For example, {self.name(p)} continues, {self.other} has long been silent on what is happening in"
                f" {r.choice(COUNTRIES)}, with {self.capital} “never directly supporting {self.country} or saying"
                f" {r.choice(COUNTRIES)} is wrong and {self.country} is right”."
            )
        elif kind == 14:
            s = (
                f"The related article goes on to state that since {month} {r.randint(1, 28)}, {self.other} has agreed"
                f" with {self.capital}’s interpretation of {topic}, which is that the root cause of the conflict is"
                f" NATO’s expansion into {r.choice(['Central Europe', 'the Baltic', 'the Black Sea region'])}."
            )
        else:
            s = (
                f"{self.name(p)}’s remarks faithfully followed the {r.choice(['Kremlin', 'White House', 'government'])}’s"
                f" line and were widely reported on {adj} television, while {self.name(q)} said that the {noun} of"
                f" the two countries “are not a solution”."
            )
        return self.damage_sentence(s, p, q)

    def damage_sentence(self, s: str, p: Person, q: Person) -> str:
        r = self.rng
        if s.endswith(".”") and self.hit(0.35):
            s = s[:-2] + " “."  # a quote closed with an opening mark: `Indo-Pacific “.`
        elif s.endswith(".”") and self.hit(0.15):
            s = s[:-1] + '"'  # a straight mark closing a curly quote
        elif "”, " in s and self.hit(0.3):
            s = s.replace("”, ", " ”, ", 1)  # a space before a closing mark
        if self.hit(0.4):
            s = s.replace(" its ", " the its ", 1)
        if self.hit(0.3) and s.count(" ") > 6:
            words = s.split(" ")
            i = r.randrange(2, len(words) - 2)
            w = words[i]
            if w.isalpha() and w.islower() and words[i + 1][:1].islower() and words[i - 1].isalpha():
                words[i - 1] = words[i - 1] + "."  # stray full stop before a lower-case word
                s = " ".join(words)
        if self.hit(0.2):
            for verb in (" will ", " had ", " has ", " remain ", " may "):
                if verb in s and verb != " had ":
                    s = s.replace(verb, verb + verb.strip() + " ", 1)  # doubled word
                    break
        if self.hit(0.2) and ", " in s:
            s = s.replace(", ", " , ", 1)  # space before a comma
        if self.hit(0.15):
            for standalone in STANDALONE:
                if f"the {standalone}" in s:
                    s = s.replace(f"the {standalone}", f"the {standalone}{r.choice(['[…]', '(…)', '[...]'])}", 1)
                    break
        if self.hit(0.15) and not self.duplicated:
            last = p.last
            if f" {last} " in s:
                s = s.replace(f" {last} ", f" {last} {last} ", 1)  # duplicated name
                self.duplicated = True
        return s

    def special(self) -> str:
        """A sentence carrying the referents damage (country as she, repeated subject)."""
        r = self.rng
        p, q = r.sample(self.people, 2)
        if r.random() < 0.5:
            return f"{self.country} did what she had to do to protect itself. Faced with {self.other}, she is only exercising her right to self-defense."
        return f"{self.name(p)} today expects {q.full} to support {q.last} not so much in deeds as in words."

    def paragraph(self) -> str:
        r = self.rng
        sentences = [self.sentence() for _ in range(r.randint(2, 6))]
        if self.hit(0.4):
            sentences.insert(r.randrange(len(sentences) + 1), self.special())
        text = " ".join(sentences)
        if self.hit(0.25) and text.endswith("."):
            i = text.rfind(". ", 0, len(text) - 1)
            if i > 0:
                text = text[: i + 1] + " ." + text[i + 1 :]  # doubled full stop `Moscow. . China`
        if self.hit(0.12):
            text = text[:-1].rstrip("”") + " “" + self.quote().lower() + "."  # quote left open
        return text

    def article(self) -> str:
        r = self.rng
        lines = []
        if r.random() < 0.4:
            lines += [f"issuing time: {r.randint(1, 12):02d}/{r.randint(1, 28):02d}/2022 – {r.randint(0, 23):02d}:{r.randint(0, 59):02d}", "–"]
        lead = self.people[0]
        lines.append(f"{self.name(lead, True)} ({self.org}): ‘{self.country} and {self.other} have found a synthesis on {r.choice(TOPICS)}’")
        lines.append("")
        for _ in range(r.randint(4, 12)):
            lines.append(self.paragraph())
            if self.hit(0.15):
                lines.append("–")  # a lone dash line left by the scraper
            elif r.random() < 0.5:
                lines.append("")
        return "\n".join(lines).rstrip("\n") + ("\n" if r.random() < 0.8 else "")


def article(seed: int, number: int, people: list[Person], damage: float = 0.5) -> str:
    rng = random.Random(f"{seed}:{number}")
    return Writer(rng, people, damage if rng.random() < 0.8 else 0.0).article()


def generate(folder: Path, *, mb: float | None = None, articles: int | None = None, seed: int = 7) -> tuple[int, int]:
    """Write articles to ``folder`` until ``mb`` megabytes or ``articles`` articles; returns
    (articles, bytes). Articles already there with the right content are left as they are."""
    folder.mkdir(parents=True, exist_ok=True)
    people = cast(seed)
    table = table_toml(people).encode("utf-8")
    write_if_changed(folder / "clean.toml", table)
    limit = int(mb * 1_000_000) if mb is not None else None
    count = total = 0
    written: set[str] = set()
    while (limit is None or total < limit) and (articles is None or count < articles):
        data = article(seed, count, people).encode("utf-8")
        digest = hashlib.sha1(data).hexdigest()[:12]
        name = f"{count:06d}_{digest}.txt"
        write_if_changed(folder / name, data)
        written.add(name)
        count += 1
        total += len(data)
    for stale in folder.glob("*.txt"):  # from an earlier, larger corpus
        if stale.name not in written:
            stale.unlink()
    return count, total



def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--mb", type=float, help="size target in megabytes (10^6 bytes)")
    size.add_argument("--articles", type=int, help="number of articles")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    count, total = generate(args.folder, mb=args.mb, articles=args.articles, seed=args.seed)
    print(f"{count} articles, {total / 1e6:.1f} MB in {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
