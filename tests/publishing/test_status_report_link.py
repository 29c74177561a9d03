"""The plans list leads those who may build it to this year's status report."""

from django.urls import reverse
from django.utils import timezone


def test_sekretariat_finds_this_years_status_report_on_the_plans_list(
    client, sekretariat, nordjylland
):
    year = timezone.localdate().year
    client.force_login(sekretariat)

    response = client.get(reverse("plans:plans", args=[nordjylland.slug]))

    link = reverse("publishing:status_report", args=[nordjylland.slug, year])
    assert f'<a href="{link}">Statusrapport {year}</a>' in response.content.decode()
    assert client.get(link).status_code == 200


def test_coordinator_sees_no_status_report_link(client, koordinator_hjoerring, nordjylland):
    client.force_login(koordinator_hjoerring)

    response = client.get(reverse("plans:plans", args=[nordjylland.slug]))

    assert response.status_code == 200
    assert "Statusrapport" not in response.content.decode()
