"""A cache of extracted documents, keyed by file content, so an unchanged file is read once.

An entry holds what a batch keeps of a file: its `Document`, or the document's profile
(which holds the document) for a given model.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pickle
import tempfile
import time
from pathlib import Path
from typing import TypeVar

from . import __version__
from .limits import DEFAULT_LIMITS, Limits

T = TypeVar("T")

__all__ = ["DEFAULT_MAX_BYTES", "READER_VERSION", "DocumentCache", "default_cache_dir"]

# Bump when extraction, sectioning or profiling changes what a file turns into: old entries
# then miss.
READER_VERSION = 11
DEFAULT_MAX_BYTES = 500 * 1024 * 1024
_SUFFIX = ".pickle"
# A temporary file this old was left by a run that died; a live writer renames it in ms.
_STALE_TEMPORARY_SECONDS = 3600


def default_cache_dir() -> Path:
    """Return ``$FIT_ANALYZER_CACHE_DIR``, else ``$XDG_CACHE_HOME/fit-analyzer``, else
    ``~/.cache/fit-analyzer``."""
    if override := os.environ.get("FIT_ANALYZER_CACHE_DIR"):
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "fit-analyzer"


@dataclasses.dataclass(frozen=True)
class DocumentCache:
    """Extracted documents on disk, one file per (content, role, PDF engine, model).

    `fit_analyzer.batch.load_documents` and `load_profiles` read files through it, and
    their workers write to it. Safe to share between concurrent runs: entries are written
    to a temporary file and renamed into place. An entry that cannot be read is a miss and
    is removed. `prune` keeps the folder under ``max_bytes`` by removing the least recently
    used entries.
    """

    directory: Path
    max_bytes: int = DEFAULT_MAX_BYTES

    @classmethod
    def default(cls) -> DocumentCache:
        """Return the cache in `default_cache_dir`."""
        return cls(default_cache_dir())

    @staticmethod
    def key(
        digest: str, role: str, pdf_engine: str, model: str = "", limits: Limits = DEFAULT_LIMITS
    ) -> str:
        """Return the entry name for a file's sha256 ``digest`` read as ``role``.

        ``model`` names the model a profile was made with (`FitModel.fingerprint_`); leave
        it empty for a bare document.
        """
        # The package version is in the key too: vocabulary and section rules ship with it.
        # So are the limits that refuse a document, so that stricter ones still refuse it.
        refusing = (
            f"{limits.max_pages}.{limits.max_text_chars}.{limits.max_docx_uncompressed_bytes}"
        )
        key = f"{digest}-{role}-{pdf_engine}-r{READER_VERSION}-v{__version__}-l{refusing}"
        return f"{key}-m{model}" if model else key

    def get(self, key: str, kind: type[T]) -> T | None:
        """Return the entry for ``key`` if it is a ``kind``; None on a miss or a bad entry."""
        entry = self.directory / (key + _SUFFIX)
        try:
            with entry.open("rb") as handle:
                found = pickle.load(handle)
        except OSError:
            return None  # no entry, or a cache folder that cannot be read
        except Exception:  # truncated, garbage, or from an incompatible version
            found = None
        if not isinstance(found, kind):
            _remove(entry)
            return None
        with contextlib.suppress(OSError):
            os.utime(entry)  # recently used entries survive pruning
        return found

    def put(self, key: str, document: object) -> None:
        """Store ``document`` under ``key``; a cache that cannot be written is skipped."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        except OSError:
            return  # a read-only or full disk must not fail the analysis
        try:
            with os.fdopen(descriptor, "wb") as handle:
                pickle.dump(document, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.directory / (key + _SUFFIX))
        except OSError:
            _remove(Path(temporary))

    def prune(self) -> int:
        """Remove the least recently used entries until the cache fits ``max_bytes``.

        Also removes temporary files left by runs that died. Returns the number of files
        removed.
        """
        entries: list[tuple[float, int, Path]] = []
        removed = 0
        now = time.time()
        try:
            children = list(self.directory.iterdir())
        except OSError:
            return 0
        for child in children:
            try:
                stat = child.stat()
            except OSError:
                continue  # removed by a concurrent run
            if child.suffix == _SUFFIX:
                entries.append((stat.st_mtime, stat.st_size, child))
            elif child.suffix == ".tmp" and now - stat.st_mtime > _STALE_TEMPORARY_SECONDS:
                removed += _remove(child)
        total = sum(size for _, size, _ in entries)
        for _, size, entry in sorted(entries):
            if total <= self.max_bytes:
                break
            removed += _remove(entry)
            total -= size
        return removed


def _remove(path: Path) -> bool:
    """Remove ``path`` if it can be; a concurrent run may have removed it already."""
    try:
        path.unlink()
    except OSError:
        return False
    return True
