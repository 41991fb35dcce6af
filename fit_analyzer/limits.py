"""The limits that keep an untrusted file from hanging a run or exhausting the machine."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much one file may cost to read; a file beyond a limit gets a one-line error.

    ``seconds_per_file`` and ``memory_bytes`` are enforced when files are parsed in worker
    processes (`fit_analyzer.isolation`); ``memory_bytes`` is the address space a parse may
    add to its worker. The others are checked wherever a document is read.
    """

    max_file_bytes: int = 20 * MB
    max_pages: int = 50
    max_docx_members: int = 1000
    max_docx_uncompressed_bytes: int = 50 * MB
    # Word's XML compresses about 10:1; a zip bomb compresses about 1000:1.
    max_compression_ratio: int = 100
    max_text_chars: int = 500_000
    seconds_per_file: float = 30.0
    memory_bytes: int = 1024 * MB


DEFAULT_LIMITS = Limits()
