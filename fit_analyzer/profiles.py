"""Profile one document: what a posting asks for; what a resume claims and what it shows.

A resume is read twice. Its *surface* is what a screener sees first: the headline, the
summary and the skills lists. Its *substance* is the work it shows: experience and projects,
or, in text without headings, the sentences that describe work. A posting is read as its
requirements and responsibilities, without boilerplate or the company's own business.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .documents import Document, Section, document_from_text
from .model import FitModel
from .occupations import OccupationIndex, OccupationPlacement, default_occupations
from .requirements import PostingNeeds, ResumeFacts, read_posting_needs, read_resume_facts
from .text import singular, stem
from .vocabulary import MAX_PHRASE_TOKENS, Term, Vocabulary

# How much a term counts by the posting section it appears in; boilerplate does not count.
POSTING_SECTION_WEIGHTS = {
    "requirements": 1.0,
    "responsibilities": 0.8,
    "overview": 0.6,
    "other": 0.6,
    "preferred": 0.4,
}
# Posting sections that say what the job needs; the others only when these say too little.
REQUIREMENT_SECTIONS = frozenset({"requirements", "responsibilities", "preferred"})
# Of those, the sections that ask for knowledge, rather than describe the work.
ASKING_SECTIONS = frozenset({"requirements", "preferred"})
MIN_REQUIREMENT_TERMS = 30
# Resume sections of each reading. "work" holds the sentences that describe work in a resume
# without experience or projects headings.
SUBSTANCE_SECTIONS = frozenset({"experience", "projects", "work"})
SURFACE_SECTIONS = frozenset({"contact", "summary", "skills"})
# Terms typical of the occupations a posting reads as are what a same-trade resume shows.
TYPICAL_TERM_BOOST = 2.0
# A job title that O*NET lists under more occupations than this ("engineer", "teacher") says
# too little about the job to name its occupations: two such titles are not the same job.
MAX_TITLE_OCCUPATIONS = 10
# Words that qualify a job title without changing the job.
_SENIORITY = frozenset(
    "senior sr junior jr lead principal staff entry level ii iii iv i associate chief "
    "head trainee apprentice shift 2nd 3rd 1st full part remote".split()
)
# Where a sentence ends, also in text that lost its line breaks ("... ISO 9001.Operated").
_SENTENCE_END_RE = re.compile(r"(?<=[.!?;])\s+|(?<=[a-z][.!?])(?=[A-Z])|\s+[•·▪●|]\s+|\n+")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'+#.-]*")
# Sentences about the company ("We are a leading freight carrier") say what it sells, not
# what the job needs; a sentence addressed to the reader ("you will") is about the job.
_COMPANY_RE = re.compile(r"\b(?:we|we're|our|us|company|founded|clients|customers)\b", re.I)
_READER_RE = re.compile(r"\byou(?:'ll|r)?\b", re.I)
# A verb form that reports work done or doing ("operated", "maintaining"), minus the
# adjectives that only describe the person ("experienced", "skilled").
# Where list items meet: bullets, bars, tabs or runs of spaces (bullets lost in extraction).
_LIST_GAP_RE = re.compile(r"\S(?:\s*[•·|▪]\s*| {2,}|\t)(?=\S)")
# What every list gap holds: a sentence without any (nearly all) need not be searched.
_LIST_GAP_MARKS = ("  ", "\t", "•", "·", "|", "▪")
_WORK_VERB_RE = re.compile(r"^[a-z]{3,}(?:ed|ing)$")
_NOT_WORK_VERBS = frozenset(
    "experienced skilled detailed motivated dedicated talented certified licensed "
    "qualified interested required preferred including during following according "
    "seeking looking outstanding demanding engaging thing something anything "
    "everything nothing morning evening training background string rating wedding".split()
)
_WORK_VERBS = frozenset(
    "manage manages lead leads led built build builds develop develops design designs "
    "run runs operate operates maintain maintains install installs repair repairs "
    "oversee oversees supervise supervises coordinate coordinates perform performs "
    "prepare prepares create creates deliver delivers drive drives own owns support "
    "supports handle handles wrote write writes set sets ran grew cut made make makes "
    "won".split()
)
_YEAR_RE = re.compile(r"\b(?:19[7-9]\d|20[0-4]\d)\b")
# The opening words of unstructured text are its name, headline and summary: surface.
_OPENING_WORDS = 30
# More words than a skills list, a summary or an education section holds.
_LONG_SECTION_WORDS = 250


@dataclass(frozen=True)
class KeyTerm:
    """A term the posting asks for, with its relative importance (the largest is 1)."""

    term: str
    weight: float
    required: bool
    stems: str  # the term's words stemmed, to match other forms of them
    source: str  # the posting sentence it was read from
    forms: tuple[str, ...] = ()  # how the posting also writes it ("RN" for registered nurse)


@dataclass(frozen=True)
class Title:
    """A job title as compared: its word stems, its job word, the occupations it names."""

    stems: frozenset[str]
    head: str | None
    occupations: dict[str, float]  # O*NET code -> share of the title's meaning


@dataclass(frozen=True)
class PostingProfile:
    """What a posting asks for, computed once per posting."""

    document: Document
    terms: tuple[str, ...]  # the terms of its requirements and responsibilities
    key_terms: tuple[KeyTerm, ...]
    title: Title
    placement: OccupationPlacement
    needs: PostingNeeds  # degree, years and seniority asked, and what to check by hand


@dataclass(frozen=True)
class Reading:
    """One reading of a resume (its surface or its substance): terms and placement."""

    terms: tuple[str, ...]
    placement: OccupationPlacement


@dataclass(frozen=True)
class ResumeProfile:
    """Where each term appears in a resume, and its two readings, computed once per resume."""

    document: Document
    terms: tuple[str, ...]
    sections_by_term: dict[str, frozenset[str]]
    forms_by_term: dict[str, str]
    sections_by_stem: dict[str, frozenset[str]]
    titles: tuple[Title, ...]
    placement: OccupationPlacement
    surface: Reading
    substance: Reading
    facts: ResumeFacts  # degree, years of experience and seniority shown


Profile = ResumeProfile | PostingProfile


def profile_document(document: Document, model: FitModel) -> Profile:
    """Profile a document as the role it was read as: the work done once per document.

    Batches run this in their worker processes and cache the result with the document.
    """
    if document.role == "posting":
        return profile_posting(document, model)
    return profile_resume(document, model)


def profile_posting(posting: Document, model: FitModel) -> PostingProfile:
    """Find a posting's key terms, weighted by section and specificity; drop boilerplate.

    Key terms are what the job needs, not what it is called: the words of its title are
    left to the title match.
    """
    return profile_postings([posting], model)[0]


def profile_postings(postings: Sequence[Document], model: FitModel) -> list[PostingProfile]:
    """Profile many postings; their occupations are placed in one matrix product."""
    drafts = [_KeyTermDraft.of(posting, model) for posting in postings]
    places = occupations_for(model).place_many(
        [d.terms for d in drafts], model, [d.title.occupations for d in drafts]
    )
    return [draft.finish(place, model) for draft, place in zip(drafts, places, strict=True)]


def requirement_sentences(posting: Document) -> Iterator[tuple[str, str]]:
    """Yield (section name, sentence) for the sentences that say what the job needs.

    Requirements and responsibilities when the posting has them in enough words; otherwise
    also its introduction and unnamed parts, without the sentences about the company.
    """
    named = [s for s in posting.sections if s.name in REQUIREMENT_SECTIONS]
    enough = sum(len(s.text.split()) for s in named) >= MIN_REQUIREMENT_TERMS
    for section in posting.sections:
        if section.name not in POSTING_SECTION_WEIGHTS:
            continue
        if section.name not in REQUIREMENT_SECTIONS and enough:
            continue
        for sentence in split_sentences(section.text):
            if section.name not in REQUIREMENT_SECTIONS and _about_the_company(sentence):
                continue
            yield section.name, sentence


def _business_terms(posting: Document, model: FitModel) -> frozenset[str]:
    """The terms of the posting's sentences about the company, outside what the job needs."""
    vocabulary = model.vocabulary_
    return frozenset(
        term.canonical
        for section in posting.sections
        if section.name not in REQUIREMENT_SECTIONS
        for sentence in split_sentences(section.text)
        if _about_the_company(sentence)
        for term in vocabulary.terms(vocabulary.tokens(sentence))
    )


