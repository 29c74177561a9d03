"""An image's bytes are served at an address naming its hash: to the district's own people
always, to the public only once a published version shows it; to anyone else it does not
exist. Moving, describing and removing images in a section."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.images import actions
from kredsraad.images.models import ImageFile, SectionImage
from kredsraad.plans import actions as plan_actions
from kredsraad.publishing import publicity
from tests.images.conftest import ALT, png
from tests.plans.conftest import approved


def publish(plan, sekretariat, kredsraad):
    approved(plan, sekretariat, kredsraad)
    return plan_actions.publish_plan(plan, by=sekretariat)


def test_secretariat_sees_a_drafts_image_with_its_type_and_nosniff(
    client, sekretariat, chart_image
):
    client.force_login(sekretariat)

    response = client.get(chart_image.file.get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == bytes(ImageFile.objects.with_bytes().get().data)


def test_the_public_does_not_see_an_image_of_an_unpublished_plan(client, chart_image):
    response = client.get(chart_image.file.get_absolute_url())

    assert response.status_code == 404


def test_another_districts_secretariat_gets_404_for_the_image_and_its_pages(
    client, sekretariat_midtvest, chart_image
):
    client.force_login(sekretariat_midtvest)

    for url in [
        chart_image.file.get_absolute_url(),
        reverse("images:edit", args=[chart_image.pk]),
        reverse("images:upload", args=[chart_image.section_id]),
    ]:
        assert client.get(url).status_code == 404
    for name in ["images:move", "images:remove"]:
        assert client.post(reverse(name, args=[chart_image.pk])).status_code == 404
    assert SectionImage.objects.filter(pk=chart_image.pk).exists()


def test_a_wrong_hash_or_extension_is_404(client, sekretariat, chart_image):
    client.force_login(sekretariat)
    file = chart_image.file

    wrong_hash = reverse("publishing:image", args=[file.pk, "0" * 64, "png"])
    wrong_extension = reverse("publishing:image", args=[file.pk, file.sha256, "jpg"])

    assert client.get(wrong_hash).status_code == 404
    assert client.get(wrong_extension).status_code == 404


def test_the_public_gets_a_published_image_cached_for_good(
    client, sekretariat, kredsraad_nord, chart_image
):
    version = publish(chart_image.section.plan, sekretariat, kredsraad_nord)
    url = chart_image.file.get_absolute_url()

    response = client.get(url)

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert url in version.html
    assert f'alt="{ALT}"' in version.html
    assert list(publicity.image_files()) == [chart_image.file]


def test_an_image_added_in_a_correction_waits_for_its_version(
    client, sekretariat, kredsraad_nord, chart_image
):
    plan = chart_image.section.plan
    publish(plan, sekretariat, kredsraad_nord)
    plan_actions.start_correction(plan, by=sekretariat)
    added = actions.add_section_image(
        chart_image.section, data=png(color="red"), alt_text="Kort over kredsen", by=sekretariat
    )

    assert client.get(added.file.get_absolute_url()).status_code == 404

    plan_actions.publish_plan(plan, change_note="Kort tilføjet", by=sekretariat)

    assert client.get(added.file.get_absolute_url()).status_code == 200


def test_the_public_plan_page_shows_the_figure_with_alt_text_and_caption(
    client, sekretariat, kredsraad_nord, chart_image
):
    plan = chart_image.section.plan
    publish(plan, sekretariat, kredsraad_nord)

    response = client.get(reverse("publishing:public_plan", args=[plan.district.slug, plan.uuid]))

    html = response.content.decode()
    assert f'<img src="{chart_image.file.get_absolute_url()}" alt="{ALT}"' in html
    assert "<figcaption>Figur 1: Organisationen</figcaption>" in html


def test_a_removed_image_stays_for_the_published_version_that_shows_it(
    client, sekretariat, kredsraad_nord, chart_image
):
    plan = chart_image.section.plan
    publish(plan, sekretariat, kredsraad_nord)
    plan_actions.start_correction(plan, by=sekretariat)

    actions.remove_section_image(chart_image, by=sekretariat)

    assert not SectionImage.objects.exists()
    assert client.get(chart_image.file.get_absolute_url()).status_code == 200


def test_removing_a_drafts_image_deletes_its_file(client, sekretariat, chart_image):
    client.force_login(sekretariat)

    response = client.post(reverse("images:remove", args=[chart_image.pk]))

    assert response.status_code == 302
    assert not SectionImage.objects.exists()
    assert not ImageFile.objects.exists()


def test_secretariat_moves_an_image_up(client, sekretariat, text_section, chart_image):
    second = actions.add_section_image(
        text_section, data=png(color="red"), alt_text="Kort", by=sekretariat
    )
    client.force_login(sekretariat)

    client.post(reverse("images:move", args=[second.pk]), {"retning": "op"})

    assert list(text_section.images.order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        chart_image.pk,
    ]


def test_secretariat_edits_the_alt_text(client, sekretariat, chart_image):
    client.force_login(sekretariat)
    url = reverse("images:edit", args=[chart_image.pk])

    response = client.post(url, {"alt_text": "Nyt diagram", "caption": "", "version": 1})

    assert response.status_code == 302
    chart_image.refresh_from_db()
    assert (chart_image.alt_text, chart_image.caption) == ("Nyt diagram", "")


def test_an_empty_alt_text_is_refused_on_edit(client, sekretariat, chart_image):
    client.force_login(sekretariat)

    response = client.post(
        reverse("images:edit", args=[chart_image.pk]), {"alt_text": "", "version": 1}
    )

    assert response.context["form"].errors["alt_text"] == [
        "Skriv en alternativ tekst, der beskriver billedet."
    ]
    chart_image.refresh_from_db()
    assert chart_image.alt_text == ALT


def test_the_section_edit_page_lists_images_and_has_the_upload_form(
    client, sekretariat, chart_image
):
    client.force_login(sekretariat)

    response = client.get(reverse("plans:section_edit", args=[chart_image.section_id]))

    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert reverse("images:upload", args=[chart_image.section_id]) in html
    assert ALT in html


@pytest.mark.parametrize("extra", [0, 2])
def test_plan_page_query_count_is_the_same_with_one_and_three_images(
    client, sekretariat, text_section, chart_image, extra
):
    client.force_login(sekretariat)
    url = text_section.plan.get_absolute_url()
    client.get(url)
    cache.clear()  # both counts build the plan's document (plans.kept keeps it otherwise)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(extra):
        actions.add_section_image(
            text_section, data=png(color=(n, 0, 0)), alt_text=f"Billede {n}", by=sekretariat
        )
    # A second section with an image of its own: still no query per section or image.
    other = plan_actions.add_section(text_section.plan, title="Kort", body="", by=sekretariat)
    actions.add_section_image(other, data=png(color="red"), alt_text="Kort", by=sekretariat)

    cache.clear()
    with CaptureQueriesContext(connection) as more:
        response = client.get(url)

    assert response.content.decode().count("<figure") == 2 + extra
    assert len(more.captured_queries) == len(one.captured_queries)
    assert not any('"data"' in q["sql"] for q in more.captured_queries)
