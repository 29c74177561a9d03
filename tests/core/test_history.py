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

    with pghistory.context(user=sekretariat.pk, url=f"/medlemskab/{membership.pk}/afslut/"):
        Membership.objects.filter(pk=membership.pk).update(end=datetime.date(2023, 3, 31))

    latest, created = history_of(membership)
    assert latest.action == "Ændret"
    assert latest.user == sekretariat
    assert latest.source == "Medlemskab afsluttet"
    assert [(f.label, f.old, f.new) for f in latest.fields] == [("slutdato", None, "31.03.2023")]
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


def test_history_values_read_as_danish_words():
    from decimal import Decimal

    from kredsraad.core.history import plain

    assert [
        plain(True),
        plain(False),
        plain(datetime.date(2022, 1, 1)),
        plain(Decimal("12.5")),
        plain(2026),
        plain(["Tryghed", "Trafik"]),
    ] == ["Ja", "Nej", "01.01.2022", "12,5", "2026", "Tryghed, Trafik"]


def test_a_page_nobody_named_is_left_out_never_shown_as_a_path():
    from kredsraad.core.history_sources import source_of

    assert source_of(url="/planer/2/naeste-aar/") == "Næste års plan oprettet"
    assert source_of(url="/ingen/side/her/") == ""
    assert source_of(url="/planer/2/") == ""
    assert source_of(command="kredsraad import_statistics") == "Kørsel på serveren"
