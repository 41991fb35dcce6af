"""Place a document among the O*NET occupations and compare two placements.

TF-IDF cosine between a resume and a posting misses *which job* each one is about: a
machinist's resume and a CNC programmer posting may share few words but one trade. Each
O*NET occupation has a term profile (``corpora/model/occupations.tsv``, built by
``scripts/build_occupations.py``); a document's cosines to all the profiles say where it
sits, and two documents compare by how alike those cosine patterns are.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from .model import FitModel
from .vocabulary import corpora_path, read_table

PROFILES_FILE = Path("model") / "occupations.tsv"
TITLES_FILE = Path("vocabulary") / "occupations.tsv"
TOP_OCCUPATIONS = 3


@dataclass(frozen=True)
class PlacedOccupation:
    """An occupation a document reads as, with its cosine to the occupation's profile."""

    code: str
    title: str
    score: float


@dataclass(frozen=True, eq=False)
class OccupationPlacement:
    """Where a document sits among the occupations.

    ``top`` lists the occupations the document reads as, best first: by its text, led by
    those its job titles name (below). ``affinity`` holds, for every
    occupation of the index, how much closer than its average the document is to that
    occupation, L2-normalised: the dot product of two affinities is the correlation of the
    two documents' cosine patterns.
    """

    top: tuple[PlacedOccupation, ...]
    affinity: NDArray[np.float64]


class OccupationIndex:
    """Term profiles of the O*NET occupations, as one sparse occupations x terms matrix."""

    def __init__(
        self,
        codes: Sequence[str],
        titles: Sequence[str],
        profiles: sparse.csr_matrix,
        term_columns: dict[str, int],
    ) -> None:
        self.codes = tuple(codes)
        self.titles = tuple(titles)
        self.profiles = profiles
        self.term_columns = term_columns
        self._idf_cache: tuple[tuple[int, str], dict[str, float]] | None = None

    @classmethod
    def load(cls, root: Path | None = None) -> OccupationIndex:
        """Read the profiles and titles from ``root`` (default: the shipped corpora)."""
        root = root or corpora_path()
        title_of = {row[0]: row[1] for row in read_table(root / TITLES_FILE)}
        codes: dict[str, int] = {}
        term_columns: dict[str, int] = {}
        rows, columns, weights = [], [], []
        for code, term, weight in read_table(root / PROFILES_FILE):
            rows.append(codes.setdefault(code, len(codes)))
            columns.append(term_columns.setdefault(term, len(term_columns)))
            weights.append(float(weight))
        profiles = sparse.csr_matrix(
            (weights, (rows, columns)), shape=(len(codes), len(term_columns)), dtype=np.float64
        )
        return cls(list(codes), [title_of.get(c, c) for c in codes], profiles, term_columns)

    def cosines(self, documents: Sequence[Sequence[str]], model: FitModel) -> NDArray[np.float64]:
        """Return the documents x occupations matrix of cosines to the profiles.

        A document is a list of canonical terms, weighted by sublinear tf and the model's
        background IDF, and normalised over the terms the profiles know, so that names and
        places in a long resume do not shrink its scores.
        """
        columns: list[int] = []
        weights: list[float] = []
        starts = [0]
        idf = self._idf(model)
        for terms in documents:
            counts = Counter(terms)
            known = [t for t in counts if t in idf]  # in order: the sums are the same to the bit
            vector = [_SUBLINEAR_TF[counts[t]] * idf[t] for t in known]
            norm = math.sqrt(sum([w * w for w in vector]))
            columns.extend([self.term_columns[t] for t in known])
            weights.extend([w / norm for w in vector])
            starts.append(len(columns))
        # Built from its index arrays directly: for one document, the general (row, column)
        # constructor costs more than the product itself.
        arrays = (np.array(weights), np.array(columns, np.int32), np.array(starts, np.int32))
        matrix = sparse.csr_matrix(arrays, shape=(len(documents), len(self.term_columns)))
        return np.asarray((matrix @ self._profiles_by_term).todense(), dtype=np.float64)

    def place_many(
        self,
        documents: Sequence[Sequence[str]],
        model: FitModel,
        titled: Sequence[Mapping[str, float]] = (),
        top: int = TOP_OCCUPATIONS,
    ) -> list[OccupationPlacement]:
        """Place each document, given as its list of canonical terms.

        ``titled`` gives, per document, the occupations its job titles name (code -> share
        of the titles' meaning). They lead the ``top`` list: each is ranked as if its cosine
        were higher by its share of the document's best cosine. The text alone still decides
        ``affinity``, since a title is cheap to copy. O*NET files "Backend Engineer" under
        Web Developers, but its profile lists older tools than a recent occupation such as
        Blockchain Engineers, which a modern backend posting's words sit closest to.
        """
        cosines = self.cosines(documents, model)
        affinities = _affinities(cosines)
        named = list(titled) or [{}] * len(documents)
        return [
            OccupationPlacement(self._top(row, names, top), affinity)
            for row, names, affinity in zip(cosines, named, affinities, strict=True)
        ]

    def place(
        self,
        terms: Sequence[str],
        model: FitModel,
        titled: Mapping[str, float] | None = None,
        top: int = TOP_OCCUPATIONS,
    ) -> OccupationPlacement:
        """Place one document, given as its list of canonical terms."""
        return self.place_many([terms], model, [titled or {}], top)[0]

    def terms_of(self, codes: Sequence[str]) -> frozenset[str]:
        """Return the terms in the profiles of the occupations with these codes."""
        return self._terms_of(tuple(codes))

    @functools.lru_cache(maxsize=4096)  # noqa: B019 (one index lives as long as the process)
    def _terms_of(self, codes: tuple[str, ...]) -> frozenset[str]:
        rows = [self._rows[code] for code in codes]
        return frozenset(self._terms[int(c)] for c in self.profiles[rows].indices)

    def _idf(self, model: FitModel) -> dict[str, float]:
        """The model's IDF of each profile term, looked up once per model, not per document."""
        key = (id(model), model.fingerprint_)
        cached = self._idf_cache  # one attribute, read and set at once: threads share an index
        if cached is None or cached[0] != key:
            cached = (key, {t: model.idf_of(t) for t in self.term_columns})
            self._idf_cache = cached
        return cached[1]

    @functools.cached_property
    def _profiles_by_term(self) -> sparse.csr_matrix:
        """The profiles transposed (terms x occupations), converted once, not per product."""
        return sparse.csr_matrix(self.profiles.T)

    @functools.cached_property
    def _rows(self) -> dict[str, int]:
        return {code: row for row, code in enumerate(self.codes)}

    @functools.cached_property
    def _terms(self) -> list[str]:
        """The term of each profile column, by column number."""
        return sorted(self.term_columns, key=self.term_columns.__getitem__)

    def _top(
        self, cosines: NDArray[np.float64], titled: Mapping[str, float], top: int
    ) -> tuple[PlacedOccupation, ...]:
        ranked = cosines
        if titled:
            ranked = cosines.copy()
            for code, share in titled.items():
                if (row := self._rows.get(code)) is not None:  # corpora of another O*NET
                    ranked[row] += share * cosines.max()
        best = np.argsort(-ranked, kind="stable")[:top]  # stable: ties go by O*NET code
        return tuple(
            PlacedOccupation(self.codes[k], self.titles[k], float(cosines[k]))
            for k in best
            if ranked[k] > 0
        )


