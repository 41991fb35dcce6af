"""Skills, aliases, job titles, section headings and stop words shipped in ``corpora/``."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import NamedTuple, TypeVar

from .text import singular, stem, tokenize

MAX_PHRASE_TOKENS = 4
MAX_TITLE_TOKENS = 6
# Words whose term is remembered, at about 200 bytes each (a batch sees tens of thousands).
_MAX_REMEMBERED_WORDS = 1 << 18
# Short lines whose heading test is remembered ("Requirements:", boilerplate), about 300
# bytes each.
_MAX_REMEMBERED_LINES = 1 << 16
K = TypeVar("K")
V = TypeVar("V")


def corpora_path() -> Path:
    """Return the ``corpora`` folder: inside the installed wheel, or at the top of a checkout."""
    packaged = Path(str(resources.files("fit_analyzer"))) / "corpora"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "corpora"


def read_table(path: Path) -> Iterator[list[str]]:
    """Yield the tab-separated rows of a corpora table, skipping ``#`` comments and blanks."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield line.split("\t")


def _remember(memo: dict[K, V], key: K, value: V, limit: int) -> V:
    """Store ``value`` under ``key`` unless ``memo`` holds ``limit`` entries; return it."""
    if len(memo) < limit:
        memo[key] = value
    return value


def _leading_runs(words: list[str]) -> Iterator[str]:
    """The runs of two or more words that ``words`` begin with, the whole included."""
    return (" ".join(words[:n]) for n in range(2, len(words) + 1))


def _second_words(runs: frozenset[str]) -> dict[str, frozenset[str]]:
    """The first words of ``runs``, each with the words that follow it in a run.

    A phrase can only begin at a word followed by one of its second words. Testing both
    words before joining any is what makes the lookup cheap: many common words begin
    some phrase, few pairs of words do.
    """
    seconds: dict[str, set[str]] = {}
    for run in runs:
        if run.count(" ") == 1:
            first, second = run.split(" ")
            seconds.setdefault(first, set()).add(second)
    return {first: frozenset(words) for first, words in seconds.items()}


class Term(NamedTuple):
    """One occurrence of a term: its canonical form and how the text wrote it."""

    canonical: str
    surface: str


