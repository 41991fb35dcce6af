"""Read plain-text and Markdown documents."""

from __future__ import annotations

import re
from pathlib import Path

from .extracted import Extracted
from .sniff import decode_text

_MD_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")
_MD_EMPHASIS_RE = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_MD_LINK_RE = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def read_text(data: bytes, path: Path) -> Extracted:
    """Return the decoded text of a ``.txt`` file."""
    return Extracted(text=decode_text(data, path))


def read_markdown(data: bytes, path: Path) -> Extracted:
    """Return the text of a Markdown file with markup removed and ``#`` headings noted."""
    lines: list[str] = []
    headings: set[str] = set()
    for line in decode_text(data, path).splitlines():
        match = _MD_HEADING_RE.match(line)
        if match:
            line = match.group(1)
        line = _MD_LINK_RE.sub(r"\1", _MD_EMPHASIS_RE.sub(r"\2", line))
        if match:
            headings.add(line.strip())
        lines.append(line)
    return Extracted(text="\n".join(lines), headings=frozenset(headings))