class _SublinearTf(dict[int, float]):
    """``1 + log(n)`` of each term count ``n``, computed once per count."""

    def __missing__(self, count: int) -> float:
        self[count] = value = 1 + math.log(count)
        return value


_SUBLINEAR_TF = _SublinearTf()


def _affinities(cosines: NDArray[np.float64]) -> NDArray[np.float64]:
    """Centre each row on its mean and L2-normalise it.

    Centring removes what a document shares with every occupation (generic work words);
    keeping all occupations, rather than a sharpened top few, lets two documents that land
    on neighbouring occupations (Machinists, Tool and Die Makers) still agree.
    """
    centred: NDArray[np.float64] = cosines - cosines.mean(axis=1, keepdims=True)
    norms = np.linalg.norm(centred, axis=1, keepdims=True)
    # A document with no profile term has a zero row and stays zero.
    normalised: NDArray[np.float64] = centred / np.where(norms > 0, norms, 1.0)
    return normalised


def occupation_similarity(resume: OccupationPlacement, posting: OccupationPlacement) -> float:
    """Return how much two documents read as the same occupations, 0-1.

    The correlation of their cosine patterns, with anti-correlation counted as 0.
    """
    return max(0.0, min(1.0, float(resume.affinity @ posting.affinity)))


def occupation_similarities(
    resumes: Sequence[OccupationPlacement], postings: Sequence[OccupationPlacement]
) -> NDArray[np.float64]:
    """Return `occupation_similarity` for every resume (rows) and posting (columns)."""
    if not resumes or not postings:
        return np.zeros((len(resumes), len(postings)))
    left = np.stack([r.affinity for r in resumes])
    right = np.stack([p.affinity for p in postings])
    return np.clip(left @ right.T, 0.0, 1.0)


@functools.cache
def default_occupations(root: Path | None = None) -> OccupationIndex:
    """Return the occupation index of ``root`` (default: the shipped corpora), loaded once
    per process."""
    return OccupationIndex.load(root)
