"""Score a resume against a posting: its two readings compared, the verdict and its reason."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import product
from typing import TypeVar

import numpy as np

from .documents import Document
from .language import ENGLISH, UNDETERMINED
from .model import Calibration, FitModel, cosines, coverages, default_model
from .occupations import OccupationPlacement, occupation_similarities
from .profiles import (
    SUBSTANCE_SECTIONS,
    SURFACE_SECTIONS,
    KeyTerm,
    PostingProfile,
    ResumeProfile,
    profile_postings,
    profile_resume,
)
from .requirements import HardRequirement, compare
from .results import FitReport, MatchedTerm, MatchKind, MissingTerm, Scores, Verdict

MATCH_CREDIT = {"exact": 1.0, "alias": 1.0, "stem": 0.8}
# Below this occupation match, a poorly targeted resume's reason names the trade its
# experience reads as.
OTHER_TRADE = 0.05
# `fit` counts the occupation match up to this correlation of placements: past it, the two
# documents are of one trade, and whether the resume fits is the rest's to say. Within one
# field (software postings for software resumes) the finer differences of placement are
# noise, and without this cap they would outweigh the evidence.
SAME_TRADE = 0.5

ArrayOrFloat = TypeVar("ArrayOrFloat", float, np.ndarray)


def assess(resume: Document, posting: Document, model: FitModel | None = None) -> FitReport:
    """Assess one resume against one posting.

    >>> from fit_analyzer import document_from_text
    >>> resume = document_from_text("Machinist. Set up and ran CNC lathes " * 5, "resume")
    >>> posting = document_from_text("CNC Machinist. Set up and run CNC lathes " * 5, "posting")
    >>> assess(resume, posting).verdict in ("strong_fit", "partial_fit")
    True
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
    resumes: Sequence[ResumeProfile],
    postings: Sequence[PostingProfile],
    model: FitModel,
    keep: np.ndarray | None = None,
    similarities: Similarities | None = None,
) -> Iterator[FitReport]:
    """`assess_many` for documents already profiled (by `profile_document`).

    ``keep``, a boolean resumes x postings matrix, limits the pairs assessed to its true ones;
    ``similarities``, when given, are those of these resumes and postings.
    """
    for components in measure_pairs(resumes, postings, model, keep, similarities):
        yield score_pair(components, model, model.calibration_)


@dataclass(frozen=True)
class Similarities:
    """The similarity matrices of every resume (rows) and posting, each 0-1."""

    whole: np.ndarray  # TF-IDF cosine of the resume's terms and the posting's
    surface: np.ndarray
    substance: np.ndarray
    job_words: np.ndarray  # cosine of the job words the two documents use
    jobs_held: np.ndarray  # share of the posting's job words the substance names
    occupation: np.ndarray
    surface_occupation: np.ndarray
    substance_occupation: np.ndarray

    @classmethod
    def of(
        cls, resumes: Sequence[ResumeProfile], postings: Sequence[PostingProfile], model: FitModel
    ) -> Similarities:
        # Each document is vectorised once, whatever it is compared with.
        whole, surface, substance, wanted = model.vectorize_groups(
            [
                [r.terms for r in resumes],
                [r.surface.terms for r in resumes],
                [r.substance.terms for r in resumes],
                [p.terms for p in postings],
            ]
        )
        used, held, asked = model.vectorize_groups(
            [
                [_job_words(r.terms, model) for r in resumes],
                [_job_words(r.substance.terms, model) for r in resumes],
                [_job_words(p.terms, model) for p in postings],
            ]
        )
        places = [p.placement for p in postings]
        return cls(
            whole=cosines(whole, wanted),
            surface=cosines(surface, wanted),
            substance=cosines(substance, wanted),
            job_words=cosines(used, asked),
            # The jobs the experience names are the trade the person worked in; naming other
            # jobs too (the analysts one managed) takes nothing away.
            jobs_held=coverages(held, asked),
            occupation=occupation_similarities([r.placement for r in resumes], places),
            surface_occupation=occupation_similarities(
                [r.surface.placement for r in resumes], places
            ),
            substance_occupation=occupation_similarities(
                [r.substance.placement for r in resumes], places
            ),
        )

    def quick(self, calibration: Calibration) -> np.ndarray:
        """A cheap stand-in for `fit` to shortlist pairs by: `fit`'s weighted parts that need
        no key terms (the occupation match; the substance's similarity, trade and jobs held;
        the whole resume's similarity), from these matrices alone."""
        w, q = calibration.weights, calibration.similarity_quantiles
        substance = (
            self.jobs_held + self.substance_occupation + percentiles(self.substance, q["substance"])
        ) / 4
        scores: np.ndarray = (
            w["occupation_match"] * counted_occupation(self.occupation)
            + w["substance_match"] * substance
            + w["similarity"] * percentiles(self.whole, q["whole"])
        )
        return scores


