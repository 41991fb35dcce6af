"""Find the sections of a resume or posting from its heading lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..vocabulary import Vocabulary

# The first block of a document, before any heading: a resume's name, contact and headline,
# a posting's title and introduction.
PREAMBLE = {"resume": "contact", "posting": "overview"}

_MAX_HEADING_WORDS = 6
_LONG_LINE = 120
_BULLET_RE = re.compile(r"^[\s\-\*\u2022\u25cf\u25aa\u25e6>#•·o]+\s+|^\s+")
# Where a sentence may start, also where extraction glued sentences or list items together
# ("is required.Equal", "contactsExperis is").
_SENTENCE_START_RE = re.compile(r"[.!?]\s+|(?<=[a-z][.!?])(?=[A-Z])|(?<=[a-z])(?=[A-Z][a-z])")
_INLINE_HEADING_RE = re.compile(r"^([^:]{2,60}):\s*(.*)$")
# Equal-opportunity and benefits statements appear without headings in many postings.
_EEO_CUES = (
    "equal opportunity",
    "without regard to",
    "regardless of race",
    "national origin",
    "sexual orientation",
    "protected veteran",
    "e-verify",
    "affirmative action",
    "reasonable accommodation",
)


@dataclass(frozen=True)
class Section:
    """A run of a document's lines under one heading (``heading`` is empty for the preamble)."""

    name: str
    heading: str
    text: str


def find_sections(
    text: str, role: str, vocabulary: Vocabulary, *, headings: frozenset[str] = frozenset()
) -> tuple[Section, ...]:
    """Split ``text`` into sections for ``role`` (``"resume"`` or ``"posting"``).

    A line is a heading when, without bullets and a trailing colon, it is a known heading
    ("Work Experience", "What you'll bring"); a line like "Requirements: 5 years of Go"
    starts a section and keeps its text. ``headings`` are lines the format marked as
    headings; after the preamble they start an ``other`` section when they are not known
    headings (in the preamble they are usually a name or a headline).
    """
    sections: list[Section] = []
    name, heading, lines = PREAMBLE[role], "", list[str]()

    def close() -> None:
        body = "\n".join(lines).strip()
        if body or heading:
            sections.append(Section(name, heading, body))

    for raw in _split_run_in_headings(text, role, vocabulary).splitlines():
        line = _BULLET_RE.sub("", raw).strip()
        found = _heading(
            line, role, vocabulary, headings if name != PREAMBLE[role] else frozenset()
        )
        if found is not None and (found[0] == name or (name, found[0]) == ("skills", "other")):
            # Inside Skills, "Tools: Git, Docker" or "Languages" label a group of skills.
            found = None
        if found is not None:
            close()
            (name, heading, rest) = found
            lines = [rest] if rest else []
        elif role == "posting" and name != "boilerplate" and _is_eeo(line):
            before, statement = _split_at_eeo(raw)
            if before:
                lines.append(before)
            close()
            name, heading, lines = "boilerplate", "", [statement]
        else:
            lines.append(raw)
    close()
    return tuple(sections)


def _split_run_in_headings(text: str, role: str, vocabulary: Vocabulary) -> str:
    """Put headings written in capitals inside long lines on lines of their own.

    Text extracted by job sites or from PDFs often loses its line breaks
    ("... j.doe@example.com PROFESSIONAL SUMMARY Machinist with ..."); a heading in
    capitals is still recognisable there, a heading word in a sentence is not.
    """
    pattern = vocabulary.run_in_heading_pattern(role)
    return "\n".join(
        pattern.sub(r"\n\1\n", line) if len(line) > _LONG_LINE else line
        for line in text.splitlines()
    )


def _heading(
    line: str, role: str, vocabulary: Vocabulary, marked: frozenset[str]
) -> tuple[str, str, str] | None:
    if not line or (len(line.split()) > 12 and ":" not in line[:60]):
        return None
    candidate = line.rstrip(":").strip()
    if len(candidate.split()) <= _MAX_HEADING_WORDS:
        section = vocabulary.section_for(candidate, role)
        if section is not None:
            return section, candidate, ""
    match = _INLINE_HEADING_RE.match(line)
    if match and len(match.group(1).split()) <= _MAX_HEADING_WORDS:
        section = vocabulary.section_for(match.group(1), role)
        if section is not None:
            return section, match.group(1).strip(), match.group(2)
    if line in marked and len(line.split()) <= _MAX_HEADING_WORDS:
        return "other", line, ""
    return None


def _split_at_eeo(line: str) -> tuple[str, str]:
    """Split a line before the sentence where its equal-opportunity statement begins.

    Text that lost its line breaks holds a whole posting on one line, and only its end is
    boilerplate: the statement begins at the last sentence from which the rest still reads
    as one.
    """
    starts = [m.end() for m in _SENTENCE_START_RE.finditer(line)]
    start = next((k for k in reversed(starts) if _is_eeo(line[k:])), 0)
    return line[:start].rstrip(), line[start:]


def _is_eeo(line: str) -> bool:
    lowered = line.lower()
    if "equal opportunity employer" in lowered:
        return True
    found = 0
    for cue in _EEO_CUES:  # a loop that stops at the second cue: this runs for every line
        found += cue in lowered
        if found == 2:
            return True
    return False


_TITLE_FIELD_RE = re.compile(r"^\s*(?:job title|position|title|role)\s*:\s*(.+)$", re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W\d_]{3,}")
_CONTACT_RE = re.compile(r"@|https?://|www\.|\d{3}\D{0,2}\d{3}\D?\d{4}")


def find_title(
    sections: tuple[Section, ...], role: str, vocabulary: Vocabulary, declared: str | None
) -> str:
    """Return a posting's job title or a resume's headline ("" when none is found).

    A posting's title is the one its format declared, a "Job title:" line, or its first
    short line; a resume's headline is the first short line near the top that names a job
    ("Senior Software Engineer"), skipping the name and contact lines.
    """
    lines = [
        line.strip()
        for s in sections[:1]
        if s.name == PREAMBLE[role] and not s.heading
        for line in s.text.splitlines()
        if line.strip()
    ]
    if role == "posting":
        for section in sections:
            for line in section.text.splitlines():
                match = _TITLE_FIELD_RE.match(line)
                if match:
                    return match.group(1).strip()
        if declared:
            return declared
        short = [
            line
            for line in lines[:3]
            if len(line.split()) <= 12 and _WORD_RE.search(line) and not line.endswith(":")
        ]
        naming_a_job = [line for line in short if _names_a_job(line, vocabulary)]
        return (naming_a_job or short or [""])[0]
    for line in lines[:6]:
        words = vocabulary.tokens(line)
        if len(words) <= 10 and not _CONTACT_RE.search(line) and _names_a_job(line, vocabulary):
            return line
    return ""


def _names_a_job(line: str, vocabulary: Vocabulary) -> bool:
    words = vocabulary.tokens(line)
    return bool(vocabulary.title_words & set(words)) or bool(vocabulary.find_titles(words))