def _about_the_company(sentence: str) -> bool:
    return bool(_COMPANY_RE.search(sentence)) and not _READER_RE.search(sentence)


def split_sentences(text: str) -> list[str]:
    """Split text into sentences and list items, also where line breaks were lost."""
    return [s.strip() for s in _SENTENCE_END_RE.split(text) if s and s.strip()]


@dataclass
class _KeyTermDraft:
    """A posting's candidate key terms, before the occupation it reads as is known."""

    posting: Document
    title: Title
    terms: list[str]
    counts: Counter[str]
    best_section: dict[str, float]
    required: set[str]
    sources: dict[str, str]  # the sentence of each term's best section (clipped when chosen)
    forms: dict[str, set[str]]  # the posting's other spellings of each term, lowercased

    @classmethod
    def of(cls, posting: Document, model: FitModel) -> _KeyTermDraft:
        vocabulary = model.vocabulary_
        title = _posting_title(posting, model)
        terms: list[str] = []
        forms: dict[str, set[str]] = {}
        sentences: list[tuple[str, str, list[str]]] = []
        alone: set[str] = set()  # the terms the posting writes other than inside a phrase
        for section_name, sentence in requirement_sentences(posting):
            found = vocabulary.terms(vocabulary.tokens(sentence))
            for canonical, surface in found:
                if surface != canonical:  # tokens, and so surfaces, are lower case already
                    forms.setdefault(canonical, set()).add(surface)
            alone.update(_outside_phrases(found))
            sentence_terms = [t.canonical for t in found]
            terms.extend(sentence_terms)
            sentences.append((section_name, sentence, sentence_terms))
        # Whether a term may be a key term is decided once per posting, not per occurrence.
        # A word written only inside a phrase ("game" of "game days") is the phrase's.
        is_key = {
            t: t in alone and stem(t) not in title.stems and _is_key_candidate(t, model)
            for t in dict.fromkeys(terms)
        }
        business = _business_terms(posting, model)
        counts: Counter[str] = Counter()
        best_section: dict[str, float] = {}
        sources: dict[str, str] = {}
        required: set[str] = set()
        for section_name, sentence, sentence_terms in sentences:
            weight = POSTING_SECTION_WEIGHTS[section_name]
            is_required = section_name != "preferred"
            # What the company deals in ("freight", "shipments") is not what the job asks
            # a person to know, unless its requirements say so.
            asks = section_name in ASKING_SECTIONS
            kept = [t for t in sentence_terms if is_key[t] and (asks or t not in business)]
            counts.update(kept)
            for t in kept:
                if weight > best_section.get(t, 0):
                    best_section[t] = weight
                    sources[t] = sentence
            if is_required:
                required.update(kept)
        return cls(posting, title, terms, counts, best_section, required, sources, forms)

    def finish(self, place: OccupationPlacement, model: FitModel) -> PostingProfile:
        typical = occupations_for(model).terms_of([o.code for o in place.top])
        raw = {
            t: self.best_section[t]
            * model.idf_of(t)
            * (1 + math.log(n))
            * (TYPICAL_TERM_BOOST if t in typical else 1.0)
            for t, n in self.counts.items()
        }
        chosen = sorted(raw, key=lambda t: (-raw[t], t))
        chosen = _drop_phrase_parts(chosen, self.forms)[: model.calibration_.key_terms]
        top = raw[chosen[0]] if chosen else 1.0
        key_terms = tuple(
            KeyTerm(
                t,
                raw[t] / top,
                t in self.required,
                " ".join(map(stem, t.split())),
                _clip(self.sources[t]),
                tuple(sorted(self.forms.get(t, ()))),
            )
            for t in chosen
        )
        needs = read_posting_needs(
            "\n".join(s.text for s in self.posting.sections if s.name != "boilerplate"),
            self.posting.title,
        )
        return PostingProfile(self.posting, tuple(self.terms), key_terms, self.title, place, needs)


