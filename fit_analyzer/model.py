"""The TF-IDF model, with IDF from the shipped background corpus (scipy at scoring time)."""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from .vocabulary import Vocabulary, corpora_path, read_table

BACKGROUND_FILE = Path("background") / "document_frequencies.tsv"
CALIBRATION_FILE = Path("model") / "calibration.json"


@dataclass(frozen=True)
class Calibration:
    """Weights and thresholds of the score, read from ``corpora/model/calibration.json``."""

    weights: dict[str, float]  # of fit's parts; they sum to 1
    # Cosines of fitting pairs in the calibration data at evenly spaced percentiles, for
    # the whole resume and each of its readings: similarity is a percentile among these.
    similarity_quantiles: dict[str, list[float]]
    key_terms: int
    key_term_min_idf: float
    min_key_terms: int  # fewer key terms than this are too few to judge by
    unmet_requirement_cost: float  # share of fit lost per degree, years or seniority not met
    verdicts: dict[str, float]  # the thresholds of `scoring._verdict`

    @classmethod
    def load(cls, path: Path) -> Calibration:
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
        return cls(**{name: data[name] for name in cls.__dataclass_fields__})


class FitModel:
    """TF-IDF vectors whose IDF comes from a background corpus, not from the documents scored.

    With only a resume and a posting, IDF fitted on the pair would punish exactly the
    words they share; document frequencies over thousands of real postings and resumes
    make shared rare terms weigh a lot and shared common words little.

    Parameters
    ----------
    corpora : Path, optional
        Folder holding ``background/`` and ``vocabulary/``; the shipped one by default.
    sublinear_tf : bool, default True
        Use ``1 + log(tf)`` so a term repeated ten times does not count ten times.

    Examples
    --------
    >>> model = FitModel().fit()
    >>> model.idf_of("kubernetes") > model.idf_of("team")
    True
    """

    def __init__(self, *, corpora: Path | None = None, sublinear_tf: bool = True) -> None:
        self.corpora = corpora
        self.sublinear_tf = sublinear_tf

    def fit(self) -> FitModel:
        """Read the background document frequencies, the vocabulary and the calibration."""
        root = self.corpora or corpora_path()
        path = root / BACKGROUND_FILE
        header = _read_header(path)
        self.n_documents_ = int(header["documents"])
        self.min_df_ = int(header["min_df"])
        self.corpus_id_ = header["corpus"]
        frequencies = {row[0]: int(row[1]) for row in read_table(path)}
        if not frequencies:
            raise ValueError(
                f"{path}: empty background table; rebuild it with scripts/build_background.py"
            )
        self.idf_ = {term: self._idf(df) for term, df in frequencies.items()}
        # Terms too rare to be kept in the background count as if seen in half of min_df.
        self.unseen_idf_ = self._idf(self.min_df_ / 2)
        self.vocabulary_ = Vocabulary.load(root)
        self.calibration_ = Calibration.load(root / CALIBRATION_FILE)
        # Names this model in cache keys: the corpora it was read from and its calibration.
        identity = f"{root.resolve()}\n{self.corpus_id_}\n{self.calibration_}"
        self.fingerprint_ = hashlib.sha256(identity.encode()).hexdigest()[:16]
        return self

    def _idf(self, df: float) -> float:
        return math.log((self.n_documents_ + 1) / (df + 1)) + 1.0

    def idf_of(self, term: str) -> float:
        """Return the inverse document frequency of a (canonical) term."""
        return self.idf_.get(term, self.unseen_idf_)

    def vectorize(self, documents: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """Return L2-normalised TF-IDF rows, one per document given as a list of terms.

        The arithmetic of scikit-learn's ``CountVectorizer`` and ``TfidfTransformer`` (with
        this model's IDF and sublinear tf), in scipy alone: importing scikit-learn takes
        about a second, which every command would pay. tests/test_model.py checks that both
        give the same vectors.
        """
        columns = {term: k for k, term in enumerate(sorted({t for d in documents for t in d}))}
        if not columns:  # no terms at all: every cosine is 0, not an error
            return sparse.csr_matrix((len(documents), 1))
        rows, cols, counts = [], [], []
        for row, document in enumerate(documents):
            for term, count in sorted(Counter(document).items()):
                rows.append(row)
                cols.append(columns[term])
                counts.append(count)
        values = np.asarray(counts, dtype=np.float64)
        if self.sublinear_tf:
            values = np.log(values) + 1.0
        idf = np.array([self.idf_of(term) for term in columns])
        matrix = sparse.csr_matrix(
            (values * idf[cols], (rows, cols)), shape=(len(documents), len(columns))
        )
        # Row by row, each value divided by its row's norm, as scikit-learn's normalize().
        lengths = np.diff(matrix.indptr)
        squares = np.zeros(len(documents))
        for filled in np.flatnonzero(lengths):
            start, end = matrix.indptr[filled], matrix.indptr[filled + 1]
            squares[filled] = sum(float(v) * float(v) for v in matrix.data[start:end])
        norms = np.sqrt(squares)
        norms[norms == 0] = 1.0
        matrix.data /= np.repeat(norms, lengths)
        return matrix

    def vectorize_groups(
        self, groups: Sequence[Sequence[Sequence[str]]]
    ) -> list[sparse.csr_matrix]:
        """`vectorize` several groups of documents at once; return each group's rows.

        A row depends on its own document alone, so the rows are those of vectorising each
        group by itself, to the bit, and products of two groups' rows are the same too:
        one pass spares vectorising a group once for every group it is compared with.
        """
        vectors = self.vectorize([document for group in groups for document in group])
        bounds = np.cumsum([0, *map(len, groups)])
        return [vectors[a:b] for a, b in itertools.pairwise(bounds)]

    def cosine(self, left: Sequence[Sequence[str]], right: Sequence[Sequence[str]]) -> np.ndarray:
        """Return the matrix of cosine similarities between every left and right document."""
        return cosines(*self.vectorize_groups([left, right]))

    def coverage(self, left: Sequence[Sequence[str]], right: Sequence[Sequence[str]]) -> np.ndarray:
        """Return, for every left and right document, the share of the right one's TF-IDF
        weight that its terms named in the left one hold (`coverages` of their rows)."""
        return coverages(*self.vectorize_groups([left, right]))


def cosines(left: sparse.csr_matrix, right: sparse.csr_matrix) -> np.ndarray:
    """The cosines of every left and right row of `FitModel.vectorize`."""
    if not left.shape[0] or not right.shape[0]:
        return np.zeros((left.shape[0], right.shape[0]))
    return np.asarray((left @ right.T).todense())


def coverages(named: sparse.csr_matrix, wanted: sparse.csr_matrix) -> np.ndarray:
    """For every named and wanted row of `FitModel.vectorize`, the share of the wanted one's
    weight that the terms of the named one hold.

    Unlike a cosine, it never rises when the named document loses text.
    """
    if not named.shape[0] or not wanted.shape[0]:
        return np.zeros((named.shape[0], wanted.shape[0]))
    named = named.copy()
    named.data[:] = 1.0
    totals = np.asarray(wanted.sum(axis=1)).ravel()
    totals[totals == 0] = 1.0
    shares: np.ndarray = np.asarray((named @ wanted.T).todense()) / totals
    return shares


def _read_header(path: Path) -> dict[str, str]:
    """Read ``# key: value`` lines at the top of a corpora table."""
    header: dict[str, str] = {}
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if not line.startswith("#"):
                    break
                key, _, value = line[1:].partition(":")
                header[key.strip()] = value.strip()
    except FileNotFoundError as exc:
        raise FileNotFoundError(
            f"{path}: background corpus missing; the installation is "
            "incomplete, reinstall fit-analyzer"
        ) from exc
    return header


@functools.cache
def default_model() -> FitModel:
    """Return the model fitted from the shipped corpora, loaded once per process."""
    return FitModel().fit()
