"""Read a job posting saved from a browser as HTML: visible text only, in reading order."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from .extracted import Extracted
from .sniff import decode_text

_HIDDEN = frozenset(
    {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas"}
)
_BLOCK = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "main",
        "aside",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dt",
        "dd",
        "dl",
        "blockquote",
        "pre",
        "hr",
        "form",
        "title",
    }
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_VOID = frozenset(
    {
        "br",
        "hr",
        "img",
        "input",
        "meta",
        "link",
        "area",
        "base",
        "col",
        "embed",
        "source",
        "track",
        "wbr",
    }
)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.headings: list[str] = []
        self.title_parts: list[str] = []
        self.first_h1: str | None = None
        self._current: list[str] = []
        self._open: list[str] = []  # open elements that change how text is treated

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self._flush()
        if tag == "li":
            self._current.append("- ")
        if (tag in _HIDDEN or tag in _HEADINGS or tag == "title") and tag not in _VOID:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            # Close the innermost matching element, forgiving unclosed children.
            index = len(self._open) - 1 - self._open[::-1].index(tag)
            if tag in _HEADINGS:
                heading = " ".join("".join(self._current).split())
                if heading:
                    self.headings.append(heading)
                    if tag == "h1" and self.first_h1 is None:
                        self.first_h1 = heading
            del self._open[index:]
        if tag in _BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if "title" in self._open:
            self.title_parts.append(data)
        elif not any(tag in _HIDDEN for tag in self._open):
            self._current.append(data)

    def _flush(self) -> None:
        line = " ".join("".join(self._current).split())
        if line and line != "-":
            self.lines.append(line)
        self._current = []

    def close(self) -> None:
        super().close()
        self._flush()


def read_html(data: bytes, path: Path) -> Extracted:
    """Return the visible text of an HTML page; scripts, styles and the head are dropped."""
    collector = _TextCollector()
    collector.feed(decode_text(data, path))
    collector.close()
    page_title = " ".join("".join(collector.title_parts).split())
    return Extracted(
        text="\n".join(collector.lines),
        headings=frozenset(collector.headings),
        title=collector.first_h1 or page_title or None,
    )