def _clip(sentence: str, limit: int = 200) -> str:
    """The sentence with its whitespace collapsed, cut at a word near ``limit`` characters."""
    text = " ".join(sentence.split()).lstrip("-*•·▪● ")
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


@functools.lru_cache(maxsize=1 << 16)  # called for every term of every posting
def _is_key_candidate(term: str, model: FitModel) -> bool:
    """Known skills and technologies, and specific words that describe work.

    A single word must be one the O*NET occupation profiles use ("lathe", "triage"), so
    that company names, weekdays and run-together words never become requirements.
    """
    if term in model.vocabulary_.not_requirements:
        return False
    if " " in term or term in model.vocabulary_.skills:
        return True
    return (
        term.isalpha()
        and len(term) > 2
        and term in occupations_for(model).term_columns
        and model.idf_of(term) >= model.calibration_.key_term_min_idf
    )


def _outside_phrases(found: list[Term]) -> set[str]:
    """The terms of one sentence's `Vocabulary.terms`, less the single words that occur there
    only inside the phrases found with them (which list their words too)."""
    inside = Counter(word for term in found if " " in term.surface for word in term.surface.split())
    alone = set()
    for term in found:
        if " " not in term.surface and inside[term.surface]:
            inside[term.surface] -= 1
        else:
            alone.add(term.canonical)
    return alone


