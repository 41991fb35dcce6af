"""Assess how well a resume targets a posting: scores, verdict, matched and missing terms."""

from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import product

from .documents import Document, document_from_text
from .model import Calibration, FitModel, default_model
from .occupations import (
    OccupationIndex,
    OccupationPlacement,
    default_occupations,
    occupation_similarities,
)
from .text import stem
from .vocabulary import MAX_PHRASE_TOKENS

VERDICTS = ("strong_fit", "partial_fit", "poorly_targeted", "not_a_fit")

# How much a term counts by the posting section it appears in; boilerplate does not count.
POSTING_SECTION_WEIGHTS = {
    "requirements": 1.0,
    "responsibilities": 0.8,
    "overview": 0.6,
    "other": 0.6,
    "preferred": 0.4,
}
# Resume sections whose text shows a skill being used, not only claimed.
EVIDENCE_SECTIONS = frozenset({"experience", "projects"})
# Sections that carry a resume's substance; without any, it is all headline and summary.
BODY_SECTIONS = frozenset({"experience", "projects", "skills"})
# Terms typical of the occupations a posting reads as are what a same-trade resume shows.
TYPICAL_TERM_BOOST = 2.0
MATCH_CREDIT = {"exact": 1.0, "alias": 1.0, "stem": 0.8}
# Words that qualify a job title without changing the job.
_SENIORITY = frozenset(
    {
        "senior",
        "sr",
        "junior",
        "jr",
        "lead",
        "principal",
        "staff",
        "entry",
        "level",
        "ii",
        "iii",
        "iv",
        "i",
        "associate",
        "chief",
        "head",
        "trainee",
        "apprentice",
        "shift",
        "2nd",
        "3rd",
        "1st",
        "full",
        "part",
        "remote",
    }
)


@dataclass(frozen=True)
class KeyTerm:
    """A term the posting asks for, with its relative importance (the largest is 1)."""

    term: str
    weight: float
    required: bool
    stems: str  # the term's words stemmed, to match other forms of them


@dataclass(frozen=True)
class MatchedTerm:
    term: str
    weight: float
    required: bool
    match: str  # exact, alias or stem
    resume_form: str
    found_in: tuple[str, ...]


@dataclass(frozen=True)
class MissingTerm:
    term: str
    weight: float
    required: bool


@dataclass(frozen=True)
class Scores:
    """Component scores, each 0-100."""

    fit: float
    similarity: float
    coverage: float
    evidence: float
    title_match: float
    occupation_match: float


@dataclass(frozen=True)
class FitReport:
    """The assessment of one resume against one posting."""

    resume: Document
    posting: Document
    scores: Scores
    verdict: str
    reason: str
    matched: tuple[MatchedTerm, ...]
    missing: tuple[MissingTerm, ...]
    listed_not_shown: tuple[str, ...]
    diagnostics: tuple[str, ...]
    model_id: str
    resume_reads_as: tuple[str, ...]  # the O*NET occupations each document reads as, best first
    posting_reads_as: tuple[str, ...]


@dataclass(frozen=True)
class PostingProfile:
    """What a posting asks for, computed once per posting."""

    document: Document
    terms: tuple[str, ...]
    key_terms: tuple[KeyTerm, ...]
    title: Title
    placement: OccupationPlacement


@dataclass(frozen=True)
class ResumeProfile:
    """Where each term appears in a resume, computed once per resume."""

    document: Document
    terms: tuple[str, ...]
    sections_by_term: dict[str, frozenset[str]]
    forms_by_term: dict[str, str]
    sections_by_stem: dict[str, frozenset[str]]
    titles: tuple[Title, ...]
    # Sections that show a skill in use; every section when the resume has neither an
    # experience nor a skills section (text without structure cannot tell claims apart).
    evidence_sections: frozenset[str]
    # No experience, projects or skills section: only a headline, summary and the like.
    all_surface: bool
    placement: OccupationPlacement


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
    places = occupations_for(model).place_many([d.terms for d in drafts], model)
    return [draft.finish(place, model) for draft, place in zip(drafts, places, strict=True)]


