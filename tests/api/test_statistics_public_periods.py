"""The anonymous statistics API serves only the periods the public pages publish: a quarter, the
year to date or a whole year. Two overlapping ranges would give a hidden count back."""

import pytest

from kredsraad.statistics.periods import parse_period
from kredsraad.statistics.reading.disclosure import is_public_period

from .json_world import bearer
from .test_json_http import laesoe_figures  # noqa: F401

# Læsø has 3 in 2023K1, the rest of Nordjylland 10, 20, 30 …
pytestmark = pytest.mark.usefixtures("laesoe_figures")


@pytest.mark.parametrize("field", ["period", "baseline"])
def test_visitor_asking_for_a_range_across_quarters_is_refused_naming_the_field(client, field):
    query = {"area": "825", "offence": "12", "period": "2023K1", field: "2022K4-2023K1"}

    response = client.get("/api/statistics/comparison/", query)

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", field]
    assert "Perioden »2022K4-2023K1« vises ikke offentligt." in response.json()["detail"]


def test_visitor_listing_observations_for_a_range_is_refused(client):
    response = client.get("/api/statistics/observations/?period=2023K2-2023K3")

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", "period"]


def test_visitor_reads_a_quarter_the_year_to_date_and_a_year(client):
    for period in ("2023K1", "2023K1-2023K1", "2023"):
        response = client.get("/api/statistics/observations/", {"period": period})

        assert response.status_code == 200, period


def test_analytiker_with_token_asks_for_any_range(client, analytiker):
    response = client.get(
        "/api/statistics/observations/?area=825&period=2022K4-2023K1", **bearer(analytiker)
    )

    assert response.status_code == 200
    assert response.json()["results"][0]["value"] == 3


def test_the_year_to_date_is_public_but_a_later_stretch_is_not():
    assert is_public_period(parse_period("2023K1-2023K3")) is True
    assert is_public_period(parse_period("2023K2-2023K3")) is False
