"""The plan's history page speaks Danish: labels for values, what was done instead of paths."""

from django.urls import reverse

from tests.confirming import confirm


def test_secretariat_reads_a_focus_areas_new_theme_by_its_name(client, sekretariat, plan_2023):
    area = plan_2023.focus_areas.first()
    client.force_login(sekretariat)
    client.post(
        reverse("plans:focus_area_edit", args=[area.pk]),
        {
            "title": area.title,
            "body": "",
            "themes": ["local_policing", "traffic"],
            "responsible": area.responsible_id,
            "version": area.version,
        },
    )

    response = client.get(reverse("plans:plan_history", args=[plan_2023.pk]))

    subjects = [change.subject for change in response.context["changes"]]
    assert f"Indsatsområde: {area.title} · Temaer: Trafik" in subjects
    html = response.content.decode()
    assert "traffic" not in html
    assert "Indsatsområde redigeret" in html


def test_secretariat_reads_what_was_done_not_the_pages_address(client, sekretariat, published_2023):
    client.force_login(sekretariat)
    created = confirm(client, reverse("plans:plan_roll_over", args=[published_2023.pk]))
    new_plan_url = created["Location"]
    new_pk = int(new_plan_url.strip("/").split("/")[-1])

    response = client.get(reverse("plans:plan_history", args=[new_pk]))

    html = response.content.decode()
    inserted = response.context["changes"][-1]
    assert (inserted.action, inserted.source) == ("Oprettet", "Næste års plan oprettet")
    assert "/naeste-aar/" not in html
    assert f"/planer/{published_2023.pk}/" not in html
    assert "Næste års plan oprettet" in html


def test_history_names_dates_the_danish_way(client, sekretariat, published_2023):
    client.force_login(sekretariat)

    response = client.get(reverse("plans:plan_history", args=[published_2023.pk]))

    approval = next(
        change
        for change in response.context["changes"]
        if any(f.label == "godkendt den" for f in change.fields)
    )
    assert [f.new for f in approval.fields if f.label == "godkendt den"] == ["06.12.2022"]
    assert "2022-12-06" not in response.content.decode()
