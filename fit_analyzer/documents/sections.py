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
# A word in capitals just before or after a match, across spaces and title punctuation.
_CAPITALS_BEFORE_RE = re.compile(r"\b[A-Z]{2,}[\s/&,-]*$")
_CAPITALS_AFTER_RE = re.compile(r"[\s/&,-]*[A-Z]{2,}\b")
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
    capitals is still recognisable there, a heading word in a sentence is not. Nor is one
    inside a run of capitals ("SALES MANAGER - EXPERIENCE REQUIRED"): that is a title.
    """
    pattern = vocabulary.run_in_heading_pattern(role)

    def split(match: re.Match[str]) -> str:
        line, start, end = match.string, match.start(), match.end()
        before = _CAPITALS_BEFORE_RE.search(line, 0, start)
        if before and _CAPITALS_AFTER_RE.match(line, end):
            return match.group(0)
        return f"\n{match.group(1)}\n"

    return "\n".join(
        pattern.sub(split, line) if len(line) > _LONG_LINE else line for line in text.splitlines()
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
    match = _INLINE_HEADING_RE.match(line) if ":" in line else None  # most lines have none
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


# Titles. A posting's title sits after a label ("Job Title: ..."), in the format's own title,
# on a short first line, or inside a sentence ("We are hiring a Data Analyst to ..."); a
# resume's headline under the name, in the summary's first words, or in its latest job.

_TITLE_LABELS = frozenset(
    {
        "job description",
        "job title",
        "job opening",
        "job role",
        "position title",
        "position",
        "role",
        "title",
        "opening",
        "job",
        "vacancy",
    }
)
_EXPLICIT_LABELS = frozenset({"job title", "position title", "title"})
_LABEL_RE = re.compile(
    r"^\s*(job\s+description|job\s+title|job\s+opening|job\s+role|position\s+title|position|role"
    r"|title|opening|job|vacancy)\s*(?::|\s[-\u2013\u2014]\s)\s*(.*)$",
    re.IGNORECASE,
)
# In text that lost its line breaks a label can only be told from a word by its colon.
_RUN_ON_LABEL_RE = re.compile(
    r"(?<![\w-])(?:job\s+title|position\s+title|position|opening)\s*:\s*", re.IGNORECASE
)
_LEAD_LABEL_RE = re.compile(
    r"^(?:job\s+description|description|job\s+title|position|job)\b[\s:/-]*", re.IGNORECASE
)
_CUE_RE = re.compile(
    r"\b(?:hiring|seek(?:s|ing)?|looking\s+for|(?:candidates|applicants)\s+for|searching\s+for|in\s+search\s+of|recruiting|"
    r"opening\s+for|(?:join|joining)\s+(?:us|our\s+team|the\s+team|[A-Z][\w&.'-]*)\s+as|"
    r"(?:we|they)\s+need|needs|to\s+hire|work\s+as)\s+(?:an?|the|one|two|several)?\s*",
    re.IGNORECASE,
)
_PARENTHESIS_RE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")
_OPEN_PARENTHESIS_RE = re.compile(r"\s*[(\[][^()\[\]]*$")
_SUFFIX_SEPARATOR_RE = re.compile(r"\s+(?:[|@\u2013\u2014-]|at)\s+")
# Where the parts of a headline or job line meet: "Jane Doe | Analyst", "Acme — Engineer".
_PART_SEPARATOR_RE = re.compile(
    r"\s+[|\u2022\u00b7\u2013\u2014-]\s+|\s*[|\u2022\u00b7\t]\s*|\s{3,}"
)
_ENTRY_SEPARATOR_RE = re.compile(
    r"\s+[|\u2022\u00b7\u2013\u2014-]\s+|\s*[|\u2022\u00b7\t,;]\s*|\s{2,}|\s+(?:at|@)\s+"
)
_TITLE_END_RE = re.compile(r"[.!?;:(\[](?:\s|$)|[:(\[]")
_WORD_RE = re.compile(r"[^\W\d_]{3,}")
_CONTACT_RE = re.compile(r"@|https?://|www\.|linkedin|github\.com|\d{3}\D{0,2}\d{3}\D?\d{4}")
_ADDRESS_RE = re.compile(r"^\d|\b\d{5}(?:-\d{4})?\b|,\s*[A-Z]{2}(?:\s|,|$)")
_DATE_RE = re.compile(
    r"\b(?:19|20)\d{2}\b|\b(?:present|current|now)\b|\b\d{1,2}/\d{2,4}\b", re.IGNORECASE
)
_NAME_WORD_RE = re.compile(r"[A-Z][A-Za-z'.-]*")
_ROMAN_RE = re.compile(r"^(?:I{1,3}|IV|V|VI{1,3}|[1-5])$")
_PUNCTUATION = ".,;:!?\"'()[]{}*"
_MAX_TITLE_WORDS = 8
_MAX_LEAD_WORDS = 5
_MAX_SHORT_LINE_WORDS = 12
_OPENING_CHARS = 600
_RUN_ON_CHARS = 300
_LABEL_LINES = 40
_HEADLINE_LINES = 8
_ENTRY_LINES = 8
_CONNECTORS = frozenset({"and", "&", "of", "/", "-", "+"})
# Words a title does not go on through: it ends before "with 6 years", "who", "to join".
_STOP_WORDS = frozenset(
    "a an the with who that to in on at for from by is are was will which whose has have "
    "having as or into over within across our your their this we you i my specialising "
    "specializing specialised specialized focused seeking offering possessing looking "
    "capable able experienced skilled responsible based located someone somebody people "
    "person candidate candidates individual individuals obsessed under passionate "
    "dedicated committed".split()
)
# Of those, the ones a title may contain: "Director for Public Relations", "Nurse in ICU".
_TITLE_STOP_WORDS = frozenset({"for", "in", "on", "at", "from", "by", "the"})
# Praise before a role ("an experienced ICU nurse", "Results-driven engineer") is not part of it.
_PRAISE = frozenset(
    "experienced seasoned skilled talented motivated highly self-motivated results-driven "
    "results-oriented detail-oriented dedicated passionate dynamic enthusiastic "
    "accomplished driven hard-working hardworking reliable versatile innovative proven "
    "energetic knowledgeable compassionate caring exceptional outstanding strong great "
    "excellent qualified proactive creative analytical organized organised successful "
    "ambitious friendly new full-time part-time an a the one".split()
)
# Heads that name no job on their own ("a dedicated professional").
_GENERIC_HEADS = frozenset({"professional", "leader", "expert", "worker", "player", "member"})
_COMPANY_WORDS = frozenset(
    "inc llc ltd corp corporation company gmbh plc group hospital clinic careers jobs "
    "university technologies labs".split()
)
# Where and how the job is done: a suffix of only these is not part of the title.
_PLACE_WORDS = frozenset(
    "remote hybrid onsite on site usa us uk eu emea apac full part time contract "
    "temporary temp permanent days nights weekends shift freelance".split()
)


def find_title(
    sections: tuple[Section, ...], role: str, vocabulary: Vocabulary, declared: str | None
) -> str:
    """Return a posting's job title or a resume's headline ("" when none is found).

    A posting's title is the text after a title label ("Job Description: Senior Engineer"),
    the title its format declared, a short first line that names a job, or the role a
    sentence names ("We are hiring a Data Analyst to ..."). A resume's headline is the line
    under the name ("Jane Doe | Product Manager" also counts), else the role its summary
    starts with ("Experienced registered nurse specialising in ..."), else its latest job
    title. Parentheticals ("(5+ Years of Experience)", "(m/f/d)") and a location or company
    after " - ", " | " or " at " are dropped; capitals are kept as written.
    """
    if role == "posting":
        return _posting_title(sections, vocabulary, declared)
    return _headline(sections, vocabulary)


def _posting_title(
    sections: tuple[Section, ...], vocabulary: Vocabulary, declared: str | None
) -> str:
    labelled = _labelled_title(sections, vocabulary)
    if labelled:
        return labelled
    if declared:
        return _clean_title(declared, vocabulary) or declared.strip()
    lines = _preamble_lines(sections, "posting")
    short = [
        line
        for line in lines[:3]
        if len(line.split()) <= _MAX_SHORT_LINE_WORDS
        and _WORD_RE.search(line)
        and not line.endswith(":")
        and vocabulary.section_for(line, "posting") is None
    ]
    naming_a_job = [line for line in short if _names_a_job(line, vocabulary)]
    if naming_a_job:
        return _clean_title(naming_a_job[0], vocabulary)
    opening = "\n".join(s.text for s in sections[:2])[:_OPENING_CHARS]
    phrase = _cued_role(opening, vocabulary)
    if not phrase and lines and len(lines[0].split()) > _MAX_SHORT_LINE_WORDS:
        # Text that lost its line breaks often still starts with the title.
        lead = _LEAD_LABEL_RE.sub("", lines[0][:_RUN_ON_CHARS])
        phrase = _role_phrase(lead, vocabulary, skip_unknown=True)
    if phrase:
        return _clean_title(phrase, vocabulary)
    return _clean_title(short[0], vocabulary) if short else ""


def _labelled_title(sections: tuple[Section, ...], vocabulary: Vocabulary) -> str:
    """Return the title written after a label such as "Job Title:" ("" when there is none)."""
    seen = 0
    for section in sections:
        lines = [line for line in section.text.splitlines() if line.strip()]
        if section.heading.lower() in _TITLE_LABELS and lines:
            # "Job Description: Senior Engineer" read as a heading with its text.
            found = _label_value(section.heading.lower(), lines[0], vocabulary)
            if found:
                return found
        for line in lines:
            seen += 1
            if seen > _LABEL_LINES:
                return ""
            match = _LABEL_RE.match(_BULLET_RE.sub("", line))
            if match:
                label = " ".join(match.group(1).lower().split())
                found = _label_value(label, match.group(2), vocabulary)
                if found:
                    return found
            elif len(line) > _LONG_LINE:
                run_on = _RUN_ON_LABEL_RE.search(line[:_RUN_ON_CHARS])
                if run_on:
                    value = _TITLE_END_RE.split(line[run_on.end() :], maxsplit=1)[0]
                    found = _role_phrase(value, vocabulary, skip_unknown=False)
                    if found:
                        return _clean_title(found, vocabulary)
    return ""


def _label_value(label: str, value: str, vocabulary: Vocabulary) -> str:
    """Return the title in the text after a title label, or "" when it names none."""
    value = value.strip()
    if not value:
        return ""
    if len(value.split()) <= _MAX_SHORT_LINE_WORDS and not _CUE_RE.search(value):
        cleaned = _clean_title(value, vocabulary)
        if cleaned and (label in _EXPLICIT_LABELS or _names_a_job(cleaned, vocabulary)):
            return cleaned
        return ""
    # A long value is the rest of a text that lost its line breaks, or a sentence.
    first = _TITLE_END_RE.split(value, maxsplit=1)[0]
    phrase = _role_phrase(first, vocabulary, skip_unknown=False)
    return _clean_title(phrase, vocabulary) if phrase else _cued_role(value, vocabulary)


def _cued_role(text: str, vocabulary: Vocabulary) -> str:
    """Return the role a sentence names after "hiring", "seeking", "join us as" and the like."""
    for cue in _CUE_RE.finditer(text):
        phrase = _role_phrase(text[cue.end() : cue.end() + 200], vocabulary, skip_unknown=False)
        if phrase:
            return _clean_title(phrase, vocabulary)
    return ""


def _headline(sections: tuple[Section, ...], vocabulary: Vocabulary) -> str:
    for line in _preamble_lines(sections, "resume")[:_HEADLINE_LINES]:
        for part in _PART_SEPARATOR_RE.split(line):
            contact = _CONTACT_RE.search(part)
            if contact:  # keep what comes before, as in "Jane Doe Analyst jane@x.com"
                part = re.sub(r"\S*$", "", part[: contact.start()])
            part = part.strip(" ,;:")
            if (
                not part
                or _ADDRESS_RE.search(part)
                or vocabulary.section_for(part, "resume") is not None
            ):
                continue
            if _is_title_line(part):
                part = _without_leading_name(part, vocabulary)
                if not _looks_like_name(part, vocabulary) and _names_a_job(part, vocabulary):
                    return _clean_title(part, vocabulary)
                continue
            phrase = _role_phrase(part, vocabulary, skip_unknown=True)
            if phrase:
                return _clean_title(phrase, vocabulary)
    for section in sections:
        if section.name == "summary" and section.text.strip():
            opening = re.split(r"[.;!?](?:\s|$)", section.text.strip(), maxsplit=1)[0]
            phrase = _role_phrase(opening, vocabulary, skip_unknown=True)
            if phrase:
                return _clean_title(phrase, vocabulary)
            break
    for section in sections:
        if section.name == "experience":
            return _latest_job(section, vocabulary)
    return ""


def _latest_job(section: Section, vocabulary: Vocabulary) -> str:
    """Return the first job title among the first lines of an experience section."""
    lines = [_BULLET_RE.sub("", line).strip() for line in section.text.splitlines()]
    for line in [line for line in lines if line][:_ENTRY_LINES]:
        if len(line.split()) > _MAX_SHORT_LINE_WORDS + 2:
            continue  # a sentence about the work, not the line naming the job
        for part in _ENTRY_SEPARATOR_RE.split(line):
            part = part.strip(" ,;:()")
            tokens = vocabulary.tokens(part)
            if (
                not tokens
                or _DATE_RE.search(part)
                or tokens[-1] in _COMPANY_WORDS
                or not _is_title_line(part)
            ):
                continue
            phrase = _role_phrase(part, vocabulary, skip_unknown=True)
            if phrase:
                return _clean_title(phrase, vocabulary)
    return ""


def _preamble_lines(sections: tuple[Section, ...], role: str) -> list[str]:
    return [
        line.strip()
        for s in sections[:1]
        if s.name == PREAMBLE[role] and not s.heading
        for line in s.text.splitlines()
        if line.strip()
    ]


def _is_title_line(text: str) -> bool:
    """Whether ``text`` is short and free of the words that carry a sentence on."""
    words = text.split()
    return len(words) <= _MAX_TITLE_WORDS + 2 and not any(
        w.lower().strip(_PUNCTUATION) in _STOP_WORDS - _TITLE_STOP_WORDS for w in words
    )


def _looks_like_name(text: str, vocabulary: Vocabulary) -> bool:
    """Whether ``text`` reads as a person's name ("Jane Baker"), not a title ("Senior Baker")."""
    words = text.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return False
    if " ".join(vocabulary.tokens(text)) in vocabulary.occupations_by_title:
        return False
    known = _title_vocabulary(vocabulary)
    return not any(set(vocabulary.tokens(w)) <= known for w in words[:-1])