@dataclass(frozen=True)
class PairComponents:
    """The raw measurements of one pair (each 0-1), before calibration applies."""

    resume: ResumeProfile
    posting: PostingProfile
    matched: tuple[MatchedTerm, ...]
    missing: tuple[MissingTerm, ...]
    requirements: tuple[HardRequirement, ...]
    cosine: float  # TF-IDF cosine of the whole resume and the posting's requirements
    surface_cosine: float
    substance_cosine: float
    coverage: float  # weighted share of the key terms named anywhere
    surface_coverage: float  # ... named in the headline, summary or skills
    evidence: float  # ... shown in the substance
    title_match: float
    jobs_held: float  # share of the posting's job words (by TF-IDF weight) the substance names
    occupation_match: float
    surface_occupation: float
    substance_occupation: float


def measure_pairs(
    resumes: Sequence[ResumeProfile],
    postings: Sequence[PostingProfile],
    model: FitModel,
    keep: np.ndarray | None = None,
    similarities: Similarities | None = None,
) -> Iterator[PairComponents]:
    """Yield the components of every pair (or of those ``keep`` marks), resume by resume."""
    sim = similarities or Similarities.of(resumes, postings, model)
    totals = [sum(_importance(k.weight, k.required) for k in p.key_terms) for p in postings]
    pairs = (
        product(range(len(resumes)), range(len(postings)))
        if keep is None
        else zip(*np.nonzero(keep), strict=True)
    )
    for i, j in pairs:
        resume, posting, total = resumes[i], postings[j], totals[j]
        matched, missing = match_key_terms(posting.key_terms, resume)
        yield PairComponents(
            resume=resume,
            posting=posting,
            matched=matched,
            missing=missing,
            requirements=compare(posting.needs, resume.facts),
            cosine=float(sim.whole[i, j]),
            surface_cosine=float(sim.surface[i, j]),
            substance_cosine=float(sim.substance[i, j]),
            coverage=_share(total, matched, lambda m: True),
            surface_coverage=_share(
                total, matched, lambda m: bool(SURFACE_SECTIONS & set(m.found_in))
            ),
            evidence=_share(total, matched, lambda m: m.shown),
            title_match=max(float(sim.job_words[i, j]), _title_match(resume, posting, model)),
            jobs_held=float(sim.jobs_held[i, j]),
            occupation_match=float(sim.occupation[i, j]),
            surface_occupation=float(sim.surface_occupation[i, j]),
            substance_occupation=float(sim.substance_occupation[i, j]),
        )


def match_key_terms(
    key_terms: Sequence[KeyTerm], resume: ResumeProfile
) -> tuple[tuple[MatchedTerm, ...], tuple[MissingTerm, ...]]:
    """Find each key term in the resume; return the matched and the missing, sorted."""
    matched: list[MatchedTerm] = []
    missing: list[MissingTerm] = []
    for key in key_terms:
        found = _find(key, resume)
        if found is None:
            missing.append(MissingTerm(key.term, key.weight, key.required, key.source, key.forms))
        else:
            matched.append(found)
    return (
        tuple(sorted(matched, key=lambda m: (-m.weight, m.term))),
        tuple(sorted(missing, key=lambda m: (not m.required, -m.weight, m.term))),
    )