def _drop_phrase_parts(terms: list[str], forms: dict[str, set[str]]) -> list[str]:
    """Drop single words that are part of a higher-ranked phrase, or of the way the posting
    wrote it ("rotation" after "on call", written "on-call rotation")."""
    kept: list[str] = []
    covered: set[str] = set()
    for term in terms:
        if " " not in term and term in covered:
            continue
        kept.append(term)
        covered.update(term.split())
        for form in forms.get(term, ()):
            covered.update(form.split())
    return kept


def resume_parts(resume: Document) -> list[Section]:
    """The resume's sections, with work sentences set apart where headings do not show them.

    Without an experience or projects heading, the sentences that describe work (past
    tense or action verbs, dates) form a "work" section, and the rest keeps its section:
    the opening words (name, headline, summary) and lists stay on the surface. A section
    too long for its heading (a "Skills" of a thousand words, from text that lost its line
    breaks) is read the same way even when work headings exist.
    """
    has_work = bool(SUBSTANCE_SECTIONS & {s.name for s in resume.sections})
    parts: list[Section] = []
    words_seen = 0
    for section in resume.sections:
        length = len(section.text.split())
        if section.name in SUBSTANCE_SECTIONS or (has_work and length <= _LONG_SECTION_WORDS):
            words_seen += length
            parts.append(section)
            continue
        kept: list[str] = []
        work: list[str] = []
        for sentence in split_sentences(section.text):
            opening = words_seen < _OPENING_WORDS
            words_seen += len(sentence.split())
            (work if not opening and _describes_work(sentence) else kept).append(sentence)
        if kept:
            parts.append(Section(section.name, section.heading, "\n".join(kept)))
        if work:
            parts.append(Section("work", "", "\n".join(work)))
    return parts


