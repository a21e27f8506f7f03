"""Recognising one person nominated several times in a call (a pure function)."""
from __future__ import annotations

from selection.workflow.candidates import PersonKey, group_candidates, normalised_name


def person(item: str, email: str = "", name: str = "", nationality: str = "") -> PersonKey[str]:
    return PersonKey(item=item, email=email, name=name, nationality=nationality)


def test_same_email_is_one_candidate_whatever_the_case() -> None:
    groups = group_candidates([person("a", "Amina@Example.net", "Amina B", "GH"),
                               person("b", "amina@example.net ", "A. Bello", "NG"),
                               person("c", "other@example.net", "Other", "GH")])
    assert groups == [["a", "b"], ["c"]]


def test_same_name_and_nationality_is_one_candidate_in_any_script_or_spacing() -> None:
    groups = group_candidates([person("a", "x@example.org", "José  Núñez", "CL"),
                               person("b", "y@example.org", "jose nunez", "cl"),
                               person("c", "z@example.org", "José Núñez", "AR"),
                               person("d", "w@example.org", "王 伟", "CN"),
                               person("e", "v@example.org", "王 伟", "CN")])
    assert groups == [["a", "b"], ["c"], ["d", "e"]]


def test_the_relation_is_transitive() -> None:
    # a~b by e-mail, b~c by name and nationality: one person with three nominators.
    groups = group_candidates([person("a", "p@example.org", "Pat Lee", "US"),
                               person("b", "p@example.org", "Patricia Lee", "CA"),
                               person("c", "q@example.org", "patricia lee", "CA")])
    assert groups == [["a", "b", "c"]]


def test_empty_fields_never_match() -> None:
    assert group_candidates([person("a", "", "", ""), person("b", "", "", "")]) == [["a"], ["b"]]
    assert group_candidates([person("a", "", "Same Name", ""), person("b", "", "Same Name", "")]) == [["a"], ["b"]]


def test_names_normalise_case_accents_and_spaces() -> None:
    assert normalised_name("  ÉLODIE   Dupré ") == "elodie dupre"
    assert normalised_name("Дмитрий") == normalised_name("дмитрий")


def test_plain_ascii_names_normalise_as_any_name() -> None:
    import unicodedata

    def by_decomposition(name: str) -> str:
        decomposed = unicodedata.normalize("NFKD", name.casefold())
        return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())

    for name in ("  Ann  BAKER ", "O'Neil\tSmith", "a\x1fb\x0bc", "", "   ", "Zoe-Lee 3rd", "~!@#"):
        assert normalised_name(name) == by_decomposition(name)
