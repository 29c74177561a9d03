"""The analytiker sees what an import revised: each changed or removed figure with its value
before and after, read back from the history."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.statistics.importing import importer
from kredsraad.statistics.models import Dataset
from tests.statistics.test_importer import CODES, apply, straf11


@pytest.fixture(autouse=True)
def codes(db):
    importer.load_offence_codes(CODES)


def revisions_url(district, dataset: Dataset) -> str:
    return reverse("statistics:dataset_revisions", args=[district.slug, dataset.pk])


def revise_aalborg_and_withdraw_hjoerring():
    apply(straf11(("851", "12", "2022K3", 107), ("860", "12", "2022K3", 20)))
    return apply(
        straf11(
            ("851", "12", "2022K3", 121), ("860", "12", "2022K3", None), ("849", "12", "2022K3", 9)
        )
    )


def test_analytiker_sees_each_revised_and_removed_figure_before_and_after(
    client, analytiker, nordjylland
):
    revised = revise_aalborg_and_withdraw_hjoerring()
    client.force_login(analytiker)

    response = client.get(revisions_url(nordjylland, revised))

    page = response.content.decode()
    rows = [
        (row.area.code, row.offence.code, row.period, row.old_value, row.new_value)
        for row in response.context["page"]
    ]
    assert response.status_code == 200
    assert rows == [("851", "12", "2022K3", 107, 121), ("860", "12", "2022K3", 20, None)]
    assert "2 rettede tal" in page
    assert "fjernet" in page


def test_a_later_revision_does_not_change_what_an_earlier_import_set(
    client, analytiker, nordjylland
):
    first_revision = revise_aalborg_and_withdraw_hjoerring()
    apply(straf11(("851", "12", "2022K3", 130)))
    client.force_login(analytiker)

    response = client.get(revisions_url(nordjylland, first_revision))

    aalborg = next(row for row in response.context["page"] if row.area.code == "851")
    assert (aalborg.old_value, aalborg.new_value) == (107, 121)


def test_upload_page_links_the_changed_count_to_the_revisions(client, analytiker, nordjylland):
    revised = revise_aalborg_and_withdraw_hjoerring()
    client.force_login(analytiker)

    response = client.get(reverse("statistics:upload", args=[nordjylland.slug]))

    assert f'href="{revisions_url(nordjylland, revised)}"' in response.content.decode()


def test_koordinator_without_the_import_right_gets_a_404(
    client, koordinator_hjoerring, nordjylland
):
    revised = revise_aalborg_and_withdraw_hjoerring()
    client.force_login(koordinator_hjoerring)

    response = client.get(revisions_url(nordjylland, revised))

    assert response.status_code == 404


def test_another_districts_police_export_is_a_404(client, analytiker, nordjylland):
    police = importer.apply(
        straf11(("851", "12", "2022K3", 5), table="police"),
        source=Dataset.Source.POLICE,
        file_name="politi.csv",
        fetched_at=revise_aalborg_and_withdraw_hjoerring().fetched_at,
    )
    client.force_login(analytiker)

    response = client.get(revisions_url(nordjylland, police))

    assert response.status_code == 404


def test_revisions_page_takes_as_many_queries_for_three_rows_as_for_one(
    client, analytiker, nordjylland
):
    apply(
        straf11(("851", "12", "2022K3", 1), ("860", "12", "2022K3", 1), ("849", "12", "2022K3", 1))
    )
    one = apply(straf11(("851", "12", "2022K3", 2)))
    three = apply(
        straf11(("851", "12", "2022K3", 3), ("860", "12", "2022K3", 3), ("849", "12", "2022K3", 3))
    )
    client.force_login(analytiker)
    client.get(revisions_url(nordjylland, one))  # the session settles first

    counted = []
    for dataset in (one, three):
        with CaptureQueriesContext(connection) as queries:
            client.get(revisions_url(nordjylland, dataset))
        counted.append(len(queries))

    assert counted[0] == counted[1]
