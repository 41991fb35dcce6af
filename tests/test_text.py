from hypothesis import given
from hypothesis import strategies as st

from fit_analyzer.text import normalize, stem, tokenize


def test_technical_names_survive_tokenising() -> None:
    text = "Shipped C++ and C# services on .NET, Node.js tools, and CI/CD pipelines."
    assert {"c++", "c#", ".net", "node.js", "ci/cd"} <= set(tokenize(text))


def test_slash_and_hyphen_compounds_split_unless_kept() -> None:
    assert tokenize("design/build, e-commerce") == ["design", "build", "e", "commerce"]
    assert tokenize("e-commerce", keep={"e-commerce"}) == ["e-commerce"]


def test_run_together_sentences_split_at_the_dot() -> None:
    assert tokenize("Python.Experience with asp.net") == ["python", "experience", "with", "asp.net"]


def test_numbers_are_not_terms() -> None:
    assert tokenize("5+ years, 2019-2023, 401k, 3.5 GPA") == ["years", "401k", "gpa"]


def test_pdf_artifacts_are_removed() -> None:
    assert (
        normalize("ﬁnance (cid:127) soft\u00adware \uf0b7 bullet") == "finance   software   bullet"
    )


def test_accents_are_folded_however_they_are_encoded() -> None:
    precomposed, decomposed = "R\u00e9sum\u00e9 na\u00efve", "Re\u0301sume\u0301 nai\u0308ve"
    assert tokenize(precomposed) == tokenize(decomposed) == ["resume", "naive"]


def test_inflections_share_a_stem() -> None:
    assert stem("managed") == stem("management") == stem("manage")
    assert stem("engineering") == stem("engineers")
    assert stem("aws") == "aws"  # short names are left alone


@given(st.text())
def test_tokenize_never_fails_and_returns_clean_tokens(text: str) -> None:
    for token in tokenize(text):
        assert token and token == token.lower() and not token.isspace()


@given(st.from_regex(r"[a-z]{1,15}", fullmatch=True))
def test_stem_is_a_prefix_or_y_form(word: str) -> None:
    result = stem(word)
    assert len(result) >= min(3, len(word))
    assert word.startswith(result.rstrip("y")) or result.endswith("y")