def _share(
    total: float, matched: Sequence[MatchedTerm], counts: Callable[[MatchedTerm], bool]
) -> float:
    """The share of ``total`` key-term importance that the ``matched`` terms ``counts`` hold."""
    if not total:
        return 0.0
    found = sum(
        _importance(m.weight, m.required) * MATCH_CREDIT[m.match] for m in matched if counts(m)
    )
    return found / total


def _importance(weight: float, required: bool) -> float:
    return weight if required else weight / 2


def _find(key: KeyTerm, resume: ResumeProfile) -> MatchedTerm | None:
    sections = resume.sections_by_term.get(key.term)
    if sections:
        form = resume.forms_by_term[key.term]
        kind: MatchKind = "exact" if form == key.term else "alias"
        return MatchedTerm(
            key.term,
            key.weight,
            key.required,
            kind,
            form,
            tuple(sorted(sections)),
            bool(SUBSTANCE_SECTIONS & sections),
            key.forms,
        )
    sections = resume.sections_by_stem.get(key.stems)
    if sections:
        return MatchedTerm(
            key.term,
            key.weight,
            key.required,
            "stem",
            key.stems,
            tuple(sorted(sections)),
            bool(SUBSTANCE_SECTIONS & sections),
            key.forms,
        )
    return None


def _job_words(terms: Sequence[str], model: FitModel) -> list[str]:
    """The job words ("technician", "machinist") among a document's terms, repeats kept."""
    title_words = model.vocabulary_.title_words
    return [t for t in terms if t in title_words]


def _title_match(resume: ResumeProfile, posting: PostingProfile, model: FitModel) -> float:
    """How well the resume's best title matches the posting's title, 0-1.

    Two readings, the better one counts. By words: the job word ("engineer", "nurse")
    counts half and the words that qualify it ("site reliability") the other half,
    weighted by specificity, so "Software Engineer" matches "Site Reliability Engineer"
    halfway. By occupation: the share of the O*NET occupations the two titles name in
    common, so "MRI Tech" matches "Magnetic Resonance Imaging Technologist".

    `measure_pairs` adds a third reading, which also serves text whose titles are not
    found (resumes that lost their line breaks, postings without a title line): the TF-IDF
    cosine of the job words (head words of O*NET titles) each whole document uses, so a
    resume that keeps saying "technician" matches a technician posting.
    """
    wanted = posting.title
    modifiers = wanted.stems - {wanted.head} if wanted.head else frozenset()
    total = _idf_sum(model, modifiers)
    best = 0.0
    for have in resume.titles:
        if wanted.head:
            head = 1.0 if wanted.head in have.stems else 0.0
            shared = _idf_sum(model, modifiers & have.stems) / total if total else head
            best = max(best, 0.5 * head + 0.5 * shared)
        common = sum(
            min(share, have.occupations.get(code, 0.0))
            for code, share in wanted.occupations.items()
        )
        best = max(best, common)
    return best


@functools.lru_cache(maxsize=4096)
def _idf_sum(model: FitModel, stems: frozenset[str]) -> float:
    # Summed in sorted order: a set's order can change when a cached profile is unpickled,
    # and the last bit of a float sum with it. Cached: titles repeat across a batch's pairs.
    return sum(model.idf_of(m) for m in sorted(stems))


def percentile(cosine: float, quantiles: Sequence[float]) -> float:
    """Where ``cosine`` falls among the calibration's fitting pairs, 0-1.

    Above the second-highest quantile it rises in step with the cosine, to 1 for identical
    text: the most similar fitting pair seen is no ceiling, so the score does not saturate.
    """
    return float(percentiles(np.asarray(cosine), quantiles))


def percentiles(cosines: np.ndarray, quantiles: Sequence[float]) -> np.ndarray:
    """`percentile` of every cosine of a matrix."""
    anchors, grid = _percentile_scale(tuple(quantiles))
    found: np.ndarray = np.interp(cosines, anchors, grid)
    return found


