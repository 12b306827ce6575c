from __future__ import annotations

import datetime as dt

import pytest

from marsad.domain.filters import FilterError, IncidentFilter, PlaceName
from marsad.domain.vocabulary import Vocabularies


def test_parses_repeated_and_comma_separated_values_with_aliases(vocab: Vocabularies) -> None:
    f = IncidentFilter.from_params({"region": ["jazira,Raqqah"], "perpetrator": "Daesh", "kind": "attack"}, vocab)
    assert f.regions == ("jazira", "raqqa")
    assert f.perpetrators == ("isis",)
    assert f.kinds == ("attack",)


def test_month_sets_the_whole_month(vocab: Vocabularies) -> None:
    f = IncidentFilter.from_params({"month": "2019-02"}, vocab)
    assert (f.date_from, f.date_to) == (dt.date(2019, 2, 1), dt.date(2019, 2, 28))


def test_round_trips_through_query_parameters(vocab: Vocabularies) -> None:
    original = IncidentFilter(
        date_from=dt.date(2019, 7, 1),
        date_to=dt.date(2019, 7, 31),
        kinds=("attack",),
        regions=("jazira", "deir_ez_zor"),
        attributions=("claimed",),
        confirmed=False,
        with_casualties=True,
        text="checkpoint",
    )
    assert IncidentFilter.from_params(original.to_params(), vocab) == original
    assert "region=jazira%2Cdeir_ez_zor" in original.to_query_string()


def test_describes_itself_in_words(vocab: Vocabularies) -> None:
    f = IncidentFilter.for_month(2019, 7, kinds=("attack",), regions=("jazira",))
    assert f.describe(vocab) == "Attacks in Jazira, July 2019"
    f = IncidentFilter(perpetrators=("isis",), attributions=("claimed",), kinds=("attack",))
    assert f.describe(vocab) == "Claimed ISIS attacks"
    f = IncidentFilter(date_from=dt.date(2023, 1, 1), date_to=dt.date(2023, 12, 31), kinds=("raid",))
    assert f.describe(vocab) == "Raids, 2023"
    assert IncidentFilter().describe(vocab) == "All incidents"
    assert IncidentFilter(confirmed=False, regions=("manbij",)).describe(vocab) == "Unconfirmed incidents in Manbij"
    year = IncidentFilter(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31))
    isis = year.narrow(kinds=("attack",), perpetrators=("isis",))
    assert isis.describe(vocab, area="North-East Syria") == "ISIS attacks in North-East Syria, 2025"
    assert isis.narrow(regions=("raqqa",)).describe(vocab, area="North-East Syria") == "ISIS attacks in Raqqa, 2025"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"region": "mars"}, "region: 'mars' is not a known region value"),
        ({"from": "2019-13-01"}, "from: '2019-13-01' is not a date (expected YYYY-MM-DD)"),
        ({"month": "July"}, "month: 'July' is not a month (expected YYYY-MM)"),
        ({"confirmed": "maybe"}, "confirmed: 'maybe' is not true or false"),
        ({"colour": "red"}, "colour: is not a filter"),
        ({"from": "2020-01-02", "to": "2020-01-01"}, "from: 2020-01-02 is after 'to'"),
    ],
)
def test_bad_parameters_say_what_is_wrong(vocab: Vocabularies, params: dict[str, str], message: str) -> None:
    with pytest.raises(FilterError) as caught:
        IncidentFilter.from_params(params, vocab)
    assert message in str(caught.value)


def test_public_surfaces_count_as_the_reports_do_unless_asked_for_all(vocab: Vocabularies) -> None:
    default = IncidentFilter.public({"kind": "attack"}, vocab)
    assert default.counted is True and default.to_params() == {"kind": "attack"}  # the rule is the default
    assert default.describe(vocab) == "Attacks" and default.counting.startswith("Counted as the monthly reports count")
    everything = IncidentFilter.public({"kind": "attack", "counted": "all"}, vocab)
    assert everything.counted is None and everything.to_params() == {"kind": "attack", "counted": "all"}
    assert everything.describe(vocab) == "Attacks, including those not counted"
    assert IncidentFilter.public({"counted": "any"}, vocab).counted is None
    left_out = IncidentFilter.public({"counted": "false"}, vocab)
    assert left_out.describe(vocab) == "Uncounted incidents" and left_out.to_params() == {"counted": "false"}
    for parsed in (default, everything, left_out):  # each renders back to parameters that parse to itself
        assert IncidentFilter.public(parsed.to_params(), vocab) == parsed
    # elsewhere (the desk, the CLI) nothing is left out unless asked
    assert IncidentFilter.from_params({}, vocab).counted is None
    assert IncidentFilter.from_params({"counted": "true"}, vocab).describe(vocab) == "Counted incidents"


def test_a_search_names_the_places_it_found(vocab: Vocabularies) -> None:
    qamishli = PlaceName("Qamishli", ("القامشلي", "Qamishlo"))
    found = IncidentFilter.public({"q": "القامشلي"}, vocab, lambda text: [qamishli] if "قامش" in text else [])
    assert found.places == (qamishli,) and found.to_params() == {"q": "القامشلي"}
    assert found.describe(vocab) == "Incidents mentioning “القامشلي” or at Qamishli"
    assert IncidentFilter.public({"q": "IED"}, vocab, lambda text: []).describe(vocab) == "Incidents mentioning “IED”"
