"""Themes and target groups are data the administrator keeps: one in use is retired, never
deleted, and a retired one is no longer offered."""

import importlib

import pytest
from django.urls import reverse

from kredsraad.councils import actions as council_actions
from kredsraad.councils.forms import ForumForm
from kredsraad.councils.models import TargetGroup
from kredsraad.plans import actions
from kredsraad.plans.forms import FocusAreaForm
from kredsraad.plans.models import Theme

migration = importlib.import_module("kredsraad.plans.migrations.0007_themes_as_data")


def test_the_starting_themes_include_the_new_ones(db):
    labels = set(Theme.objects.values_list("label", flat=True))

    assert {"Indbrud", "Rocker og bander", "Terror", "Økonomisk kriminalitet"} <= labels


def test_the_starting_target_groups_include_the_new_ones(db):
    labels = set(TargetGroup.objects.values_list("label", flat=True))

    assert {"Ofre for kriminalitet", "Boligområder", "Børn og unge"} <= labels


def test_the_conversion_keeps_each_focus_areas_themes_in_order():
    links, unknown = migration.theme_links(
        [(1, ["burglary", "drugs", "burglary"]), (2, []), (3, ["oddity"])],
        known={"burglary", "drugs"},
    )

    assert links == [(1, "burglary"), (1, "drugs"), (3, "oddity")]
    assert unknown == ["oddity"]


def test_a_theme_in_use_cannot_be_deleted(plan_2023, administrator):
    theme = Theme.objects.get(pk="local_policing")

    with pytest.raises(actions.PlanStateError, match="Temaet bruges af 1 indsatsområde"):
        actions.delete_theme(theme, by=administrator)

    assert Theme.objects.filter(pk="local_policing").exists()


def test_administrator_is_told_why_a_theme_in_use_stays(client, plan_2023, administrator):
    client.force_login(administrator)

    response = client.post(reverse("plans:theme_delete", args=["social_fraud"]), follow=True)

    assert "markér det som udgået" in response.content.decode()


def test_administrator_adds_and_deletes_an_unused_theme(client, administrator):
    client.force_login(administrator)

    client.post(reverse("plans:theme_create"), {"label": "Grænsekriminalitet", "position": 5})
    client.post(reverse("plans:theme_delete", args=["graensekriminalitet"]))

    assert not Theme.objects.filter(label="Grænsekriminalitet").exists()


def test_a_retired_theme_is_not_offered_but_stays_where_used(plan_2023, administrator):
    theme = Theme.objects.get(pk="local_policing")
    theme.retired = True
    actions.update_theme(theme, expected_version=theme.version, by=administrator)
    area = plan_2023.focus_areas.get(themes="local_policing")

    new = FocusAreaForm(plan=plan_2023).fields["themes"].queryset
    existing = FocusAreaForm(plan=plan_2023, instance=area).fields["themes"].queryset

    assert theme not in new
    assert theme in existing
    assert area.theme_labels == ["Nærpoliti"]


def test_a_target_group_in_use_cannot_be_deleted(nordjylland, politi_nord, administrator):
    from tests import factories

    factories.forum("SSP", district=nordjylland, lead=politi_nord, target_group="youth")

    with pytest.raises(council_actions.RegistryRefused, match="bruges af 1 samarbejdsforum"):
        council_actions.delete_target_group(TargetGroup.objects.get(pk="youth"), by=administrator)


def test_a_retired_target_group_is_not_offered_for_a_new_forum(nordjylland, administrator):
    group = TargetGroup.objects.get(pk="parolees")
    group.retired = True
    council_actions.update_target_group(group, expected_version=group.version, by=administrator)

    offered = ForumForm(district=nordjylland).fields["target_group"].queryset

    assert group not in offered


def test_only_the_administrator_keeps_the_lists(client, sekretariat):
    client.force_login(sekretariat)

    assert client.get(reverse("plans:themes")).status_code == 404
    assert client.get(reverse("councils:target_groups")).status_code == 404


def test_theme_list_queries_stay_the_same_with_more_themes(
    client, administrator, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(administrator)
    client.get(reverse("plans:themes"))
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("plans:themes"))
    actions.create_theme(label="Nyt tema et", by=administrator)
    actions.create_theme(label="Nyt tema to", by=administrator)

    with django_assert_num_queries(len(before.captured_queries)):
        client.get(reverse("plans:themes"))