@functools.lru_cache(maxsize=16)
def _percentile_scale(quantiles: tuple[float, ...]) -> tuple[np.ndarray, np.ndarray]:
    return np.array([*quantiles[:-1], 1.0]), np.linspace(0.0, 1.0, len(quantiles))


# The parts `fit` weighs (`Calibration.weights` names them).
FIT_PARTS = ("substance_match", "surface_match", "similarity", "coverage", "occupation_match")


def parts(c: PairComponents, calibration: Calibration) -> dict[str, float]:
    """Return the pair's scores before weighing, each 0-1.

    The surface match averages what a screener sees (title, key terms named in the headline,
    summary and skills, their similarity and their trade); the substance match averages what
    the work shows (key terms shown, its similarity, the jobs it names and its trade).
    Similarities are percentiles among the calibration's fitting pairs, so that none
    saturates.
    """
    q = calibration.similarity_quantiles
    surface = (
        c.title_match
        + c.surface_coverage
        + percentile(c.surface_cosine, q["surface"])
        + c.surface_occupation
    ) / 4
    substance = (
        c.evidence
        + percentile(c.substance_cosine, q["substance"])
        + c.jobs_held
        + c.substance_occupation
    ) / 4
    values = {
        "surface_match": surface,
        "substance_match": substance,
        "similarity": percentile(c.cosine, q["whole"]),
        "coverage": c.coverage,
        "evidence": c.evidence,
        "title_match": c.title_match,
        "occupation_match": c.occupation_match,
    }
    # Sums of floats may stray past 1 by a rounding error.
    return {name: min(1.0, max(0.0, value)) for name, value in values.items()}


def fit_parts(p: dict[str, float]) -> list[float]:
    """The values `fit` weighs, in `FIT_PARTS` order: the parts, with the occupation match
    as `counted_occupation`."""
    weighed = {**p, "occupation_match": float(counted_occupation(p["occupation_match"]))}
    return [weighed[name] for name in FIT_PARTS]


def counted_occupation(match: ArrayOrFloat) -> ArrayOrFloat:
    """The occupation match (0-1) as `fit` counts it: in full from `SAME_TRADE` up."""
    counted: ArrayOrFloat = np.minimum(1.0, match / SAME_TRADE)
    return counted


def combine(c: PairComponents, calibration: Calibration) -> Scores:
    """Weigh the parts into the scores of the report (0-100).

    Fit rests mostly on the substance: the surface is cheap to tailor.
    """
    p = parts(c, calibration)
    weights = [calibration.weights[name] for name in FIT_PARTS]
    fit = sum(w * value for w, value in zip(weights, fit_parts(p), strict=True))
    unmet = sum(r.status == "not_met" for r in c.requirements)
    fit *= max(0.0, 1 - calibration.unmet_requirement_cost * unmet)
    return Scores(fit=100 * fit, **{name: 100 * value for name, value in p.items()})


def score_pair(components: PairComponents, model: FitModel, calibration: Calibration) -> FitReport:
    """Turn a pair's components into its report: scores, verdict, reason, term lists."""
    resume, posting = components.resume, components.posting
    matched, missing = components.matched, components.missing
    scores = combine(components, calibration)
    doubts = _doubts(resume, posting, calibration)
    verdict, reason = _verdict(scores, components, calibration, doubts)
    listed_not_shown = tuple(
        sorted(m.term for m in matched if "skills" in m.found_in and not m.shown)
    )
    diagnostics = [f"resume: {w}" for w in resume.document.warnings]
    diagnostics += [f"posting: {w}" for w in posting.document.warnings]
    if len(posting.key_terms) < calibration.min_key_terms:
        diagnostics.append(
            f"posting: only {len(posting.key_terms)} key terms found; too few to judge the "
            "fit with confidence"
        )
    if not posting.document.title:
        diagnostics.append("posting: no job title line found; the title is read from its opening")
    return FitReport(
        resume=resume.document,
        posting=posting.document,
        scores=scores,
        verdict=verdict,
        reason=reason,
        confident=not doubts,
        matched=matched,
        missing=missing,
        requirements=components.requirements,
        checks=posting.needs.checks,
        listed_not_shown=listed_not_shown,
        diagnostics=tuple(diagnostics),
        model_id=model.corpus_id_,
        resume_reads_as=_titles(resume.placement),
        posting_reads_as=_titles(posting.placement),
        surface_reads_as=_titles(resume.surface.placement),
        substance_reads_as=_titles(resume.substance.placement),
    )


