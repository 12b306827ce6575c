"""English counts: the noun agrees with the figure everywhere Marsad writes one."""

from __future__ import annotations

from marsad.domain.wording import join_words, noun_form, plural, singular_of


def test_a_count_and_its_noun_agree() -> None:
    assert [plural(n, "incident") for n in (0, 1, 2)] == ["0 incidents", "1 incident", "2 incidents"]
    assert plural(1, "civilian injured", "civilians injured") == "1 civilian injured"
    assert plural(7, "civilian injured", "civilians injured") == "7 civilians injured"
    assert plural(0, "arrest", zero="no") == "no arrests" and plural(1, "arrest", zero="no") == "1 arrest"
    assert noun_form(1, "perpetrator killed", "perpetrators killed") == "perpetrator killed"


def test_singulars_and_lists() -> None:
    assert singular_of("ISIS sleeper cell attacks") == "ISIS sleeper cell attack"
    assert singular_of("casualties") == "casualty" and singular_of("press") == "press"
    assert [join_words(items, "or") for items in ([], ["a"], ["a", "b"], ["a", "b", "c"])] == [
        "",
        "a",
        "a or b",
        "a, b or c",
    ]


def test_large_counts_are_grouped_as_the_site_writes_them() -> None:
    assert plural(1887, "incident") == "1,887 incidents" and plural(1, "perpetrator killed") == "1 perpetrator killed"