def _without_leading_name(text: str, vocabulary: Vocabulary) -> str:
    """Drop a name that text without line breaks put before a headline ("Jane Doe Analyst")."""
    words = text.split()
    known = _title_vocabulary(vocabulary)
    n = 0
    while (
        n < len(words)
        and _NAME_WORD_RE.fullmatch(words[n])
        and not set(vocabulary.tokens(words[n])) <= known
    ):
        n += 1
    rest = " ".join(words[n:])
    return rest if n >= 2 and _names_a_job(rest, vocabulary) else text


def _role_phrase(text: str, vocabulary: Vocabulary, *, skip_unknown: bool) -> str:
    """Return the job title ``text`` starts with ("" when it starts with none).

    Praise ("experienced", "results-driven") and, with ``skip_unknown``, a few words that
    occur in no job title (a name, a company) are skipped; the title runs on while its
    words could belong to one and ends at its last job word ("Senior Data Analyst to join
    ..." gives "Senior Data Analyst").
    """
    words = _cut_glued(text, vocabulary).split()
    known = _title_vocabulary(vocabulary)
    start = 0
    while start < min(len(words), _MAX_LEAD_WORDS):
        bare = words[start].strip(_PUNCTUATION)
        tokens = set(vocabulary.tokens(bare))
        unknown = not tokens or not tokens <= known
        if bare.lower() in _PRAISE or (
            skip_unknown and unknown and bare.lower() not in _STOP_WORDS
        ):
            start += 1
        else:
            break
    phrase: list[str] = []
    for word in words[start : start + _MAX_TITLE_WORDS + 2]:
        if word[:1] in "([{":
            break
        bare = word.strip(_PUNCTUATION)
        if not bare or not _could_be_title_word(bare, vocabulary):
            break
        phrase.append(bare)
        if word[-1] in ",;:.!?)":
            break
    ends = _job_ends(phrase, vocabulary)
    if not ends:
        return ""
    end = ends[-1] + 1
    while end < len(phrase) and _ROMAN_RE.match(phrase[end]):  # "Associate II"
        end += 1
    found = phrase[:end]
    while found and found[0].lower() in _CONNECTORS:
        found = found[1:]
    if len(found) == 1 and found[0].lower() in _GENERIC_HEADS:
        return ""
    return " ".join(found)