@dataclass
class _KeyTermDraft:
    """A posting's candidate key terms, before the occupation it reads as is known."""

    posting: Document
    title: Title
    terms: list[str]
    counts: Counter[str]
    best_section: dict[str, float]
    required: set[str]

    @classmethod
    def of(cls, posting: Document, model: FitModel) -> _KeyTermDraft:
        vocabulary = model.vocabulary_
        draft = cls(posting, _posting_title(posting, model), [], Counter(), {}, set())
        for section in posting.sections:
            section_weight = POSTING_SECTION_WEIGHTS.get(section.name)
            if section_weight is None:
                continue
            terms = [t.canonical for t in vocabulary.terms(vocabulary.tokens(section.text))]
            draft.terms.extend(terms)
            for t, n in Counter(terms).items():
                if stem(t) in draft.title.stems or not _is_key_candidate(t, model):
                    continue
                draft.counts[t] += n
                draft.best_section[t] = max(draft.best_section.get(t, 0), section_weight)
                if section.name != "preferred":
                    draft.required.add(t)
        return draft

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
        chosen = _drop_phrase_parts(chosen)[: model.calibration_.key_terms]
        top = raw[chosen[0]] if chosen else 1.0
        key_terms = tuple(
            KeyTerm(t, raw[t] / top, t in self.required, " ".join(map(stem, t.split())))
            for t in chosen
        )
        return PostingProfile(self.posting, tuple(self.terms), key_terms, self.title, place)


@functools.lru_cache(maxsize=1 << 16)  # called for every term of every posting
def _is_key_candidate(term: str, model: FitModel) -> bool:
    """Known skills and technologies, and specific words that describe work.

    A single word must be one the O*NET occupation profiles use ("lathe", "triage"), so
    that company names, weekdays and run-together words never become requirements.
    """
    if " " in term or term in model.vocabulary_.skills:
        return True
    return (
        term.isalpha()
        and len(term) > 2
        and term in occupations_for(model).term_columns
        and model.idf_of(term) >= model.calibration_.key_term_min_idf
    )


def _drop_phrase_parts(terms: list[str]) -> list[str]:
    """Drop single words that only appear as part of a higher-ranked phrase."""
    kept: list[str] = []
    covered: set[str] = set()
    for term in terms:
        if " " not in term and term in covered:
            continue
        kept.append(term)
        covered.update(term.split())
    return kept


def profile_resume(resume: Document, model: FitModel) -> ResumeProfile:
    """Index a resume's terms by the sections they appear in; place it among occupations."""
    vocabulary = model.vocabulary_
    terms: list[str] = []
    sections_by_term: dict[str, set[str]] = defaultdict(set)
    forms_by_term: dict[str, str] = {}
    sections_by_stem: dict[str, set[str]] = defaultdict(set)
    title_lines = [resume.title] if resume.title else []
    for section in resume.sections:
        tokens = vocabulary.tokens(section.text)
        for term in vocabulary.terms(tokens):
            terms.append(term.canonical)
            sections_by_term[term.canonical].add(section.name)
            if forms_by_term.get(term.canonical) != term.canonical:
                forms_by_term[term.canonical] = term.surface
        stems = [stem(t) for t in tokens]
        phrases, starts = vocabulary.stemmed_phrases, vocabulary.stemmed_phrase_starts
        for i, first in enumerate(stems):
            sections_by_stem[first].add(section.name)
            if first not in starts:
                continue
            # Longer runs only while they begin a vocabulary phrase: a key term is never
            # another run of words, and indexing every run would triple the profile.
            for n in range(2, MAX_PHRASE_TOKENS + 1):
                run = " ".join(stems[i : i + n])
                if run not in phrases:
                    break
                sections_by_stem[run].add(section.name)
        if section.name == "experience":
            title_lines.extend(_job_title_lines(section.text, model))
    titles = [_title(line, model) for line in title_lines[:6]]
    # Job titles named in the opening words count too (text without line breaks hides the
    # headline), by occupation only: loose words there say nothing about the title.
    opening = _title(_opening_words(resume, 40, model), model)
    titles.append(Title(frozenset(), None, opening.occupations))
    # Few distinct section sets exist; sharing them keeps a profile (and its pickle) small.
    shared: dict[frozenset[str], frozenset[str]] = {}

    def share(sections: set[str]) -> frozenset[str]:
        key = frozenset(sections)
        return shared.setdefault(key, key)

    return ResumeProfile(
        document=resume,
        terms=tuple(terms),
        sections_by_term={t: share(s) for t, s in sections_by_term.items()},
        forms_by_term=forms_by_term,
        sections_by_stem={t: share(s) for t, s in sections_by_stem.items()},
        titles=tuple(titles),
        evidence_sections=(
            EVIDENCE_SECTIONS
            if {"experience", "skills"} & {s.name for s in resume.sections}
            else frozenset(s.name for s in resume.sections)
        ),
        all_surface=not BODY_SECTIONS & {s.name for s in resume.sections},
        placement=occupations_for(model).place(terms, model),
    )