def _titles(placement: OccupationPlacement) -> tuple[str, ...]:
    return tuple(o.title for o in placement.top)


def _doubts(resume: ResumeProfile, posting: PostingProfile, calibration: Calibration) -> list[str]:
    """What makes a firm verdict unsafe for this pair: few key terms, a text not in English."""
    doubts = [
        f"the {d.role} is not in English"
        for d in (resume.document, posting.document)
        if d.language not in (ENGLISH, UNDETERMINED)
    ]
    if len(posting.key_terms) < calibration.min_key_terms:
        doubts.append(f"the posting names only {len(posting.key_terms)} key terms")
    return doubts


def _verdict(
    scores: Scores, c: PairComponents, calibration: Calibration, doubts: Sequence[str]
) -> tuple[Verdict, str]:
    """Return the verdict and its one-sentence reason.

    ``poorly_targeted``: the surface claims the posting but the substance does not show
    it (its match, a quarter of which is its trade, is low). ``strong_fit`` needs shown
    substance. With doubts, neither firm verdict is claimed.
    """
    v = calibration.verdicts
    required_total = sum(t.required for t in c.matched) + sum(t.required for t in c.missing)
    required_met = sum(t.required for t in c.matched)
    required_shown = sum(t.required and t.shown for t in c.matched)
    of_key = f"{required_met} of the posting's {required_total} key requirements"
    claims = scores.surface_match >= v["surface_claims"]
    unshown = scores.substance_match < v["substance_shown"]
    if doubts:
        too_little = "; ".join(doubts)
        if scores.fit < v["not_a_fit"] and not claims:
            return "not_a_fit", f"Little in common, though {too_little}: it covers {of_key}."
        return "partial_fit", (
            f"No firm verdict: {too_little}. The resume covers {of_key} (fit {scores.fit:.0f}/100)."
        )
    if claims and unshown:
        held = c.resume.substance.placement.top
        other_trade = (
            f" and reads as another trade ({held[0].title})"
            if held and c.substance_occupation < OTHER_TRADE
            else ""
        )
        return "poorly_targeted", (
            f"The resume looks right at a glance (surface match {scores.surface_match:.0f}/100) "
            f"but its experience shows only {required_shown} of {required_total} key "
            f"requirements (substance match {scores.substance_match:.0f}/100){other_trade}."
        )
    unmet = [r.kind for r in c.requirements if r.status == "not_met"]
    firm = not unshown and not unmet
    if firm and scores.fit >= v["strong_fit"] and scores.evidence >= v["strong_evidence"]:
        return "strong_fit", (
            f"The resume covers {of_key}, and its experience shows {required_shown} of them."
        )
    if scores.fit < v["not_a_fit"] and not claims:
        reads_as = _reads_as(c.resume.substance.placement, c.posting.placement)
        return "not_a_fit", (
            f"The resume reads as a different role or field{reads_as}: it covers {of_key}."
        )
    short_of = f", and it falls short on {' and '.join(unmet)}" if unmet else ""
    return "partial_fit", (
        f"A related role with some overlap: the resume covers {of_key} and shows "
        f"{required_shown} in its experience{short_of}; the gaps below are worth closing."
    )


def _reads_as(resume: OccupationPlacement, posting: OccupationPlacement) -> str:
    if not resume.top or not posting.top or resume.top[0].code == posting.top[0].code:
        return ""
    return f" ({resume.top[0].title} rather than {posting.top[0].title})"
