"""Text normalisation, tokenising and stemming shared by every part of the model."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection

# pdfminer writes glyphs it cannot map as "(cid:NN)"; they carry no words.
_CID_RE = re.compile(r"\(cid:\d+\)")
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# Symbol fonts put bullets in the private use area (U+F0B7 from Word); they carry no words.
_PRIVATE_USE_RE = re.compile("[\ue000-\uf8ff]")
_DASHES = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2022": " ",
        "\u25cf": " ",
        "\u25aa": " ",
    }
)

# A token is a run of letters/digits, optionally joined by . + # / & ' - to more runs, with
# a trailing ++, + or # so that c++, c#, f#, node.js, ci/cd, a/b and at&t survive; ".net"
# is the one term that starts with punctuation.
_TOKEN_RE = re.compile(r"(?<![a-z0-9])\.net\b|[a-z0-9]+(?:[.+#/&'-][a-z0-9]+)*(?:\+\+|\+|#)?")
_SPLIT_RE = re.compile(r"[/&'-]")
_PURE_NUMBER_RE = re.compile(r"^[\d.,/+-]+$")

# Joined tokens kept whole even when the vocabulary does not list them.
_ALWAYS_WHOLE = frozenset(
    {
        "c++",
        "c#",
        "f#",
        ".net",
        "ci/cd",
        "tcp/ip",
        "a/b",
        "i/o",
        "r&d",
        "at&t",
        "pl/sql",
        "ui/ux",
        "ux/ui",
        "b2b",
        "b2c",
        "p&l",
        "q&a",
    }
)


def normalize(text: str) -> str:
    """Return ``text`` in NFKC form with ligatures, soft hyphens and glyph codes removed."""
    if "(cid:" in text:
        text = _CID_RE.sub(" ", text)
    if text.isascii():  # most text: every other step only changes non-ASCII characters
        return text
    text = unicodedata.normalize("NFKC", text)  # also splits ligatures such as "ﬁ"
    text = _PRIVATE_USE_RE.sub(" ", _INVISIBLE_RE.sub("", text))
    return text.translate(_DASHES)


def _fold_accents(text: str) -> str:
    """Drop accents so "résumé" and "resume" are one word."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).translate(_WITHOUT_COMBINING_MARKS)


class _CombiningMarks(dict[int, int | None]):
    """A `str.translate` table deleting combining marks, filled in as characters appear."""

    def __missing__(self, code: int) -> int | None:
        self[code] = None if unicodedata.combining(chr(code)) else code
        return self[code]


_WITHOUT_COMBINING_MARKS = _CombiningMarks()


def tokenize(text: str, *, keep: Collection[str] = _ALWAYS_WHOLE) -> list[str]:
    """Split ``text`` into lowercase tokens.

    Tokens joined by ``/``, ``&``, ``'`` or ``-`` are split into their parts unless the whole
    is in ``keep``; dotted tokens are kept when the last part is short (``node.js``,
    ``asp.net``, ``ph.d``) and split otherwise (``python.experience`` from text that lost a
    space). Pure numbers are dropped.

    >>> tokenize("C++, C#, .NET and Node.js in CI/CD; design/build")
    ['c++', 'c#', '.net', 'and', 'node.js', 'in', 'ci/cd', 'design', 'build']
    """
    tokens: list[str] = []
    append = tokens.append  # bound once: this loop runs for every word of every document
    for token in _TOKEN_RE.findall(_fold_accents(normalize(text).lower())):
        if token.isalpha():  # most tokens: a plain word
            append(token)
        elif token.isalnum():  # letters and digits ("b2b"), or a number to drop
            if not token.isdigit():
                append(token)
        elif token in keep or token in _ALWAYS_WHOLE:
            append(token)
        else:
            tokens.extend(_split_joined(token))
    return tokens


def _split_joined(token: str) -> list[str]:
    """Split a token joined by punctuation into its word parts, dropping numbers."""
    parts: list[str] = []
    for part in _SPLIT_RE.split(token):
        if "." in part and len(part.rsplit(".", 1)[1]) > 3:
            parts.extend(p for p in part.split(".") if p)
        elif part:
            parts.append(part)
    return [p for p in parts if not _PURE_NUMBER_RE.match(p)]


_SUFFIXES = (
    "izations",
    "ization",
    "ational",
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ities",
    "ity",
    "ies",
    "ers",
    "er",
    "ed",
    "es",
    "ly",
    "s",
)


@functools.lru_cache(maxsize=1 << 16)  # a pure function of few distinct words, called often
def stem(token: str) -> str:
    """Return a light stem of ``token`` so that inflections of one word compare equal.

    Only alphabetic words longer than four letters are stemmed, and a stem keeps at least
    three letters, so short technical names are left alone. Two passes let derived forms
    meet (``engineering`` -> ``engineer`` -> ``engin``).

    >>> [stem(w) for w in ("managed", "management", "manager", "planning", "plans")]
    ['manag', 'manag', 'manag', 'plan', 'plan']
    """
    if len(token) <= 4 or not token.isalpha():
        return token
    for _ in range(2):
        token = _strip_suffix(token)
    return token


@functools.lru_cache(maxsize=1 << 14)
def singular(token: str) -> str:
    """Return ``token`` without a plural ending, so that "Registered Nurses" and "registered
    nurse" name one job title. Rough ("sales" -> "sale"), but the same on both sides.

    >>> [singular(w) for w in ("engineers", "secretaries", "coaches", "analysis", "boss")]
    ['engineer', 'secretary', 'coach', 'analysis', 'boss']
    """
    if len(token) <= 3 or not token.endswith("s") or token[-2] in "siu":
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith(("ches", "shes", "xes")):
        return token[:-2]
    return token[:-1]


def _strip_suffix(token: str) -> str:
    for suffix in _SUFFIXES:
        if not token.endswith(suffix) or len(token) - len(suffix) < 3:
            continue
        if suffix == "s" and token[-2] in "siu":  # process, status, analysis
            continue
        token = token[: -len(suffix)] + ("y" if suffix == "ies" else "")
        break
    if token.endswith("e") and len(token) > 4:
        token = token[:-1]
    if len(token) >= 4 and token[-1] == token[-2] and token[-1] not in "aeiousl":
        token = token[:-1]
    return token