def _could_be_title_word(word: str, vocabulary: Vocabulary) -> bool:
    lowered = word.lower()
    if lowered in _STOP_WORDS:
        return False
    if lowered in _CONNECTORS or word[:1].isupper() or _ROMAN_RE.match(word):
        return True
    tokens = set(vocabulary.tokens(word))
    return bool(tokens) and tokens <= _title_vocabulary(vocabulary)


def _job_ends(words: list[str], vocabulary: Vocabulary) -> list[int]:
    """Return the positions in ``words`` where a job title can end (at a job's head word)."""
    titles = vocabulary.occupations_by_title
    tokens = [vocabulary.tokens(w) for w in words]
    ends = []
    for k, these in enumerate(tokens):
        if not these:
            continue
        if these[-1] in vocabulary.title_words or any(
            " ".join(t for ts in tokens[m : k + 1] for t in ts) in titles
            for m in range(max(0, k - 5), k)  # a known title of two words or more
        ):
            ends.append(k)
    return ends


def _cut_glued(text: str, vocabulary: Vocabulary) -> str:
    """Put a space where text that lost its line breaks glued a title to the next word.

    "Sales RepThe Outside" becomes "Sales Rep The Outside"; "JavaScript" stays whole, as
    "Java" is no job word.
    """

    def cut(match: re.Match[str]) -> str:
        word = match.group(1)
        return word + (" " if word.lower() in vocabulary.title_words else "")

    return re.sub(r"\b([A-Za-z]*[a-z])(?=[A-Z][a-z])", cut, text)