@dataclass(frozen=True)
class Vocabulary:
    """Word lists the model uses; load it with `Vocabulary.load`."""

    skills: frozenset[str]
    aliases: dict[str, str]
    headings: dict[tuple[str, str], str]
    stopwords: frozenset[str]
    joined: frozenset[str]
    title_words: frozenset[str]
    root: Path

    @classmethod
    @functools.cache
    def load(cls, root: Path | None = None) -> Vocabulary:
        """Read the vocabulary from ``root`` (default: the shipped ``corpora/vocabulary``)."""
        folder = (root or corpora_path()) / "vocabulary"
        joined = frozenset(row[0] for row in read_table(folder / "joined.txt"))

        def norm(text: str) -> str:
            return " ".join(tokenize(text, keep=joined))

        stopwords = frozenset(
            word for row in read_table(folder / "stopwords.txt") for word in row[0].split()
        )
        skills = frozenset(norm(row[0]) for row in read_table(folder / "skills.tsv"))
        aliases = {norm(row[0]): norm(row[1]) for row in read_table(folder / "aliases.tsv")}
        headings = {(norm(row[0]), row[1]): row[2] for row in read_table(folder / "sections.tsv")}
        title_words = frozenset(row[0] for row in read_table(folder / "title_words.txt"))
        return cls(skills - {""}, aliases, headings, stopwords, joined, title_words, folder)

    @functools.cached_property
    def not_requirements(self) -> frozenset[str]:
        """Words about the job's terms, the application or applicants in general ("overtime",
        "eligible", "similar"): terms, but never key requirements."""
        rows = read_table(self.root / "not_requirements.txt")
        return frozenset(word for row in rows for word in row[0].split())

    @functools.cached_property
    def _phrases(self) -> frozenset[str]:
        return frozenset(p for p in (*self.skills, *self.aliases) if " " in p)

    @functools.cached_property
    def stemmed_phrases(self) -> frozenset[str]:
        """The multi-word terms, and their leading runs of two or more words, stemmed.

        A text's runs of stems are looked up here to match a phrase written in other forms
        ("managing projects" for "managed project"); a run that is not here cannot be
        extended into a phrase, so the lookup stops there.
        """
        return frozenset(
            run
            for phrase in (*self._phrases, *self.aliases.values())
            for run in _leading_runs([stem(w) for w in phrase.split()])
        )

    @functools.cached_property
    def stemmed_phrase_seconds(self) -> dict[str, frozenset[str]]:
        """`_second_words` of `stemmed_phrases`."""
        return _second_words(self.stemmed_phrases)

    @functools.cached_property
    def _phrase_seconds(self) -> dict[str, frozenset[str]]:
        """`_second_words` of the phrases."""
        return _second_words(self._phrase_runs)

    @functools.cached_property
    def _phrase_runs(self) -> frozenset[str]:
        """The leading runs of two or more words of the phrases: a run not here cannot
        grow into a phrase."""
        return frozenset(run for phrase in self._phrases for run in _leading_runs(phrase.split()))

    @functools.cached_property
    def occupations_by_title(self) -> dict[str, tuple[str, ...]]:
        """Job titles (O*NET titles and alternate titles) and the occupation codes they name."""
        codes: dict[str, list[str]] = {}
        for title, code in read_table(self.root / "titles.tsv"):
            codes.setdefault(title, []).append(code)
        return {title: tuple(sorted(found)) for title, found in codes.items()}

    @functools.cached_property
    def occupations_by_found_title(self) -> dict[str, tuple[str, ...]]:
        """The job titles in the form `find_titles` returns them (each word singular, so
        that "machinists" finds "Machinists" and "registered nurse" "Registered Nurses"),
        with the occupation codes they name."""
        found = dict(self.occupations_by_title)
        for title, codes in self.occupations_by_title.items():
            if "s " not in title + " ":  # most titles are singular already: spare them
                continue
            key = " ".join(map(singular, title.split(" ")))
            if key != title:
                found[key] = tuple(sorted({*found.get(key, ()), *codes}))
        return found

    @functools.cached_property
    def _title_runs(self) -> frozenset[str]:
        """The leading runs of words of the job titles, the whole included: a run not here
        cannot grow into a title."""
        runs: set[str] = set()
        for title in self.occupations_by_found_title:
            words = title.split(" ")
            runs.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
        return frozenset(runs)

    def find_titles(self, tokens: list[str]) -> list[str]:
        """Return the known job titles in ``tokens``, longest first at each position, as
        keys of `occupations_by_found_title`."""
        titles, runs = self.occupations_by_found_title, self._title_runs
        words = [singular(t) for t in tokens]
        found = []
        i = 0
        while i < len(words):
            longest = 0
            for n in range(1, min(MAX_TITLE_TOKENS, len(words) - i) + 1):
                run = " ".join(words[i : i + n])
                if run not in runs:
                    break
                if run in titles:
                    longest = n
            if longest:
                found.append(" ".join(words[i : i + longest]))
                i += longest
            else:
                i += 1
        return found

    def tokens(self, text: str) -> list[str]:
        """Tokenise ``text``, keeping the vocabulary's joined terms (``pl/sql``) whole."""
        return tokenize(text, keep=self.joined)

    def terms(self, tokens: list[str]) -> list[Term]:
        """Return the terms in ``tokens``: known multi-word skills kept whole, aliases
        resolved to their canonical form, stop words dropped.

        A phrase also contributes its single words, so "machine learning" matches a text
        that only says "learning" weakly rather than not at all.
        """
        found: list[Term] = []
        phrases, seconds, runs = self._phrases, self._phrase_seconds, self._phrase_runs
        known = self._word_terms
        last = len(tokens) - 1
        for i, token in enumerate(tokens):
            following = seconds.get(token)
            if following and i < last and tokens[i + 1] in following:
                longest = ""
                for n in range(2, min(MAX_PHRASE_TOKENS, len(tokens) - i) + 1):
                    run = " ".join(tokens[i : i + n])
                    if run not in runs:
                        break
                    if run in phrases:
                        longest = run
                if longest:
                    found.append(Term(self.aliases.get(longest, longest), longest))
            term = known.get(token)
            if term is None:
                term = self._word_term(token)
            if term:
                found.append(term)
        return found

    def _word_term(self, token: str) -> Term | tuple[()]:
        """Return the term a single word stands for, or ``()`` for a stop word; remember it."""
        is_term = token not in self.stopwords and len(token) > 1
        term = Term(self.aliases.get(token, token), token) if is_term else ()
        return _remember(self._word_terms, token, term, _MAX_REMEMBERED_WORDS)

    @functools.cached_property
    def _word_terms(self) -> dict[str, Term | tuple[()]]:
        """The terms of the words seen so far: most words recur in every document."""
        return {}

    def section_for(self, heading: str, role: str) -> str | None:
        """Return the section a heading line starts for ``role``, or None if it is not one.

        A line of up to three words counts by its first words too ("Summary/Profile",
        "Skills & Tools").
        """
        seen = self._sections_seen
        if (heading, role) in seen:
            return seen[heading, role]
        return _remember(
            seen, (heading, role), self._section_for(heading, role), _MAX_REMEMBERED_LINES
        )

    @functools.cached_property
    def _sections_seen(self) -> dict[tuple[str, str], str | None]:
        """`section_for` of the lines seen so far: headings and boilerplate lines recur."""
        return {}

    def _section_for(self, heading: str, role: str) -> str | None:
        tokens = self.tokens(heading)
        found = self.headings.get((" ".join(tokens), role))
        if found is None and len(tokens) <= 3:
            for n in range(len(tokens) - 1, 0, -1):
                found = self.headings.get((" ".join(tokens[:n]), role))
                if found is not None:
                    break
        return found

    def run_in_heading_pattern(self, role: str) -> re.Pattern[str]:
        """Return a regex matching a known heading of ``role`` written in capitals."""
        return self._run_in_patterns[role]

    @functools.cached_property
    def _run_in_patterns(self) -> dict[str, re.Pattern[str]]:
        patterns = {}
        for role in {r for _, r in self.headings}:
            phrases = sorted({h for h, r in self.headings if r == role}, key=len, reverse=True)
            words = [r"\W+".join(re.escape(w.upper()) for w in p.split()) for p in phrases]
            patterns[role] = re.compile(r"(?<![\w'])(" + "|".join(words) + r")(?![\w'])")
        return patterns
