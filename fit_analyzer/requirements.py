"""Read a posting's hard requirements and compare them with what a resume shows.

A posting asks for a minimum degree, a number of years of experience and a level of
seniority; it may also name constraints that text cannot settle (a security clearance,
citizenship, travel, night shifts). A resume shows a highest degree, years of experience
(from the date ranges of its roles) and a level in its most recent job titles.
:func:`read_posting_needs` and :func:`read_resume_facts` read each document once;
:func:`compare` sets one beside the other.

Every reader is a pure function of plain text: it never raises on ordinary text, its regular
expressions are compiled once, and its results are frozen dataclasses and tuples, so they
can be cached and sent to worker processes. When the text does not say something plainly,
the answer is ``None`` (or ``"unknown"``), never a guess.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

__all__ = [
    "Check",
    "CheckKind",
    "HardRequirement",
    "Need",
    "PostingNeeds",
    "RequirementKind",
    "ResumeFacts",
    "Status",
    "compare",
    "read_posting_needs",
    "read_resume_facts",
]

Status = Literal["met", "not_met", "unknown"]
RequirementKind = Literal["degree", "years", "seniority"]
CheckKind = Literal[
    "clearance",
    "citizenship",
    "work_authorization",
    "relocation",
    "graduation_window",
    "travel",
    "license",
    "shift",
    "physical",
]

DEGREE_NAMES = {
    0: "high school diploma",
    1: "associate degree",
    2: "bachelor's degree",
    3: "master's degree",
    4: "doctorate",
}
SENIORITY_NAMES = {0: "entry level", 1: "junior", 2: "mid level", 3: "senior", 4: "lead"}


@dataclass(frozen=True, slots=True)
class Need:
    """One minimum a posting asks for.

    ``level`` is, for a degree, 0 high school, 1 associate, 2 bachelor, 3 master,
    4 doctorate; for years, the number of years; for seniority, 0 intern or entry level,
    1 junior, 2 mid level, 3 senior, 4 lead, staff, principal or manager. ``wanted`` is a
    short text for people ("bachelor's degree", "5+ years", "senior") and ``source`` the
    posting sentence it was read from. ``or_equivalent`` is true for a degree that the
    posting accepts "or equivalent experience".
    """

    level: int
    wanted: str
    source: str
    or_equivalent: bool = False


@dataclass(frozen=True, slots=True)
class Check:
    """A constraint the posting names that the text of a resume cannot settle."""

    kind: CheckKind
    source: str


@dataclass(frozen=True, slots=True)
class PostingNeeds:
    """What a posting demands, read once per posting by :func:`read_posting_needs`."""

    degree: Need | None
    years: Need | None
    seniority: Need | None
    checks: tuple[Check, ...]


@dataclass(frozen=True, slots=True)
class ResumeFacts:
    """What a resume shows, read once per resume by :func:`read_resume_facts`.

    ``degree`` and ``seniority`` use the levels of :class:`Need`; ``years`` is the years of
    experience, from the merged date ranges of the resume's roles or, when it has none, from
    a statement such as "7 years of experience". Each ``*_text`` says where it was read.
    ``education_listed`` is true when the resume has an education section, even one whose
    degree could not be read.
    """

    degree: int | None
    degree_text: str | None
    years: float | None
    years_text: str | None
    seniority: int | None
    seniority_text: str | None
    education_listed: bool = False


@dataclass(frozen=True, slots=True)
class HardRequirement:
    """One of the posting's minimums set against what the resume shows."""

    kind: RequirementKind
    wanted: str
    found: str | None
    status: Status
    source: str


# ---------------------------------------------------------------------------------------
# Sentences

_SOURCE_LIMIT = 200
_BULLET_GLYPHS_RE = re.compile(
    "[\u2022\u25cf\u25aa\u25a0\u25e6\u2023\u2043\u2219\u00b7\u27a2\u2713\u2714\u25ba\u25b8"
    "\u2794\u27a4\u2605\uf0b7\uf0a7\uf0d8\uf076\uf0fc]"
)
# Runs of spaces and tabs, but not the single spaces there is nothing to replace in.
_SPACES_RE = re.compile(r"[ \t\f\v\u00a0]{2,}|[\t\f\v\u00a0]")
_LIST_MARK_RE = re.compile(r"^(?:[-*>+]|\d{1,2}[.)])\s+")
# A place where one sentence may end and the next begin; also where extraction glued them
# ("platforms.Looking").
_SENTENCE_END_RE = re.compile(r"[.!?]+[\"')\]]*(?:\s+(?=[\"'(A-Z0-9-])|(?=[A-Z][a-z]))")
_SENTENCE_MARK_RE = re.compile(r"[.!?]")
_ASCII_DIGIT_RE = re.compile(r"[0-9]")
_ABBREVIATIONS = frozenset(
    "sr jr dr mr mrs ms st inc ltd co corp etc vs no approx min max dept yrs yr incl esp "
    "jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e fig hr hrs mo wk".split()
)
_DOTTED_RE = re.compile(r"^(?:[A-Za-z]{1,2}\.)+[A-Za-z]{0,2}$|^[A-Z]$")
_JOIN_WORDS = frozenset("of in and or with to the a an for as at on by from including".split())
_HEADING_NOUNS = frozenset(
    "qualifications requirements skills responsibilities duties benefits perks offer bring "
    "preferred desired plus pluses points education experience overview description summary "
    "us company role compensation knowledge abilities competencies expectations background "
    "nice-to-haves bonus haves have do looking for need needed".split()
)
_PREFERRED_HEADING_RE = re.compile(
    r"prefer|nice[- ]to[- ]have|bonus|\bplus|desir|optional|extra credit|ideally|advantage",
    re.IGNORECASE,
)