def _job_title_lines(text: str, model: FitModel) -> list[str]:
    """Return lines of an experience section that read as job titles, not sentences."""
    title_words = model.vocabulary_.title_words
    lines = []
    for line in text.splitlines():
        if line.rstrip().endswith("."):
            continue  # a sentence; cheaper to tell than to tokenise
        tokens = model.vocabulary_.tokens(line)
        if 0 < len(tokens) <= 12 and title_words & set(tokens[:5]):
            lines.append(line)
    return lines


@dataclass(frozen=True)
class Title:
    """A job title as compared: its word stems, its job word, the occupations it names."""

    stems: frozenset[str]
    head: str | None
    occupations: dict[str, float]  # O*NET code -> share of the title's meaning


def _title(line: str, model: FitModel) -> Title:
    vocabulary = model.vocabulary_
    tokens = vocabulary.tokens(line)
    words = [w for w in tokens if w in vocabulary.title_words]
    stems = frozenset(
        stem(t.canonical)
        for t in vocabulary.terms(tokens)
        if t.canonical not in _SENIORITY and " " not in t.canonical
    )
    occupations: dict[str, float] = {}
    found = vocabulary.find_titles(tokens)
    for title in found:
        codes = vocabulary.occupations_by_title[title]
        for code in codes:
            occupations[code] = occupations.get(code, 0.0) + 1 / (len(codes) * len(found))
    return Title(stems, stem(words[-1]) if words else None, occupations)


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


def assess(resume: Document, posting: Document, model: FitModel | None = None) -> FitReport:
    """Assess one resume against one posting.

    >>> report = assess(resume, posting)  # doctest: +SKIP
    >>> report.verdict, report.scores.fit  # doctest: +SKIP
    ('poorly_targeted', 38.2)
    """
    return next(assess_many([resume], [posting], model))


def assess_many(
    resumes: Sequence[Document], postings: Sequence[Document], model: FitModel | None = None
) -> Iterator[FitReport]:
    """Assess every resume against every posting, resume by resume, postings in order.

    Each document is profiled and placed among the occupations once, and the similarities
    of all pairs come from matrix products.
    """
    model = model or default_model()
    resume_profiles = [profile_resume(r, model) for r in resumes]
    yield from assess_profiles(resume_profiles, profile_postings(postings, model), model)


def assess_profiles(
    resumes: Sequence[ResumeProfile], postings: Sequence[PostingProfile], model: FitModel
) -> Iterator[FitReport]:
    """`assess_many` for documents already profiled (by `profile_document`)."""
    for components in measure_pairs(resumes, postings, model):
        yield score_pair(components, model, model.calibration_)


def measure_pairs(
    resumes: Sequence[ResumeProfile], postings: Sequence[PostingProfile], model: FitModel
) -> Iterator[PairComponents]:
    """Yield the components of every pair, resume by resume, postings in order."""
    cosines = model.cosine([r.terms for r in resumes], [p.terms for p in postings])
    job_words = model.cosine(
        [_job_words(r.terms, model) for r in resumes],
        [_job_words(p.terms, model) for p in postings],
    )
    same_occupation = occupation_similarities(
        [r.placement for r in resumes], [p.placement for p in postings]
    )
    for i, j in product(range(len(resumes)), range(len(postings))):
        yield pair_components(
            resumes[i],
            postings[j],
            float(cosines[i, j]),
            float(same_occupation[i, j]),
            model,
            job_words=float(job_words[i, j]),
        )


def _job_words(terms: Sequence[str], model: FitModel) -> list[str]:
    """The job words ("technician", "machinist") among a document's terms, repeats kept."""
    title_words = model.vocabulary_.title_words
    return [t for t in terms if t in title_words]


def occupations_for(model: FitModel) -> OccupationIndex:
    """Return the occupation index that goes with ``model``'s corpora."""
    return default_occupations(model.corpora)


