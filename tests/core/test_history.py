"""The audit trail: every write is recorded with who did it, whichever path it took."""

import datetime

import pghistory

from kredsraad.core.history import history_of
from kredsraad.councils.models import Membership
from tests import factories


def test_history_shows_field_changes_with_danish_labels(politi_nord, lokalraad_laesoe, sekretariat):
    membership = factories.membership(
        lokalraad_laesoe, factories.person(title="Lokalpolitileder", organisation=politi_nord)
    )

    with pghistory.context(user=sekretariat.pk, url="/medlemskab/1/afslut/"):
        Membership.objects.filter(pk=membership.pk).update(end=datetime.date(2023, 3, 31))

    latest, created = history_of(membership)
    assert latest.action == "Ændret"
    assert latest.user == sekretariat
    assert latest.url == "/medlemskab/1/afslut/"
    assert [(f.label, f.old, f.new) for f in latest.fields] == [
        ("slutdato", None, datetime.date(2023, 3, 31))
    ]
    assert created.action == "Oprettet"
    assert ("rolle", None, "Medlem") in [(f.label, f.old, f.new) for f in created.fields]


def test_council_history_includes_its_memberships(politi_nord, lokalraad_laesoe):
    factories.membership(
        lokalraad_laesoe, factories.person(title="Lokalpolitileder", organisation=politi_nord)
    )

    changes = history_of(
        lokalraad_laesoe,
        children=(
            (Membership.objects.select_related("person__organisation", "council"), "council"),
        ),
    )

    assert [c.subject.split(" (")[0] for c in changes if c.subject] == [
        "Medlemskab: Lokalpolitileder, Nordjyllands Politi"
    ]