_CID_RE = re.compile(r"\(cid:\d+\)")
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\ue000-\uf8ff]")
_PUNCTUATION = (
    ("\u2010", "-"),
    ("\u2011", "-"),
    ("\u2012", "-"),
    ("\u2013", "-"),
    ("\u2014", "-"),
    ("\u2212", "-"),
    ("\u2018", "'"),
    ("\u2019", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
)


@dataclass(frozen=True, slots=True)
class _Sentence:
    text: str
    lower: str
    optional_section: bool  # under a "Preferred qualifications" or "Nice to have" heading


def _prepare(text: str) -> str:
    """Return ``text`` normalised, with bullets on lines of their own and spaces collapsed."""
    if "(cid:" in text:
        text = _CID_RE.sub(" ", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        text = _BULLET_GLYPHS_RE.sub("\n- ", unicodedata.normalize("NFKC", text))
        text = _INVISIBLE_RE.sub("", text)
        for old, new in _PUNCTUATION:
            if old in text:
                text = text.replace(old, new)
    return _SPACES_RE.sub(" ", text)


def _lines(prepared: str) -> list[tuple[str, bool]]:
    """The logical lines of a text, each with whether it is a list item.

    A hard line break inside a sentence (from a PDF) is undone when the next line starts in
    lower case or the line ends with a comma or a joining word.
    """
    lines: list[tuple[str, bool]] = []
    joinable = False
    for raw in prepared.split("\n"):
        line = raw.strip()
        if not line:
            joinable = False
            continue
        bullet = bool(_LIST_MARK_RE.match(line))
        if bullet:
            line = _LIST_MARK_RE.sub("", line, count=1)
        if joinable and not bullet and lines:
            previous, was_bullet = lines[-1]
            last_word = previous.rsplit(" ", 1)[-1].lower()
            if line[0].islower() or previous[-1] in ",-/&" or last_word in _JOIN_WORDS:
                lines[-1] = (f"{previous} {line}", was_bullet)
                continue
        lines.append((line, bullet))
        joinable = line[-1] not in ".!?:;"
    return lines


def _is_heading(line: str) -> bool:
    if len(line) > 60:
        return False
    words = line.rstrip(":").split()
    if not words or _has_digit(line):
        return False
    if line.endswith(":"):
        return len(words) <= 8
    return len(words) <= 6 and words[-1].lower().strip("'()") in _HEADING_NOUNS


def _has_digit(text: str) -> bool:
    """Whether any character of ``text`` is a digit (`str.isdigit`), ASCII text by a regex."""
    if text.isascii():
        return _ASCII_DIGIT_RE.search(text) is not None
    return any(ch.isdigit() for ch in text)


def _split_sentences(line: str) -> Iterator[str]:
    if not _SENTENCE_MARK_RE.search(line):  # most list items: one sentence, no regex to run
        rest = line.strip()
        if rest:
            yield rest
        return
    start = 0
    for match in _SENTENCE_END_RE.finditer(line):
        head = line[start : match.start()]
        word = head.rsplit(" ", 1)[-1]
        if word.lower().lstrip("(") in _ABBREVIATIONS or _DOTTED_RE.match(word + "."):
            continue
        if not match.group().rstrip().endswith((".", "!", "?", '"', "'", ")", "]")):
            continue
        if not line[match.end() :].strip():
            break
        if match.group()[-1:].isspace() or match.end() == len(line) or head[-2:].isalpha():
            yield line[start : match.end()].strip()
            start = match.end()
    rest = line[start:].strip()
    if rest:
        yield rest


def _sentences(prepared: str) -> list[_Sentence]:
    sentences: list[_Sentence] = []
    optional = False
    for line, bullet in _lines(prepared):
        if not bullet and _is_heading(line):
            optional = bool(_PREFERRED_HEADING_RE.search(line))
        for sentence in _split_sentences(line):
            sentences.append(_Sentence(sentence, sentence.lower(), optional))
    return sentences


class _Joined:
    """Texts joined by newlines, so that a hint is searched for once, not once per text."""

    def __init__(self, texts: list[str]) -> None:
        self.text = "\n".join(texts)
        # Where each text starts: the lengths of those before it, plus a newline each.
        lengths = map(operator.add, map(len, texts[:-1]), itertools.repeat(1))
        self._starts = list(itertools.accumulate(lengths, initial=0))

    def hits(self, pattern: re.Pattern[str]) -> set[int]:
        """The indices of the texts ``pattern`` occurs in; it must never match a newline."""
        found: set[int] = set()
        position = 0
        while (match := pattern.search(self.text, position)) is not None:
            index, position = self._text_at(match.start())
            found.add(index)
            if position < 0:
                break
        return found

    def containing(self, words: tuple[str, ...]) -> set[int]:
        """The indices of the texts that contain one of ``words`` (none with a newline).

        `str.find` of each word is several times faster than searching for a regex that
        alternates them, for the few and mostly lower-case words of a hint.
        """
        found: set[int] = set()
        for word in words:
            position = self.text.find(word)
            while position >= 0:
                index, after = self._text_at(position)
                found.add(index)
                position = self.text.find(word, after) if after >= 0 else -1
        return found

    def _text_at(self, position: int) -> tuple[int, int]:
        """The index of the text at ``position``, and where the next one starts (-1 if none).

        Searches go on from the next text: one match a text is enough.
        """
        index = bisect.bisect_right(self._starts, position) - 1
        after = self._starts[index + 1] if index + 1 < len(self._starts) else -1
        return index, after


def _excerpt(text: str, start: int = 0, end: int = 0, limit: int = _SOURCE_LIMIT) -> str:
    """``text`` with whitespace collapsed, cut on word boundaries around ``start:end``."""
    if len(text) <= limit:
        return " ".join(text.split())
    end = max(end, start)
    lo = max(0, min(start - limit // 3, len(text) - limit))
    hi = min(len(text), lo + limit)
    if lo > 0:
        space = text.find(" ", lo, start if start > lo else lo + 20)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", max(end, lo + 1), hi)
        hi = space if space > lo else hi
    body = " ".join(text[lo:hi].split()).strip(" ,;")
    return ("…" if lo > 0 else "") + body + ("…" if hi < len(text) else "")


# ---------------------------------------------------------------------------------------
# Degrees

_DEGREE_RE = re.compile(
    # doctorate
    r"(?P<d4>\b(?i:ph\.?\s?d\b\.?|doctorate|doctoral\s+degree|doctor\s+of\s+(?!the\b)[a-z]+"
    r"|d\.sc\.|ed\.d\.|pharm\.?\s?d\b\.?)|\bDNP\b|\b[MJ]\.D\.)"
    # master
    r"|(?P<d3>\b(?i:master'?s\b|masters\s+(?:degree|in|of)\b|master\s+(?:degree|of\s+(?:science"
    r"|arts|business|engineering|public|education|fine|computer|information|technology|applied"
    r"|nursing|social|health|laws|professional|management|finance|accounting|data|mathematics"
    r"|statistics|architecture|library)\b))"
    r"|\b(?:M\.S\.|M\.Sc\.?|MSc|M\.A\.|M\.Eng\.?|MEng|MBA|M\.B\.A\.|MSN|MPH|M\.Ed\.|MSEE|MSCS"
    r"|MSME|MCA|M\.Tech|MTech|MSW|LLM)(?!\w)|\b(?P<bare3>MS|MA)\b)"
    # bachelor
    r"|(?P<d2>\b(?i:bachelor(?:'?s)?\b|baccalaureate|undergraduate\s+degree"
    r"|(?:4|four)(?:\s*\(4\))?[- ]year\s+(?:college\s+|university\s+|bachelor'?s?\s+)?degree"
    r"|college\s+degree"
    r"|university\s+degree)"
    r"|\b(?:B\.S\.|B\.Sc\.?|BSc|B\.A\.|B\.Eng\.?|BEng|B\.E\.|B\.Tech|BTech|BBA|B\.B\.A\.|BSN"
    r"|BSEE|BSME|BSCS|BSCE|BSChE|BFA|B\.Com|BCom|BCA)(?!\w)|\b(?P<bare2>BS|BA)\b)"
    # associate
    r"|(?P<d1>\b(?i:associate'?s?\s+(?:degree|of\s+(?:arts|science|applied))|associate's\b"
    r"|associate\s+in\s+(?:applied\s+)?(?:science|arts)"
    r"|(?:2|two)(?:\s*\(2\))?[- ]year\s+(?:college\s+|associate'?s?\s+)?degree)"
    r"|\b(?:A\.A\.S\.|AAS|A\.A\.|A\.S\.|ADN)(?!\w))"
    # high school
    r"|(?P<d0>\b(?i:high[- ]school|secondary\s+school\s+diploma)|\bGED\b|\bH\.S\.\s+(?i:diploma))"
)
_ANY_DEGREE = r"(?:BS|BA|MS|MA|B\.S\.?|B\.A\.?|M\.S\.?|M\.A\.?|Ph\.?\s?D\.?|MBA|master|bachelor)"
_FIELDS = (
    r"computer|electrical|mechanical|civil|chemical|industrial|information|engineering"
    r"|mathematics|math|physics|nursing|biology|chemistry|economics|accounting|finance"
    r"|statistics|psychology|education|english|history|data|business\s+administration"
)
# A bare "MS", "MA", "BS" or "BA" is a degree only next to degree words: "MS in Physics",
# "BS/MS", "BA, Economics"; never "MS Office" or "Boston, MA 02115".
_BARE_AFTER_RE = re.compile(
    rf"\s*(?:(?i:degree|in\b|of\s+(?:science|arts))|/\s*{_ANY_DEGREE}\b"
    rf"|,?\s+(?i:or|and)\s+{_ANY_DEGREE}|[\s,:(-]{{1,3}}(?i:{_FIELDS})\b)"
)
_BARE_BEFORE_RE = re.compile(rf"(?:{_ANY_DEGREE}\s*/|{_ANY_DEGREE}(?:'?s)?,?\s+(?:or|and))\s*$")
_NAME_AFTER_RE = re.compile(r"\s*(?!Degree|From|Required|Preferred|Or|And)[A-Z][a-z]")
_NOT_HELD_RE = re.compile(
    r"pursuing|in progress|candidate|expected|anticipated|currently enrolled|working towards?"
    r"|incomplete|will (?:graduate|receive|complete)|to be completed|\(?in view\)?|attended"
    r"|classes|some college|credits",
    re.IGNORECASE,
)
# Degrees named in benefits ("tuition assistance toward a master's degree") ask for nothing.
_DEGREE_NOISE_RE = re.compile(
    r"tuition|reimburse|scholarship|assistance (?:toward|for)|students?\b|teach", re.IGNORECASE
)
_EQUIVALENT_RE = re.compile(
    r"\bequivalen(?:t|ce|cy)\b|\bin lieu\b|\bor (?:\w+\s+){0,3}(?:years?|experience)\b",
    re.IGNORECASE,
)


# Every degree pattern contains one of these (lower-case words, then case-sensitive
# abbreviations); a text without any of them is not searched.
_DEGREE_HINT_WORDS = (
    "bachelor",
    "master",
    "degree",
    "baccalaureate",
    "doctor",
    "associate",
    "high school",
    "high-school",
    "secondary school",
    "ph.",
    "phd",
    "ph d",
    "pharm",
    "ed.d",
)
_DEGREE_HINT_ABBREVIATIONS = (
    *("BS", "BA", "B.", "BE", "BT", "BF", "BC", "BB", "MS", "MA", "M.", "ME", "MB", "MP", "MC"),
    *("MT", "LL", "A.", "AA", "AD", "DN", "D.", "J.", "GED", "H.S"),
)


# Literal alternations are searched far faster than the full patterns.
_DEGREE_HINT_WORDS_RE = re.compile("|".join(map(re.escape, _DEGREE_HINT_WORDS)))
_DEGREE_HINT_ABBREVIATIONS_RE = re.compile("|".join(map(re.escape, _DEGREE_HINT_ABBREVIATIONS)))
# What a sentence that mentions years or a degree has in lower case (see `_required_mentions`).
_MENTION_HINT_WORDS = ("year", "yr", *_DEGREE_HINT_WORDS)


def _may_name_degree(text: str, lower: str) -> bool:
    return bool(_DEGREE_HINT_WORDS_RE.search(lower) or _DEGREE_HINT_ABBREVIATIONS_RE.search(text))


def _degrees(text: str) -> Iterator[tuple[int, int, int]]:
    """Each degree mentioned in ``text``: its level, start and end."""
    for offset, window in _degree_windows(text):
        for match in _DEGREE_RE.finditer(window):
            start, end = offset + match.start(), offset + match.end()
            if match.group("bare3") or match.group("bare2"):
                if not (
                    _BARE_AFTER_RE.match(text, end)
                    or _BARE_BEFORE_RE.search(text, max(0, start - 30), start)
                ):
                    continue
            elif match.group() in ("J.D.", "M.D.") and _NAME_AFTER_RE.match(text, end):
                continue  # "J.D. Power", "M.D. Anderson"
            yield int((match.lastgroup or "d0")[1]), start, end


_WINDOW_BEFORE, _WINDOW_AFTER = 30, 60


def _degree_windows(text: str) -> Iterator[tuple[int, str]]:
    """The parts of ``text`` around words that may name a degree, for a long ``text``.

    The full pattern is slow to try at every position of a long text; the hints are quick
    to find, and each window starts and ends at a space so word boundaries are unchanged.
    """
    lower = text.lower()
    if len(text) <= 2 * (_WINDOW_BEFORE + _WINDOW_AFTER):
        if _may_name_degree(text, lower):
            yield 0, text
        return
    hints = sorted(
        [m.start() for m in _DEGREE_HINT_WORDS_RE.finditer(lower)]
        + [m.start() for m in _DEGREE_HINT_ABBREVIATIONS_RE.finditer(text)]
    )
    window_start = window_end = -1
    for hint in hints:
        start = max(0, hint - _WINDOW_BEFORE)
        start = _space_before(text, start)
        if start > window_end:
            if window_end > window_start:
                yield window_start, text[window_start:window_end]
            window_start = start
        window_end = max(window_end, _space_after(text, hint + _WINDOW_AFTER))
    if window_end > window_start:
        yield window_start, text[window_start:window_end]


def _space_before(text: str, position: int) -> int:
    if position <= 0:
        return 0
    return max(text.rfind(" ", 0, position), text.rfind("\n", 0, position)) + 1


def _space_after(text: str, position: int) -> int:
    if position >= len(text):
        return len(text)
    found = [i for i in (text.find(" ", position), text.find("\n", position)) if i >= 0]
    return min(found) if found else len(text)


# ---------------------------------------------------------------------------------------
# Years of experience

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_NUM = r"(?:\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten)"
_NUMX = rf"(?:\(\s*\d{{1,2}}\s*\)\s*)?{_NUM}(?:\s*\(\s*\d{{1,2}}\s*\))?"
_YEARS_RE = re.compile(
    rf"(?<![\d.$/-])(?<!(?-i:[a-z]))(?P<lo>{_NUMX})(?:\s*(?:-|to|or)\s*(?P<hi>{_NUMX}))?"
    r"\s*(?P<plus>\+|plus\b|or more\b|or greater\b)?\s*(?:-\s*)?(?:full[- ]time\s+)?"
    r"(?:years?|yrs?)\b\.?(?:'s?)?",
    re.IGNORECASE,
)
_YEARS_NOT_AFTER_RE = re.compile(
    r"\s*(?:old|of\s+age|or\s+older|ago|(?:of\s+)?(?:\w+\s+)?(?:college|university|school"
    r"|post-?secondary|undergraduate|education|study|studies|coursework)|of\s+(?:graduate"
    r"|service|operation|history"
    r"|growth|success|excellence|combined)|in\s+business|warranty|contract|degree|program"
    r"|college|university|apprenticeship|term|lease|plan)(?![a-z])",
    re.IGNORECASE,
)
_YEARS_NOT_BEFORE_RE = re.compile(
    r"(?:\bfor\s+(?:over\s+|more\s+than\s+|nearly\s+|almost\s+|the\s+(?:past|last)\s+)?"
    r"|\b(?:past|last|next|within|every|after|first|up\s+to|founded|since|age|aged)\s+"
    r"|\b(?:we|company|firm|team|organization)\s+(?:has|have)\s+(?:\w+\s+){0,2}"
    r"|\baverage\b[^.;]{0,30})$",
    re.IGNORECASE,
)
_YEARS_EXPERIENCE_AFTER_RE = re.compile(
    r"\s*(?:of\s+)?(?:[\w/&+#.,()-]+\s+){0,7}?(?:experien|background|track record)"
    r"|\s*(?:of\s+)?(?:[\w/&+#.-]+\s+){0,3}?(?:in|as|with|working|doing|developing|building"
    r"|managing|leading|using|programming|writing|designing|operating|supporting)\b",
    re.IGNORECASE,
)
_YEARS_EXPERIENCE_BEFORE_RE = re.compile(
    r"(?:experience\b[^.;]{0,25}|\b(?:minimum|min\.?|at\s+least|more\s+than|over)(?:\s+of)?\s*)$",
    re.IGNORECASE,
)
# Postings ask for at most 15 years; a larger number is a company's history or a headcount.
_MAX_YEARS = 15
_PARENTHESES_RE = re.compile(r"\([^)]*\)")
_STATED_EXPERIENCE_RE = re.compile(r"\s*(?:of\s+)?(?:[\w/&+#.,-]+\s+){0,5}?experien", re.IGNORECASE)


def _number(text: str) -> float | None:
    word = _PARENTHESES_RE.sub(" ", text).strip().lower()
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[word])
    try:
        return float(word)
    except ValueError:
        return None


def _years_asked(text: str, *, strict: bool = False) -> Iterator[tuple[float, re.Match[str]]]:
    """Each number of years of experience ``text`` asks for (or, ``strict``, states)."""
    lower = text.lower()
    if "year" not in lower and "yr" not in lower:
        return
    for match in _YEARS_RE.finditer(text):
        low = _number(match.group("lo"))
        high = _number(match.group("hi")) if match.group("hi") else None
        if low is None:
            continue
        if high is not None and high < low:
            low, high = high, low
        if not 0 < low <= _MAX_YEARS or _YEARS_NOT_AFTER_RE.match(text, match.end()):
            continue
        if _YEARS_NOT_BEFORE_RE.search(text, max(0, match.start() - 40), match.start()):
            continue
        after = text[match.end() : match.end() + 90]
        if strict:
            if not _STATED_EXPERIENCE_RE.match(after):
                continue
        elif not (
            _YEARS_EXPERIENCE_AFTER_RE.match(after)
            or _YEARS_EXPERIENCE_BEFORE_RE.search(text, max(0, match.start() - 40), match.start())
        ):
            continue
        yield low, match


# ---------------------------------------------------------------------------------------
# Optional ("preferred", "a plus") versus required

# Extraction often glues words ("experience preferredSAP", "goalsPreferred"), so the
# distinctive markers need no word boundary.
_OPTIONAL_RE = re.compile(
    r"prefer(?:red|ably|able)?|\b(?:a|big|huge|definite|strong|an\s+added|added|real)\s+plus\b"
    r"|nice[- ]to[- ]haves?|desir(?:ed|able)|ideally|\b(?:a\s+)?bonus(?:\s+points|\s*:)"
    r"|\ba\s+bonus\b|advantage(?:ous)?\b|\bbeneficial|\bhelpful|\bnot\s+(?:required|necessary"
    r"|mandatory)|optional|\bwould\s+be\s+(?:great|nice|ideal)"
    r"|\bno\s+(?:\w+\s+)?(?:degree|experience)\s+(?:is\s+)?(?:required|necessary|needed)",
    re.IGNORECASE,
)
_HEADING_WORD_AFTER_RE = re.compile(
    r"\s*(?:qualifications|skills|requirements|experience|education|knowledge|:)", re.IGNORECASE
)
_REQUIRED_RE = re.compile(r"\b(?:required|requires?|must|minimum|mandatory)\b", re.IGNORECASE)
_NO_BEFORE_RE = re.compile(r"\bno\s+(?:\w+\s+)?$", re.IGNORECASE)


def _is_optional(sentence: str, start: int, end: int, previous_end: int, next_start: int) -> bool:
    """Whether a degree or years mention at ``start:end`` is only preferred.

    The words up to the next mention or ";" decide ("Master's preferred", "BS in CS or a
    related field a plus"), then those back to the previous mention, "," or ";"
    ("Preferred: MS", "Nice to have: 5 years"), unless "required" comes after them.
    """
    after = sentence[end : min(next_start, end + 160)].split(";", 1)[0]
    required_at = _REQUIRED_RE.search(after)
    for marker in _OPTIONAL_RE.finditer(after):
        if required_at is not None and required_at.start() < marker.start():
            break
        if not _HEADING_WORD_AFTER_RE.match(after, marker.end()):
            return True
    before = sentence[previous_end:start]
    before = before[max(before.rfind(";"), before.rfind(",")) + 1 :]
    if _NO_BEFORE_RE.search(before):
        return True
    markers = list(_OPTIONAL_RE.finditer(before))
    return bool(markers) and not _REQUIRED_RE.search(before, markers[-1].end())


@dataclass(frozen=True, slots=True)
class _Mention:
    kind: Literal["degree", "years"]
    value: float
    start: int
    end: int


def _required_mentions(sentence: _Sentence) -> Iterator[_Mention]:
    text = sentence.text
    lower = sentence.lower
    if "year" not in lower and "yr" not in lower and not _may_name_degree(text, lower):
        return
    mentions = [_Mention("degree", level, start, end) for level, start, end in _degrees(text)]
    if mentions and _DEGREE_NOISE_RE.search(text):
        mentions = []
    mentions += [_Mention("years", n, m.start(), m.end()) for n, m in _years_asked(text)]
    if sentence.optional_section or not mentions:
        return
    mentions.sort(key=lambda m: m.start)
    for i, mention in enumerate(mentions):
        previous_end = mentions[i - 1].end if i else 0
        next_start = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
        if not _is_optional(text, mention.start, mention.end, previous_end, next_start):
            yield mention


def _years_label(years: float) -> str:
    number = f"{years:g}"
    return f"{number}+ year" if years == 1 else f"{number}+ years"


# ---------------------------------------------------------------------------------------
# Seniority

_TITLE_NOUNS = (
    r"engineer|developer|dev|programmer|scientist|analyst|architect|designer|consultant"
    r"|manager|nurse|machinist|operator|technician|technologist|specialist|administrator"
    r"|accountant|auditor|officer|coordinator|representative|advisor|adviser|researcher|writer"
    r"|editor|teacher|supervisor|mechanic|electrician|welder|attorney|counsel|planner|buyer"
    r"|recruiter|pharmacist|therapist|clerk|agent|inspector|estimator|drafter|tester|strategist"
    r"|economist|statistician|chemist|biologist|director|producer|marketer|controller|lead"
    r"|sre|instructor|trainer|underwriter|paralegal|lawyer|banker|investigator|owner|programmer"
    r"|machine operator|assembler|fabricator|associate|executive"
)
_LEVEL_RE = re.compile(
    r"\b(?P<word>intern(?:ship)?|co-?op|trainee|apprentice(?:ship)?|entry[- ]level"
    r"|new[- ]grad(?:uate)?|(?<!post-)(?<!post)graduate|junior|jr\.?|mid[- ]level|intermediate"
    r"|senior|sr\.?|lead|staff|principal|distinguished|director|head\s+of|vice\s+president|vp"
    r"|chief|manager|supervisor)\b(?!-)"
    rf"|\b(?:{_TITLE_NOUNS})\s+(?P<roman>(?-i:I|II|III|IV))\b(?![.'\w])(?!\s+[a-z])",
    re.IGNORECASE,
)
_LEVEL_WORDS = {
    "intern": 0,
    "internship": 0,
    "coop": 0,
    "co-op": 0,
    "trainee": 0,
    "apprentice": 0,
    "apprenticeship": 0,
    "entry level": 0,
    "entry-level": 0,
    "graduate": 0,
    "junior": 1,
    "jr": 1,
    "mid level": 2,
    "mid-level": 2,
    "intermediate": 2,
    "senior": 3,
    "sr": 3,
    "lead": 4,
    "staff": 4,
    "principal": 4,
    "distinguished": 4,
    "director": 4,
    "head of": 4,
    "vice president": 4,
    "vp": 4,
    "chief": 4,
    "manager": 4,
    "supervisor": 4,
}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_NOUN_AFTER_RE = re.compile(rf"[\s,/&-]*(?:[\w+#.&/-]+\s+){{0,3}}?(?:{_TITLE_NOUNS})\b", re.I)
_LEVEL_NOT_AFTER_RE = re.compile(
    r"\s*(?:living|care|citizens?|center|centre|services|housing|home|management|leadership"
    r"|executives|generation|time|times|nurse|accountant|members?|meeting|writer|of\s+work"
    r"|level\s+(?:of|to))\b|\s*:",
    re.IGNORECASE,
)
# "Manager" names a function in these titles, not a level.
_FUNCTION_MANAGER_RE = re.compile(
    r"(?:product|project|program|programme|account|case|property|territory|office|community"
    r"|content|social\s+media|area|client|relationship|category|brand)\s+$"
    r"|\b(?:assistant|asst\.?|associate)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_LEVEL_NOUNS = frozenset({"lead", "manager", "director", "supervisor", "head of"})
_POSTING_LEVEL_HINT_WORDS = ("level", "junior", "senior", "intern")
_THREE_ASCII_LETTERS_RE = re.compile(r"(?:[^A-Za-z]*[A-Za-z]){3}")
_POSTING_LEVEL_TEXT_RE = re.compile(
    r"\b(?<!not )(?:this|the|an?|our)\s+(?:is\s+an?\s+)?(?:full[- ]time\s+|paid\s+)?"
    r"(?P<word>entry[- ]level|junior|mid[- ]level|senior[- ]level|senior|internship)"
    r"\s+(?:level\s+)?(?:position|role|opportunity|job|program)\b"
    r"|\b(?<!not )(?:this|our|an?)\s+(?:paid\s+|summer\s+|\d+[- ]week\s+)?(?P<intern>internship)\b",
    re.IGNORECASE,
)


_LEAD_VERB_AFTER_RE = re.compile(r"\s+(?:to|a|an|the|and|by|with)\b")
_WORD_AFTER_RE = re.compile(r"\s+\w")
_LEAD_OF_RE = re.compile(r"\b(?:team|tech|technical|project|shift|engineering|group)\s+$", re.I)


def _title_level(text: str, *, strict: bool) -> tuple[int, str] | None:
    """The level a job title states, with the words that state it.

    ``strict`` (for lines read from a resume rather than a title) asks that a level word
    comes before a job noun ("Senior Software Engineer", not "senior leadership"). An
    explicit junior or entry level wins over a manager noun ("Junior Sales Manager").
    """
    found: list[tuple[int, str]] = []
    for match in _LEVEL_RE.finditer(text):
        if match.group("roman"):
            found.append((_ROMAN[match.group("roman")], match.group().strip()))
            continue
        word = " ".join(match.group("word").lower().rstrip(".").replace("-", " ").split())
        word = {"co op": "coop", "entry level": "entry-level", "mid level": "mid-level"}.get(
            word, word
        )
        if word == "new grad" or word == "new graduate":
            word = "graduate"
        level = _LEVEL_WORDS.get(word)
        if level is None or _LEVEL_NOT_AFTER_RE.match(text, match.end()):
            continue
        if word == "manager" and _FUNCTION_MANAGER_RE.search(text[: match.start()]):
            continue
        if word == "lead" and _LEAD_VERB_AFTER_RE.match(text, match.end()):
            continue  # the verb: "lead a team"
        if word == "graduate" and not _WORD_AFTER_RE.match(text, match.end()):
            continue
        noun_follows = bool(_NOUN_AFTER_RE.match(text, match.end()))
        if (strict or word == "staff") and word not in _LEVEL_NOUNS and not noun_follows:
            continue
        if strict and word == "lead" and not noun_follows:
            before = text[max(0, match.start() - 25) : match.start()]
            if not _LEAD_OF_RE.search(before):
                continue
        end = _NOUN_AFTER_RE.match(text, match.end())
        phrase = text[match.start() : end.end() if end else match.end()]
        found.append((level, " ".join(phrase.split())))
    if not found:
        return None
    low = [f for f in found if f[0] <= 1 and f[1].lower().split()[0] not in _LEVEL_NOUNS]
    return min(low) if low else max(found, key=lambda f: f[0])


# ---------------------------------------------------------------------------------------
# Checks

_EEO_RE = re.compile(
    r"without regard|equal (?:employment )?opportunit|affirmative action|\bEEO\b|discriminat"
    r"|protected (?:veteran|class|status)|regardless of|e-verify|national origin",
    re.IGNORECASE,
)
# Words one of which every sentence a check pattern matches contains (lower case).
_CHECK_HINTS: dict[CheckKind, tuple[str, ...]] = {
    "clearance": ("clearance", "ts/sci", "polygraph"),
    "citizenship": ("citizen", "person", "itar"),
    "work_authorization": ("authori", "sponsor", "1b", "green card", "eligib", "right to work"),
    "relocation": ("relocat", "must live", "must reside", "local"),
    "graduation_window": ("graduat", "class of", "grad", "enrolled", "pursuing"),
    "travel": ("travel",),
    "license": ("licen", "cdl"),
    "shift": ("shift", "night", "weekend", "holiday", "call"),
    "physical": ("lift", "stand", "physical"),
}
_CHECK_SOURCES: tuple[tuple[CheckKind, str], ...] = (
    (
        "clearance",
        r"\b(?:security|secret|top[- ]secret|ts/sci|dod|government|federal|public trust)"
        r"\s+(?:security\s+)?clearance\b|\bclearance\s+(?:is\s+)?(?:required|level)\b"
        r"|\b(?:obtain|hold|active|current|eligib\w*\s+for)\s+(?:an?\s+)?(?:\w+\s+)?"
        r"(?:security\s+)?clearance\b|\bTS/SCI\b|\bpolygraph\b",
    ),
    (
        "citizenship",
        r"\bU\.?\s?S\.?\s+(?:citizen(?:ship)?|persons?)\b|\bcitizenship\b"
        r"|\bcitizens?\s+only\b|\bmust\s+be\s+an?\s+(?:\w+\s+)?citizen\b|\bITAR\b",
    ),
    (
        "work_authorization",
        r"\bauthori[sz]ed\s+to\s+work\b|\bwork\s+authori[sz]ation\b|\bvisa\s+sponsorship\b"
        r"|\bsponsor(?:ship)?\b[^.]{0,40}\b(?:visas?|h-?1b|employment)\b"
        r"|\b(?:not|no|unable\s+to|cannot|will\s+not|won't)\s+(?:\w+\s+){0,2}sponsor"
        r"|\bH-?1B\b|\bgreen\s+card\b|\beligib\w*\s+to\s+work\b|\bright\s+to\s+work\b"
        r"|\b(?:work|employment)\s+(?:visa|permit)\b",
    ),
    (
        "relocation",
        r"\b(?:willing(?:ness)?|able|ability|must|required|open|need)\s+(?:to\s+)?"
        r"(?:\w+\s+){0,2}relocat\w*|\brelocation\s+(?:is\s+)?(?:required|mandatory|necessary)"
        r"|\bmust\s+(?:live|reside)\s+(?:in|within|near)\b|\blocal\s+candidates\s+only\b"
        r"|\bmust\s+be\s+local\b",
    ),
    (
        "graduation_window",
        r"\bgraduation\s+(?:date\s+)?(?:between|by|before|in|no\s+later)\b"
        r"|\bgraduat(?:ing|e|ed)\s+(?:between|by|before|within|in\s+(?:\w+\s+)?(?:19|20)\d\d)"
        r"|\bclass\s+of\s+(?:19|20)\d\d\b|\brecent\s+(?:college\s+|university\s+)?grad"
        r"(?:uate)?s?\b|\bnew\s+grad(?:uate)?s?\b|\bcurrently\s+(?:enrolled|pursuing)\b",
    ),
    (
        "travel",
        r"\b\d{1,3}\s*%\s*(?:of\s+(?:the\s+)?time\s+)?(?:\w+\s+)?travel"
        r"|\btravel\w*\s+(?:\w+\s+){0,3}\d{1,3}\s*%"
        r"|\b(?:overnight|extensive|frequent|international|domestic|regional|national"
        r"|occasional|some|significant|local)\s+travel\b"
        r"|\btravel\s+(?:is\s+)?(?:required|up\s+to|expected|involved)\b"
        r"|\b(?:willing(?:ness)?|able|ability)\s+to\s+travel\b|\brequires?\s+(?:\w+\s+)?travel\b",
    ),
    (
        "license",
        r"\bdriver'?s'?\s+licen[cs]e|\bdriving\s+licen[cs]e|\bCDL\b"
        r"|\b(?:nursing|nurse|rn|lpn|pe|professional\s+engineer(?:ing)?|state|board|pharmacist"
        r"|teaching|electrical|electrician|plumbing|contractor|real\s+estate|insurance|cpa)"
        r"\s+licen(?:se|ce|sure)\b|\blicen[cs]ure\b"
        r"|\b(?:valid|current|active|unrestricted|unencumbered)\s+(?:\w+\s+){0,4}licen[cs]e"
        r"|\blicen[cs]ed\s+(?:as|in|to|by)\b|\bPE\s+(?:license|stamp)\b"
        r"|\blicen[cs]e\s+(?:is\s+)?required\b"
        r"|\bmust\s+(?:hold|have|possess)\s+(?:an?\s+)?(?:\w+\s+){0,3}licen[cs]e",
    ),
    (
        "shift",
        r"\b(?:night|evening|overnight|weekend|rotating|graveyard|swing|2nd|second|3rd|third"
        r"|split|day/night|\d{1,2}[- ]hour)\s+shifts?\b"
        r"|\bwork(?:ing)?\s+(?:\w+\s+)?(?:nights|weekends|holidays)\b"
        r"|\bnights?\s*(?:,|and|&|/)\s*(?:\w+\s+)?weekends?\b"
        r"|\bweekends?\s*(?:,|and|&|/)\s*holidays?\b|\bon[- ]call\b|\bshift\s+work\b",
    ),
    (
        "physical",
        r"\blift(?:ing)?\s+(?:and\s+carry\s+)?(?:up\s+to\s+)?(?:\d{2,3}|fifty|twenty\w*)"
        r"\s*(?:lbs?|pounds|kg)\b|\bstand(?:ing)?\s+for\s+(?:long|extended|prolonged|\d+)"
        r"|\bphysical(?:ly)?\s+(?:demands|requirements|able|capable)\b",
    ),
)
_CHECK_PATTERNS = tuple(
    (kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _CHECK_SOURCES
)


# ---------------------------------------------------------------------------------------
# Posting


def read_posting_needs(text: str, title: str = "") -> PostingNeeds:
    """Read the minimum degree, years and seniority a posting asks for, and its checks.

    Only requirements count: a mention marked "preferred", "a plus", "nice to have", or under
    a heading such as "Preferred qualifications", is skipped. The degree is the lowest level
    the posting requires ("Bachelor's or Master's" asks for a bachelor's); a degree accepted
    "or equivalent experience" has ``or_equivalent`` set. The years are the largest minimum
    among the required ones: every minimum asked, also one for a single skill ("5+ years of
    Python"), is a lower bound on the candidate's total experience, so the largest is the
    bar ("3-5 years" asks for 3). The seniority comes from ``title`` (or, when it is empty,
    a short first line of ``text``), else from a phrase such as "this entry-level position".
    Checks are the constraints text cannot settle, one per kind, each with the first sentence
    that names it; equal-opportunity statements are skipped.

    >>> needs = read_posting_needs("BS in CS; MS preferred. 3-5 years of experience in Go.")
    >>> needs.degree.wanted, needs.years.wanted
    ("bachelor's degree", '3+ years')
    """
    prepared = _prepare(text)
    sentences = _sentences(prepared)
    lowered = _Joined([s.lower for s in sentences])
    # Only sentences with a hint of years or a degree can mention them.
    hinted = lowered.containing(_MENTION_HINT_WORDS) | _Joined([s.text for s in sentences]).hits(
        _DEGREE_HINT_ABBREVIATIONS_RE
    )
    degree: Need | None = None
    years: Need | None = None
    for index in sorted(hinted):
        sentence = sentences[index]
        for mention in _required_mentions(sentence):
            source = _excerpt(sentence.text, mention.start, mention.end)
            if mention.kind == "degree":
                level = int(mention.value)
                equivalent = bool(
                    _EQUIVALENT_RE.search(
                        sentence.text, max(0, mention.start - 30), mention.end + 120
                    )
                )
                if degree is None or level < degree.level:
                    degree = Need(level, DEGREE_NAMES[level], source, equivalent)
                elif level == degree.level and equivalent and not degree.or_equivalent:
                    degree = Need(level, degree.wanted, degree.source, True)
            elif years is None or mention.value > years.level:
                years = Need(int(mention.value), _years_label(mention.value), source)
    if degree is not None and degree.or_equivalent:
        degree = Need(
            degree.level, f"{degree.wanted} or equivalent experience", degree.source, True
        )
    return PostingNeeds(
        degree=degree,
        years=years,
        seniority=_posting_seniority(prepared, title, sentences, lowered),
        checks=_posting_checks(sentences, lowered),
    )


def _posting_seniority(
    prepared: str, title: str, sentences: list[_Sentence], lowered: _Joined
) -> Need | None:
    heading = " ".join(_prepare(title).split())
    if not heading:
        lines = (line.strip() for line in prepared.split("\n"))
        first = next((line for line in lines if _has_three_letters(line)), "")
        heading = first if len(first) <= 100 else ""
    if heading:
        found = _title_level(heading, strict=False)
        if found is not None:
            level, phrase = found
            return Need(level, _seniority_label(level, phrase), _excerpt(heading))
    for index in sorted(lowered.containing(_POSTING_LEVEL_HINT_WORDS)):
        sentence = sentences[index]
        match = _POSTING_LEVEL_TEXT_RE.search(sentence.text)
        if match is None:
            continue
        word = (match.group("word") or match.group("intern")).lower().replace("-", " ")
        level = {"entry level": 0, "internship": 0, "junior": 1, "mid level": 2}.get(word, 3)
        label = SENIORITY_NAMES[level] if level else ("intern" if "intern" in word else word)
        return Need(level, label, _excerpt(sentence.text, match.start(), match.end()))
    return None


def _seniority_label(level: int, phrase: str) -> str:
    first = phrase.lower().replace("-", " ").split()[0].rstrip(".")
    named = {
        "intern": "intern",
        "internship": "intern",
        "sr": "senior",
        "jr": "junior",
        "staff": "staff",
        "principal": "principal",
        "lead": "lead",
        "director": "director",
        "manager": "manager",
        "supervisor": "supervisor",
        "vp": "vice president",
        "vice": "vice president",
        "head": "head",
        "chief": "chief",
    }
    return named.get(first, SENIORITY_NAMES[level])


def _has_three_letters(line: str) -> bool:
    """Whether ``line`` has three letters (`str.isalpha`), ASCII text by a regex."""
    if line.isascii():
        return _THREE_ASCII_LETTERS_RE.match(line) is not None
    return sum(c.isalpha() for c in line) >= 3


def _posting_checks(sentences: list[_Sentence], lowered: _Joined) -> tuple[Check, ...]:
    found: dict[CheckKind, Check] = {}
    # Each kind with the sentences that have its hints; the others need no pattern search.
    patterns = [
        (kind, pattern, hinted)
        for kind, pattern in _CHECK_PATTERNS
        if (hinted := lowered.containing(_CHECK_HINTS[kind]))
    ]
    for index in sorted(set().union(*(hinted for _, _, hinted in patterns))):
        sentence = sentences[index]
        eeo: bool | None = None
        for kind, pattern, hinted in patterns:
            if kind in found or index not in hinted:
                continue
            match = pattern.search(sentence.text)
            if match is not None and eeo is None:
                eeo = bool(_EEO_RE.search(sentence.text))
            if eeo:
                break
            if match is not None:
                found[kind] = Check(kind, _excerpt(sentence.text, match.start(), match.end()))
    return tuple(found.values())


# ---------------------------------------------------------------------------------------
# Resume

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19[7-9]\d|20\d\d)"


def _endpoint(tag: str) -> str:
    return (
        rf"(?:(?P<{tag}m>{_MONTH})\s*,?\s*'?(?P<{tag}y1>{_YEAR})"
        rf"|(?P<{tag}n>0?[1-9]|1[0-2])\s*[/.-]\s*(?P<{tag}y2>{_YEAR})"
        rf"|(?P<{tag}y3>{_YEAR}))"
    )


# The lookahead (the first letter of a month, or a digit) rules most places out before the
# lookbehind and the alternatives are tried.
_RANGE_RE = re.compile(
    rf"(?=[jfmasond0-9])(?<![\w/.-]){_endpoint('s')}\s*(?:-+|~|to|until|till|through|thru)\s*"
    rf"(?:{_endpoint('e')}|(?P<present>present|current(?:ly)?|now|today|ongoing|(?:to\s+)?date))"
    r"(?![\w/])",
    re.IGNORECASE,
)
_WORK_HEADING = r"experience|employment|work|career|professional|positions|history"
_OTHER_HEADING = (
    r"education|academic|certif|licens|training|course|award|honou?r|publication|project"
    r"|reference|affiliation|membership|activit|volunteer|skills|interests"
)
_HEADING_LINE_RE = re.compile(r"[A-Za-z][A-Za-z &/,'-]{2,48}$")
# Headings run into the text of a resume without line breaks: in capitals, or with a colon.
# (Plain alternations of words: searched far faster than patterns with optional parts.)
_HEADING_INLINE_RE = re.compile(
    "PROFESSIONAL EXPERIENCE|WORK EXPERIENCE|RELEVANT EXPERIENCE|CAREER HISTORY|WORK HISTORY"
    "|EMPLOYMENT HISTORY|EXPERIENCE|EMPLOYMENT|EDUCATION AND TRAINING|EDUCATION & TRAINING"
    "|EDUCATION|CERTIFICATIONS|CERTIFICATION|TRAINING|VOLUNTEER EXPERIENCE|VOLUNTEER WORK"
    "|VOLUNTEER|PROJECTS|AWARDS|PUBLICATIONS"
)
_HEADING_COLON_RE = re.compile(
    "education:|work history:|employment history:|work experience:|professional experience:"
    "|experience:|certifications:|certification:|training:|volunteer experience:|volunteer:"
    "|projects:"
)
_WORK_HEADING_RE = re.compile(rf"\b(?:{_WORK_HEADING})", re.IGNORECASE)
_OTHER_HEADING_RE = re.compile(rf"\b(?:{_OTHER_HEADING})", re.IGNORECASE)
_VOLUNTEER_RE = re.compile(r"volunteer", re.IGNORECASE)
_EXPERIENCE_RE = re.compile(r"(?i)experience")
_EDUCATION_HEADING_RE = re.compile(r"(?i)educat|academic")
_SCHOOL_CONTEXT_RE = re.compile(
    r"\bGPA\b|\bgraduat|\bcoursework\b|\battended\b|\bstudent\b|\bdiploma\b|\bclass of\b",
    re.IGNORECASE,
)
_MAX_RANGE_MONTHS = 50 * 12


@dataclass(frozen=True, slots=True)
class _Range:
    start: int  # months since year 0, inclusive
    end: int  # exclusive
    text_start: int
    text_end: int
    present: bool


def read_resume_facts(text: str, title: str = "", *, today: date | None = None) -> ResumeFacts:
    """Read the highest degree, the years of experience and the seniority a resume shows.

    Years come from the date ranges of the resume's roles ("2015 - Present", "Jan 2018 -
    Mar 2020", "03/2019 to 06/2021"): overlapping ranges are merged and summed, and ranges
    under an education, training, projects or volunteer heading, or beside a degree or a GPA,
    are left out, as are ranges that start before 1970, end in the future or last more than
    50 years. A range given in months counts both end months; one given in years counts the
    difference ("2018 - 2020" is 2 years). "Present", "Current" and "now" mean ``today``
    (default: the date the function runs; pass the document's date for reproducible
    results). Without ranges, a statement such as "7 years of experience" is used. Degrees
    marked as in progress or expected are not counted. The seniority is the level stated in
    the most recent role's title, else in ``title`` or the resume's headline.
    """
    today = today or date.today()
    prepared = _prepare(text)
    headings = _headings(prepared)
    degree, degree_text, education = _resume_degree(prepared, headings)
    ranges = _resume_ranges(prepared, today, _sections(headings))
    years: float | None = None
    years_text: str | None = None
    if ranges:
        years = _merged_years(ranges)
        first = min(r.start for r in ranges)
        latest = max(ranges, key=lambda r: (r.end, r.present))
        end = "present" if latest.present else str((latest.end - 1) // 12)
        roles = f"{len(ranges)} date range{'s' if len(ranges) > 1 else ''}"
        years_text = f"{years:g} years ({first // 12} - {end}, {roles})"
    else:
        stated = max(_years_asked(prepared, strict=True), key=lambda f: f[0], default=None)
        if stated is not None:
            years = stated[0]
            years_text = f"{years:g} years (stated: {' '.join(stated[1].group().split())} …)"
    seniority = _resume_seniority(prepared, title, ranges)
    return ResumeFacts(
        degree=degree,
        degree_text=degree_text,
        years=years,
        years_text=years_text,
        seniority=seniority[0] if seniority else None,
        seniority_text=seniority[1] if seniority else None,
        education_listed=education,
    )


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    return text.rfind("\n", 0, start) + 1, (text.find("\n", end) + 1 or len(text) + 1) - 1


def _resume_degree(
    prepared: str, headings: list[tuple[int, str]]
) -> tuple[int | None, str | None, bool]:
    education = any(_EDUCATION_HEADING_RE.search(heading) for _, heading in headings)
    best: tuple[int, str] | None = None
    for level, start, end in _degrees(prepared):
        line_start, line_end = _line_bounds(prepared, start, end)
        lo, hi = max(line_start, start - 60), min(line_end, end + 80)
        if _NOT_HELD_RE.search(prepared, lo, hi):
            continue
        if best is None or level > best[0]:
            line = prepared[line_start:line_end]
            best = (level, _excerpt(line, start - line_start, end - line_start, 90))
    if best is None:
        return None, None, education
    return best[0], best[1], True


def _headings(prepared: str) -> list[tuple[int, str]]:
    """The heading lines of a resume, and headings run into its text ("EDUCATION", "Work
    history:"), each with where it starts."""
    found: list[tuple[int, str]] = []
    position = 0
    for line in prepared.split("\n"):
        if len(line) <= 50:
            words = line.strip(" #*_>-:").split()
            if 0 < len(words) <= 4 and _HEADING_LINE_RE.match(" ".join(words)):
                found.append((position, line))
        position += len(line) + 1
    for match in _HEADING_INLINE_RE.finditer(prepared):
        if match.start() == 0 or not prepared[match.start() - 1].isalpha():
            found.append((match.start(), match.group()))
    for match in _HEADING_COLON_RE.finditer(prepared.lower()):
        if match.start() == 0 or not prepared[match.start() - 1].isalpha():
            found.append((match.start(), match.group()))
    return sorted(found)


def _sections(headings: list[tuple[int, str]]) -> list[tuple[int, bool]]:
    """Where each work (true) or other (false) section of a resume starts, in order."""
    starts: list[tuple[int, bool]] = []
    for position, heading in headings:
        if _VOLUNTEER_RE.search(heading):
            starts.append((position, False))
        elif _OTHER_HEADING_RE.search(heading):
            if not _WORK_HEADING_RE.search(_EXPERIENCE_RE.sub("", heading)):
                starts.append((position, False))
        elif _WORK_HEADING_RE.search(heading):
            starts.append((position, True))
    return starts


def _month(name: str | None, number: str | None) -> int | None:
    if name:
        return _MONTHS.get(name.lower()[:3])
    return int(number) if number else None


def _resume_ranges(prepared: str, today: date, sections: list[tuple[int, bool]]) -> list[_Range]:
    now = today.year * 12 + today.month  # exclusive end of the current month
    matches = list(_RANGE_RE.finditer(prepared))
    ranges: list[_Range] = []
    for i, match in enumerate(matches):
        start_year = int(match.group("sy1") or match.group("sy2") or match.group("sy3"))
        start_month = _month(match.group("sm"), match.group("sn"))
        start = start_year * 12 + (start_month or 1) - 1
        present = bool(match.group("present"))
        if present:
            end = now
        else:
            end_year = int(match.group("ey1") or match.group("ey2") or match.group("ey3"))
            end_month = _month(match.group("em"), match.group("en"))
            end = end_year * 12 + end_month if end_month else end_year * 12
            if start_month is None and end_month is not None:
                start = start_year * 12  # "2018 - Mar 2020": from January
        if not (1970 * 12 <= start < end <= now and end - start <= _MAX_RANGE_MONTHS):
            continue
        if _in_other_section(sections, match.start()):
            continue
        line_start, line_end = _line_bounds(prepared, match.start(), match.end())
        lo = max(line_start, matches[i - 1].end() if i else 0, match.start() - 60)
        hi = min(line_end, matches[i + 1].start() if i + 1 < len(matches) else line_end)
        hi = min(hi, match.end() + 40)
        around = prepared[lo : match.start()] + " " + prepared[match.end() : hi]
        if _SCHOOL_CONTEXT_RE.search(around) or any(True for _ in _degrees(around)):
            continue
        ranges.append(_Range(start, end, match.start(), match.end(), present))
    return ranges


def _in_other_section(sections: list[tuple[int, bool]], position: int) -> bool:
    current = True
    for start, is_work in sections:
        if start > position:
            break
        current = is_work
    return not current


def _merged_years(ranges: list[_Range]) -> float:
    total = 0
    span_start, span_end = -1, -1
    for item in sorted(ranges, key=lambda r: r.start):
        if item.start > span_end:
            total += span_end - span_start
            span_start, span_end = item.start, item.end
        else:
            span_end = max(span_end, item.end)
    total += span_end - span_start
    return round(total / 12, 1)


def _resume_seniority(prepared: str, title: str, ranges: list[_Range]) -> tuple[int, str] | None:
    if ranges:
        latest = max(ranges, key=lambda r: (r.end, r.present, -r.text_start))
        line_start, line_end = _line_bounds(prepared, latest.text_start, latest.text_end)
        previous_start = prepared.rfind("\n", 0, max(0, line_start - 1)) + 1
        lo = max(previous_start, latest.text_start - 150)
        earlier = [r.text_end for r in ranges if r.text_end <= latest.text_start]
        lo = max([lo, *earlier])
        next_end = prepared.find("\n", line_end + 1)
        next_line = prepared[line_end + 1 : next_end if next_end >= 0 else len(prepared)]
        window = prepared[lo : min(line_end, latest.text_end + 80)]
        if len(next_line.split()) <= 8 and not next_line.lstrip().startswith("-"):
            window += "\n" + next_line
        found = _title_level(window, strict=True)
        if found is not None:
            return found
    lines = [line for line in (title, *prepared.strip().split("\n")[:6]) if line.strip()]
    for line in lines:
        found = _title_level(line[:200], strict=True)
        if found is not None:
            return found
    return None


# ---------------------------------------------------------------------------------------
# Comparison

# Years read from month-level dates may fall a little short of a round number.
_YEARS_TOLERANCE = 0.25


def compare(needs: PostingNeeds, facts: ResumeFacts) -> tuple[HardRequirement, ...]:
    """Set each of the posting's minimums beside what the resume shows.

    A degree at or above the asked level is ``met``. When the resume shows no degree it is
    ``not_met``, unless the resume has an education section whose degree could not be read
    or the posting asks only for a high school diploma (which few resumes list): then
    ``unknown``. A degree the posting accepts "or equivalent experience" is never ``not_met``:
    whether experience stands in for it is for a person to judge, so it is ``unknown``.
    Years are ``met`` when the resume shows at least the minimum (within three months);
    seniority is ``met`` when the resume's level is equal or higher. Anything the resume does
    not show for years or seniority is ``unknown``.
    """
    results: list[HardRequirement] = []
    if needs.degree is not None:
        need = needs.degree
        status: Status
        if facts.degree is not None and facts.degree >= need.level:
            status = "met"
        elif need.or_equivalent or (
            facts.degree is None and (need.level == 0 or facts.education_listed)
        ):
            status = "unknown"
        else:
            status = "not_met"
        results.append(
            HardRequirement("degree", need.wanted, facts.degree_text, status, need.source)
        )
    if needs.years is not None:
        need = needs.years
        if facts.years is None:
            status = "unknown"
        else:
            status = "met" if facts.years + _YEARS_TOLERANCE >= need.level else "not_met"
        results.append(HardRequirement("years", need.wanted, facts.years_text, status, need.source))
    if needs.seniority is not None:
        need = needs.seniority
        if facts.seniority is None:
            status = "unknown"
        else:
            status = "met" if facts.seniority >= need.level else "not_met"
        results.append(
            HardRequirement("seniority", need.wanted, facts.seniority_text, status, need.source)
        )
    return tuple(results)
