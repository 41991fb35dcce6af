"""The plain data every format reader returns."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Extracted:
    """Text of a document, plus the hints its format gave about structure.

    ``headings`` holds lines the format marked as headings (Word heading styles, HTML
    ``<h1>``-``<h6>``, Markdown ``#``); ``title`` is a title the format declared (HTML
    ``<title>``/``<h1>``), if any.
    """

    text: str
    headings: frozenset[str] = frozenset()
    title: str | None = None
    warnings: tuple[str, ...] = field(default=())