def load_tables(model: FitModel) -> None:
    """Load now every table that reading and profiling load lazily, by profiling a word.

    Worker processes forked afterwards share the tables instead of each loading its own.
    """
    for role in ("resume", "posting"):
        profile_document(document_from_text("Engineer", role, vocabulary=model.vocabulary_), model)


@dataclass(frozen=True)
class PairComponents:
    """The raw measurements of one pair, before weights and thresholds apply."""

    resume: ResumeProfile
    posting: PostingProfile
    matched: tuple[MatchedTerm, ...]
    missing: tuple[MissingTerm, ...]
    cosine: float
    coverage: float
    evidence: float
    title_match: float
    occupation_match: float


def pair_components(
    resume: ResumeProfile,
    posting: PostingProfile,
    cosine: float,
    occupation_match: float,
    model: FitModel,
    *,
    job_words: float,
) -> PairComponents:
    """Match the posting's key terms in the resume and measure the pair (all 0-1).

    ``job_words`` is the cosine of the two documents' job words (see `_title_match`).
    """
    matched: list[MatchedTerm] = []
    missing: list[MissingTerm] = []
    for key in posting.key_terms:
        found = _find(key, resume)
        if found is None:
            missing.append(MissingTerm(key.term, key.weight, key.required))
        else:
            matched.append(found)
    total = sum(_importance(k.weight, k.required) for k in posting.key_terms) or 1.0
    covered = sum(_importance(m.weight, m.required) * MATCH_CREDIT[m.match] for m in matched)
    shown = sum(
        _importance(m.weight, m.required) * MATCH_CREDIT[m.match]
        for m in matched
        if resume.evidence_sections & set(m.found_in)
    )
    return PairComponents(
        resume=resume,
        posting=posting,
        matched=tuple(sorted(matched, key=lambda m: (-m.weight, m.term))),
        missing=tuple(sorted(missing, key=lambda m: (not m.required, -m.weight, m.term))),
        cosine=cosine,
        coverage=covered / total,
        evidence=shown / covered if covered else 0.0,
        title_match=max(job_words, _title_match(resume, posting, model)),
        occupation_match=occupation_match,
    )


def combine(components: PairComponents, calibration: Calibration) -> Scores:
    """Weigh the components into the scores of the report (0-100)."""
    c = components
    similarity = min(1.0, c.cosine / calibration.similarity_scale)
    w = calibration.weights
    fit = (
        w["coverage"] * c.coverage
        + w["similarity"] * similarity
        + w["evidence"] * c.evidence * c.coverage
        + w["title_match"] * c.title_match
        + w["occupation_match"] * c.occupation_match
    )
    return Scores(
        fit=100 * fit,
        similarity=100 * similarity,
        coverage=100 * c.coverage,
        evidence=100 * c.evidence,
        title_match=100 * c.title_match,
        occupation_match=100 * c.occupation_match,
    )


def score_pair(components: PairComponents, model: FitModel, calibration: Calibration) -> FitReport:
    """Turn a pair's components into its report: scores, verdict, reason, term lists."""
    resume, posting = components.resume, components.posting
    resume_place, posting_place = resume.placement, posting.placement
    matched, missing = components.matched, components.missing
    scores = combine(components, calibration)
    verdict, reason = _verdict(
        scores, matched, missing, calibration, resume_place, posting_place, resume.all_surface
    )
    listed_not_shown = tuple(
        sorted(
            m.term
            for m in matched
            if "skills" in m.found_in and not resume.evidence_sections & set(m.found_in)
        )
    )
    diagnostics = [f"resume: {w}" for w in resume.document.warnings]
    diagnostics += [f"posting: {w}" for w in posting.document.warnings]
    if len(posting.key_terms) < 5:
        diagnostics.append(
            f"posting: only {len(posting.key_terms)} key terms found; coverage rests on few terms"
        )
    if not posting.document.title:
        diagnostics.append("posting: no job title line found; the title is read from its opening")
    return FitReport(
        resume=resume.document,
        posting=posting.document,
        scores=scores,
        verdict=verdict,
        reason=reason,
        matched=matched,
        missing=missing,
        listed_not_shown=listed_not_shown,
        diagnostics=tuple(diagnostics),
        model_id=model.corpus_id_,
        resume_reads_as=tuple(o.title for o in resume_place.top),
        posting_reads_as=tuple(o.title for o in posting_place.top),
    )


def _importance(weight: float, required: bool) -> float:
    return weight if required else weight / 2


