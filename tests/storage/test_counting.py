"""The stored counting follows the MARSAD_COUNTED_GRADES setting: a changed rule recounts, editors' decisions stay."""

from __future__ import annotations

from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter
from marsad.domain.rules import default_counting
from marsad.domain.vocabulary import Vocabularies
from marsad.storage.counting import counting_rule_in_force, follow_counting_rule
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.queries import count_incidents, data_version, get_incident, incident_version
from marsad.storage.revisions import history
from tests.helpers import attack


def counted_ids(session: Session) -> list[str]:
    return sorted(
        i
        for i in ("a-confirmed", "a-fair", "a-weak", "a-excluded", "a-weak-counted", "a-outside")
        if (found := get_incident(session, i, Access.INTERNAL)) is not None and found.counted
    )


def test_a_changed_setting_recounts_what_the_rule_decided_and_keeps_what_editors_decided(
    session: Session, vocab: Vocabularies
) -> None:
    incidents = [
        attack(id="a-confirmed", grade="confirmed", counted=None),
        attack(id="a-fair", grade="fair", counted=None),
        attack(id="a-weak", grade="weak", counted=None),
        attack(id="a-excluded", grade="confirmed", counted=False, exclusion_reason="duplicate of a-confirmed"),
        attack(id="a-weak-counted", grade="weak", counted=True),  # an editor counted it anyway
        attack(id="a-outside", grade="fair", counted=None, region=None, admin1=None, admin2=None),
    ]
    for incident in incidents:
        default_counting(incident, vocab.counted_grades)
    IncidentWriter(session, vocab, actor="t", via="test").write(incidents)
    assert counting_rule_in_force(session) == ("confirmed", "fair")
    assert counted_ids(session) == ["a-confirmed", "a-fair", "a-weak-counted"]
    before = data_version(session)

    assert follow_counting_rule(session, ("confirmed",), actor="t") == 1
    assert counted_ids(session) == ["a-confirmed", "a-weak-counted"]
    fair = get_incident(session, "a-fair", Access.INTERNAL)
    assert fair is not None and fair.exclusion_reason == "not confirmed"
    assert [(r.via, r.field, r.before, r.after) for r in history(session, "a-fair")][-1] == (
        "counting rule",
        "counted",
        True,
        False,
    )
    assert data_version(session) > before  # figures cached under the old rule are not served again
    assert count_incidents(session, IncidentFilter(counted=True)) == 2

    assert follow_counting_rule(session, ("confirmed",), actor="t") == 0  # the rule in force: nothing to do
    assert follow_counting_rule(session, ("confirmed", "fair", "weak"), actor="t") == 2
    assert counted_ids(session) == ["a-confirmed", "a-fair", "a-weak", "a-weak-counted"]
    weak = get_incident(session, "a-weak", Access.INTERNAL)
    assert weak is not None and weak.exclusion_reason is None
    assert incident_version(session, "a-weak") == 2  # a form opened before the recount cannot overwrite it
    excluded = get_incident(session, "a-excluded", Access.INTERNAL)
    assert (
        excluded is not None and excluded.counted is False and excluded.exclusion_reason == "duplicate of a-confirmed"
    )
    outside = get_incident(session, "a-outside", Access.INTERNAL)
    assert outside is not None and outside.counted is False and outside.exclusion_reason == "outside the monitored area"
    assert counting_rule_in_force(session) == ("confirmed", "fair", "weak")