def _describes_work(sentence: str) -> bool:
    found = _WORD_RE.findall(sentence)
    if len(found) < 5:
        return False  # a fragment
    separators = sentence.count(",")
    if any(mark in sentence for mark in _LIST_GAP_MARKS):
        separators += len(_LIST_GAP_RE.findall(sentence))
    if separators >= max(3, len(found) / 4):
        return False  # a list of skills (by commas, bullets or wide gaps)
    if _YEAR_RE.search(sentence):
        return True
    words = {w.lower().strip(".'-") for w in found}
    return not words.isdisjoint(_WORK_VERBS) or any(
        _WORK_VERB_RE.match(w) and w not in _NOT_WORK_VERBS for w in words
    )


def profile_resume(resume: Document, model: FitModel) -> ResumeProfile:
    """Index a resume's terms by the sections they appear in; read its surface and substance."""
    vocabulary = model.vocabulary_
    terms: list[str] = []
    surface: list[str] = []
    substance: list[str] = []
    # Few distinct section sets exist; sharing them keeps a profile (and its pickle) small.
    sections = _SectionSets()
    sections_by_term: dict[str, frozenset[str]] = {}
    forms_by_term: dict[str, str] = {}
    sections_by_stem: dict[str, frozenset[str]] = {}
    headline = [resume.title] if resume.title else []
    job_lines: list[str] = []
    for section in resume_parts(resume):
        tokens = vocabulary.tokens(section.text)
        found = vocabulary.terms(tokens)
        canonical = [t.canonical for t in found]
        terms.extend(canonical)
        if section.name in SURFACE_SECTIONS:
            surface.extend(canonical)
        elif section.name in SUBSTANCE_SECTIONS:
            substance.extend(canonical)
        sections.add(sections_by_term, canonical, section.name)
        # A term is shown as written canonically if the text ever writes it so, else as the
        # text last wrote it: per section the last form, then the canonical one if written.
        written = dict(found)
        written.update([t for t in found if t.canonical == t.surface])
        for term, form in written.items():
            if forms_by_term.get(term) != term:
                forms_by_term[term] = form
        stems = list(map(stem, tokens))
        sections.add(sections_by_stem, _with_phrase_runs(stems, vocabulary), section.name)
        if section.name == "experience":
            job_lines.extend(_job_title_lines(section.text, model))
    titles = [_title(line, model) for line in (headline + job_lines)[:6]]
    # Job titles named in the opening words count too (text without line breaks hides the
    # headline), by occupation only: loose words there say nothing about the title.
    opening = _title(_opening_words(resume, 40, model), model)
    titles.append(Title(frozenset(), None, opening.occupations))
    # The surface is led by the headline, the substance by the jobs held, the whole by both.
    claimed, held = titles[: len(headline)], titles[len(headline) : -1]
    whole, surface_place, substance_place = occupations_for(model).place_many(
        [terms, surface, substance],
        model,
        [_named(titles), _named(claimed or titles[-1:]), _named(held)],
    )
    return ResumeProfile(
        document=resume,
        terms=tuple(terms),
        sections_by_term=sections_by_term,
        forms_by_term=forms_by_term,
        sections_by_stem=sections_by_stem,
        titles=tuple(titles),
        placement=whole,
        surface=Reading(tuple(surface), surface_place),
        substance=Reading(tuple(substance), substance_place),
        # Years run to today for a job held "to present".
        facts=read_resume_facts(resume.text, resume.title),
    )


class _SectionSets:
    """Index keys by the sections they appear in, one frozenset object for each set."""

    def __init__(self) -> None:
        self._shared: dict[frozenset[str], frozenset[str]] = {}

    def add(self, index: dict[str, frozenset[str]], keys: list[str], section: str) -> None:
        """Add ``section`` to the sections of each of ``keys`` (new keys in their order)."""
        alone = self._share(frozenset((section,)))
        for key in dict.fromkeys(keys):
            known = index.setdefault(key, alone)
            if section not in known:
                index[key] = self._share(known | alone)

    def _share(self, sections: frozenset[str]) -> frozenset[str]:
        return self._shared.setdefault(sections, sections)