def _clean_title(text: str, vocabulary: Vocabulary) -> str:
    """Drop parentheticals, a cut-off parenthesis and a location or company suffix."""
    text = _OPEN_PARENTHESIS_RE.sub("", _PARENTHESIS_RE.sub("", text))
    text = " ".join(text.split()).strip(" ,;:|-\u2013\u2014")
    while True:
        separators = list(_SUFFIX_SEPARATOR_RE.finditer(text))
        if not separators:
            return text
        last = separators[-1]
        head, tail = text[: last.start()].rstrip(" ,;:"), text[last.end() :]
        if not _names_a_job(head, vocabulary) or not _place_or_company(
            tail, last.group().strip(), vocabulary
        ):
            return text
        text = head


def _place_or_company(text: str, separator: str, vocabulary: Vocabulary) -> bool:
    """Whether a title's suffix says where or for whom ("Berlin", "Mercy Hospital")."""
    if separator in {"at", "@"}:
        return True
    tokens = vocabulary.tokens(text)
    if not tokens or set(tokens) <= _PLACE_WORDS or _COMPANY_WORDS & set(tokens):
        return True
    if re.search(r",\s*[A-Z]{2}$", text):
        return True
    return len(tokens) <= 3 and not set(tokens) & _title_vocabulary(vocabulary)


_TITLE_VOCABULARIES: dict[str, frozenset[str]] = {}


def _title_vocabulary(vocabulary: Vocabulary) -> frozenset[str]:
    """The words that occur in the vocabulary's job titles (one set per vocabulary folder)."""
    key = str(vocabulary.root)
    found = _TITLE_VOCABULARIES.get(key)
    if found is None:
        found = frozenset(w for title in vocabulary.occupations_by_title for w in title.split())
        _TITLE_VOCABULARIES[key] = found
    return found


def _names_a_job(line: str, vocabulary: Vocabulary) -> bool:
    words = vocabulary.tokens(line)
    return bool(vocabulary.title_words & set(words)) or bool(vocabulary.find_titles(words))
