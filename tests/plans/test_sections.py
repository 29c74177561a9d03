"""Sections: numbered like the real plan, written in Markdown that cannot carry scripts."""

from django.urls import reverse

from kredsraad.core.markdown import render_markdown
from kredsraad.plans import actions
from kredsraad.plans.document import plan_content


def test_sections_are_numbered_like_the_plan(plan_2023, sekretariat):
    first = plan_2023.sections.get(kind="organisation")
    actions.add_section(
        plan_2023, title="Det løbende lokale samarbejde", body="", parent=first, by=sekretariat
    )

    document = plan_content(plan_2023)

    assert [(s["number"], s["title"]) for s in document["sections"]][:2] == [
        ("01", "Samarbejdet i kredsrådet og lokalrådene"),
        ("02", "Kriminalitetsudviklingen"),
    ]
    assert document["sections"][0]["children"][0]["number"] == "01.1"
    assert [a["number"] for a in document["sections"][2]["generated"]] == ["03.1", "03.2"]


def test_moving_a_section_renumbers_the_plan(plan_2023, sekretariat):
    forums = plan_2023.sections.get(kind="forums")

    actions.move_section(forums, up=True, by=sekretariat)

    assert [s["kind"] for s in plan_content(plan_2023)["sections"]][-2:] == [
        "forums",
        "local_councils",
    ]


def test_markdown_loses_scripts_iframes_and_javascript_links():
    html = render_markdown(
        "**Tryg** [klik](javascript:alert(1)) <script>alert(1)</script>"
        '<iframe src="https://example.org"></iframe> <img src=x onerror=alert(1)> [politi](https://politi.dk)'
    )

    assert "<strong>Tryg</strong>" in html
    assert "script" not in html
    assert "iframe" not in html
    assert "javascript" not in html
    assert "onerror" not in html
    assert '<a href="https://politi.dk" rel="noopener noreferrer">politi</a>' in html


def test_secretariat_edits_section_text_and_sees_it_rendered(client, sekretariat, plan_2023):
    section = plan_2023.sections.get(kind="crime_trends")
    client.force_login(sekretariat)

    client.post(
        reverse("plans:section_edit", args=[section.pk]),
        {
            "title": section.title,
            "body": "Volden steg **26 %**.<script>x</script>",
            "version": section.version,
        },
    )
    page = client.get(plan_2023.get_absolute_url()).content.decode()

    assert "Volden steg <strong>26 %</strong>." in page
    assert "<script>x" not in page


def test_secretariat_deletes_a_generated_section(plan_2023, sekretariat):
    actions.delete_section(plan_2023.sections.get(kind="forums"), by=sekretariat)

    assert not plan_2023.sections.filter(kind="forums").exists()


def test_organisation_section_lists_current_kredsraad_members(
    plan_2023, kredsraad_nord, politi_nord
):
    from tests import factories

    factories.membership(
        kredsraad_nord,
        factories.person(title="Politidirektør", organisation=politi_nord),
        role="chair",
    )

    organisation = plan_content(plan_2023)["sections"][0]["generated"]

    assert organisation["district_councils"][0]["members"] == [
        {"person": "Politidirektør, Nordjyllands Politi", "role": "Formand"}
    ]
