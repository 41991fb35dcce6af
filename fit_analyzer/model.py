"""The TF-IDF model, with IDF from the shipped background corpus (the only sklearn user)."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib
import json
import math
import threading
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
        """Return L2-normalised TF-IDF rows, one per document given as a list of terms."""
        # Imported here, not at the top: scikit-learn takes about a second to import
        # (it pulls in scipy.stats), which every command would pay, even --help, an error
        # or a batch's worker processes, which are forked before any pair is scored.
        # Batches import it in the background while their workers read (`import_in_background`).
        from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

        if not any(documents):  # no terms at all: every cosine is 0, not an error
            return sparse.csr_matrix((len(documents), 1))
        counter = CountVectorizer(analyzer=_identity, lowercase=False)
        counts = counter.fit_transform(documents)
        names = counter.get_feature_names_out()
        transformer = TfidfTransformer(sublinear_tf=self.sublinear_tf)
        transformer.idf_ = np.array([self.idf_of(str(name)) for name in names])
        transformer.n_features_in_ = len(names)
        return sparse.csr_matrix(transformer.transform(counts))

    def cosine(self, left: Sequence[Sequence[str]], right: Sequence[Sequence[str]]) -> np.ndarray:
        """Return the matrix of cosine similarities between every left and right document."""
        if not left or not right:
            return np.zeros((len(left), len(right)))
        vectors = self.vectorize([*left, *right])
        product = vectors[: len(left)] @ vectors[len(left) :].T
        return np.asarray(product.todense())


def import_in_background() -> threading.Thread:
    """Start importing scikit-learn in a thread, so that it is loaded when pairs are scored.

    Join the thread before forking: a child forked mid-import could inherit a held lock.
    """
    thread = threading.Thread(target=_import_scikit_learn, daemon=True)
    thread.start()
    return thread


def _import_scikit_learn() -> None:
    # A failure is reported where scikit-learn is used, in the main thread.
    with contextlib.suppress(ImportError):
        importlib.import_module("sklearn.feature_extraction.text")


def _identity(terms: Sequence[str]) -> Sequence[str]:
    return terms


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
