"""The strategy's approval, publication and correction each go through a confirmation page."""

import pytest
from django.urls import reverse

from kredsraad.strategies.models import Strategy
from tests.confirming import confirm

from .conftest import approve


def _status(strategy) -> tuple:
    fresh = Strategy.objects.get(pk=strategy.pk)
    return fresh.status, fresh.in_correction


@pytest.mark.parametrize("name", ["strategy_approve", "strategy_publish", "strategy_correct"])
def test_a_strategy_step_without_its_confirmation_changes_nothing(
    client, sekretariat, strategy, name
):
    client.force_login(sekretariat)

    response = client.post(
        reverse(f"strategies:{name}", args=[strategy.pk]),
        {"approved_on": "2023-01-10", "reference": "Møde"},
    )

    assert response.status_code == 400
    assert _status(strategy) == ("draft", False)


def test_the_strategy_page_links_to_the_approval(client, sekretariat, strategy):
    client.force_login(sekretariat)

    html = client.get(strategy.get_absolute_url()).content.decode()

    url = reverse("strategies:strategy_approve", args=[strategy.pk])
    assert f'href="{url}"' in html
    assert f'action="{url}"' not in html


def test_secretariat_approves_the_strategy_on_its_confirmation(client, sekretariat, strategy):
    client.force_login(sekretariat)
    url = reverse("strategies:strategy_approve", args=[strategy.pk])

    page = client.get(url).content.decode()
    confirm(client, url, {"approved_on": "2023-01-10", "reference": "Kredsrådets møde 1/2023"})

    assert "Strategien låses" in page
    assert _status(strategy) == ("approved", False)


def test_secretariat_is_told_who_will_see_the_published_strategy(client, sekretariat, strategy):
    approve(strategy, sekretariat)
    client.force_login(sekretariat)
    url = reverse("strategies:strategy_publish", args=[strategy.pk])
    public = reverse("publishing:public_strategy", args=[strategy.district.slug, strategy.uuid])

    page = client.get(url).content.decode()
    confirm(client, url)

    assert f"på http://testserver{public} og kan ses af alle" in page
    assert _status(strategy) == ("published", False)


def test_secretariat_opens_a_strategy_correction_on_its_confirmation(
    client, sekretariat, published_strategy
):
    client.force_login(sekretariat)
    url = reverse("strategies:strategy_correct", args=[published_strategy.pk])

    page = client.get(url).content.decode()
    confirm(client, url)

    assert "Den offentliggjorte version 1 bliver stående uændret og offentlig" in page
    assert _status(published_strategy) == ("published", True)