def _with_phrase_runs(stems: list[str], vocabulary: Vocabulary) -> list[str]:
    """The stems, each followed by the runs of stems it begins that begin a vocabulary phrase.

    Longer runs only while they begin a vocabulary phrase: a key term is never another run
    of words, and indexing every run would triple the profile.
    """
    phrases, seconds = vocabulary.stemmed_phrases, vocabulary.stemmed_phrase_seconds
    keys: list[str] = []
    done = 0
    pairs = enumerate(itertools.pairwise(stems))
    for i in [i for i, (first, second) in pairs if second in seconds.get(first, ())]:
        keys.extend(stems[done : i + 1])
        done = i + 1
        for n in range(2, MAX_PHRASE_TOKENS + 1):
            run = " ".join(stems[i : i + n])
            if run not in phrases:
                break
            keys.append(run)
    keys.extend(stems[done:])
    return keys


def _job_title_lines(text: str, model: FitModel) -> list[str]:
    """Return lines of an experience section that read as job titles, not sentences."""
    title_words = model.vocabulary_.title_words
    lines = []
    for line in text.splitlines():
        if line.rstrip().endswith("."):
            continue  # a sentence; cheaper to tell than to tokenise
        tokens = model.vocabulary_.tokens(line)
        if 0 < len(tokens) <= 12 and title_words & {singular(t) for t in tokens[:5]}:
            lines.append(line)
    return lines


def _title(line: str, model: FitModel) -> Title:
    vocabulary = model.vocabulary_
    tokens = vocabulary.tokens(line)
    words = [w for w in tokens if singular(w) in vocabulary.title_words]
    stems = frozenset(
        stem(t.canonical)
        for t in vocabulary.terms(tokens)
        if t.canonical not in _SENIORITY and " " not in t.canonical
    )
    occupations: dict[str, float] = {}
    named = [
        vocabulary.occupations_by_found_title[title] for title in vocabulary.find_titles(tokens)
    ]
    found = [codes for codes in named if len(codes) <= MAX_TITLE_OCCUPATIONS]
    for codes in found:
        for code in codes:
            occupations[code] = occupations.get(code, 0.0) + 1 / (len(codes) * len(found))
    return Title(stems, stem(words[-1]) if words else None, occupations)


def _named(titles: Sequence[Title]) -> dict[str, float]:
    """The occupations some titles name, each with its mean share of the titles that name
    any."""
    naming = [title for title in titles if title.occupations]
    named: dict[str, float] = {}
    for title in naming:
        for code, share in title.occupations.items():
            named[code] = named.get(code, 0.0) + share / len(naming)
    return named


def _posting_title(posting: Document, model: FitModel) -> Title:
    """The posting's title, or the job titles its opening words name when it has none."""
    title = _title(posting.title, model)
    if title.head is None and not title.occupations:
        title = _title(_opening_words(posting, 30, model), model)
    return title


def _opening_words(document: Document, count: int, model: FitModel) -> str:
    """The first ``count`` words of ``document``, read from the start of its text only."""
    # Twenty characters a word is ample even for text padded with numbers and punctuation.
    return " ".join(model.vocabulary_.tokens(document.text[: 20 * count])[:count])


def occupations_for(model: FitModel) -> OccupationIndex:
    """Return the occupation index that goes with ``model``'s corpora."""
    return default_occupations(model.corpora)


def load_tables(model: FitModel) -> None:
    """Load now every table that reading and profiling load lazily, by profiling a word.

    Worker processes forked afterwards share the tables instead of each loading its own.
    """
    for role in ("resume", "posting"):
        profile_document(document_from_text("Engineer", role, vocabulary=model.vocabulary_), model)