def _find(key: KeyTerm, resume: ResumeProfile) -> MatchedTerm | None:
    sections = resume.sections_by_term.get(key.term)
    if sections:
        form = resume.forms_by_term[key.term]
        kind = "exact" if form == key.term else "alias"
        return MatchedTerm(key.term, key.weight, key.required, kind, form, tuple(sorted(sections)))
    sections = resume.sections_by_stem.get(key.stems)
    if sections:
        return MatchedTerm(
            key.term, key.weight, key.required, "stem", key.stems, tuple(sorted(sections))
        )
    return None


def _title_match(resume: ResumeProfile, posting: PostingProfile, model: FitModel) -> float:
    """How well the resume's best title matches the posting's title, 0-1.

    Two readings, the better one counts. By words: the job word ("engineer", "nurse")
    counts half and the words that qualify it ("site reliability") the other half,
    weighted by specificity, so "Software Engineer" matches "Site Reliability Engineer"
    halfway. By occupation: the share of the O*NET occupations the two titles name in
    common, so "MRI Tech" matches "Magnetic Resonance Imaging Technologist".

    `pair_components` adds a third reading, which also serves text whose titles are not
    found (resumes that lost their line breaks, postings without a title line): the TF-IDF
    cosine of the job words (head words of O*NET titles) each whole document uses, so a
    resume that keeps saying "technician" matches a technician posting.
    """
    wanted = posting.title
    modifiers = wanted.stems - {wanted.head} if wanted.head else frozenset()
    total = sum(model.idf_of(m) for m in modifiers)
    best = 0.0
    for have in resume.titles:
        if wanted.head:
            head = 1.0 if wanted.head in have.stems else 0.0
            shared = sum(model.idf_of(m) for m in modifiers & have.stems) / total if total else head
            best = max(best, 0.5 * head + 0.5 * shared)
        common = sum(
            min(share, have.occupations.get(code, 0.0))
            for code, share in wanted.occupations.items()
        )
        best = max(best, common)
    return best


def _verdict(
    scores: Scores,
    matched: Sequence[MatchedTerm],
    missing: Sequence[MissingTerm],
    calibration: Calibration,
    resume_place: OccupationPlacement,
    posting_place: OccupationPlacement,
    all_surface: bool,
) -> tuple[str, str]:
    """Return the verdict and its one-sentence reason.

    ``poorly_targeted`` needs the key requirements not to be shown, and a surface that
    looks right: a matching title or occupation, or a resume that is all surface (headline
    and summary, with no experience, projects or skills to show the substance).
    """
    required_total = sum(t.required for t in matched) + sum(t.required for t in missing)
    required_met = sum(t.required for t in matched)
    of_key = f"{required_met} of the posting's {required_total} key requirements"
    strong, poor, low = calibration.strong_fit, calibration.poorly_targeted, calibration.not_a_fit
    if scores.fit >= strong["fit"] and scores.coverage >= strong["coverage"]:
        return "strong_fit", f"The resume covers {of_key}, most with evidence in experience."
    surface = max(scores.title_match, scores.occupation_match)
    shown = scores.coverage * scores.evidence / 100  # covered with evidence, 0-100
    if surface >= poor["surface"] and shown < poor["coverage"]:
        what = (
            f"title match {scores.title_match:.0f}/100"
            if scores.title_match >= scores.occupation_match
            else f"same occupation {scores.occupation_match:.0f}/100"
        )
        return "poorly_targeted", (
            f"The resume looks right at a glance ({what}) but covers only {of_key}."
        )
    if all_surface and shown < poor["coverage"]:
        return "poorly_targeted", (
            "The resume is all headline and summary, with no experience, projects or skills "
            f"to show the substance: it covers only {of_key}."
        )
    if scores.fit < low["fit"]:
        reads_as = _reads_as(resume_place, posting_place)
        return "not_a_fit", (
            f"The resume reads as a different role or field{reads_as}: it covers {of_key}."
        )
    return "partial_fit", (
        f"A related role with some overlap: the resume covers {of_key}; the gaps below are "
        "worth closing."
    )


def _reads_as(resume: OccupationPlacement, posting: OccupationPlacement) -> str:
    if not resume.top or not posting.top or resume.top[0].code == posting.top[0].code:
        return ""
    return f" ({resume.top[0].title} rather than {posting.top[0].title})"
