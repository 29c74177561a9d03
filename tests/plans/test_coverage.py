"""The coverage matrix: focus areas by municipalities, gaps showing, exportable."""

import csv
import io

from django.urls import reverse

from kredsraad.plans import actions
from kredsraad.plans.coverage import as_csv, coverage


def test_handleplan_item_fills_its_cell_and_other_cells_are_gaps(
    plan_2023, lokalraad_hjoerring, koordinator_hjoerring, hjoerring, laesoe
):
    area = plan_2023.focus_areas.first()
    action_plan = actions.create_action_plan(
        lokalraad_hjoerring, plan=plan_2023, by=koordinator_hjoerring
    )
    actions.add_item(
        action_plan, title="Tryghedsvandring", focus_area=area, by=koordinator_hjoerring
    )

    matrix = coverage(plan_2023, [hjoerring, laesoe])

    assert [c.items[0].title if c.items else None for c in matrix.rows[0].cells] == [
        "Tryghedsvandring",
        None,
    ]
    assert [c.is_gap for c in matrix.rows[1].cells] == [True, True]
    assert matrix.rows[-1].focus_area is None


def test_csv_export_opens_in_danish_excel(plan_2023, hjoerring):
    content = as_csv(coverage(plan_2023, [hjoerring]))

    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Nr.", "Indsatsområde", "Hjørring"]
    assert rows[1] == ["03.1", "Det lokale samarbejde fra to nye nærstationer", "(intet)"]


def test_coordinator_sees_only_own_municipalitys_column(client, koordinator_hjoerring, plan_2023):
    client.force_login(koordinator_hjoerring)

    response = client.get(reverse("plans:coverage", args=[plan_2023.pk]))

    assert [m.name for m in response.context["matrix"].municipalities] == ["Hjørring"]


def test_every_cell_opens_its_detail(client, sekretariat, plan_2023, hjoerring):
    area = plan_2023.focus_areas.first()
    client.force_login(sekretariat)

    response = client.get(
        reverse("plans:coverage_cell", args=[plan_2023.pk, area.pk, hjoerring.code])
    )

    assert response.status_code == 200
    assert response.context["cell"].is_gap


def test_csv_download_is_an_attachment(client, sekretariat, plan_2023):
    client.force_login(sekretariat)

    response = client.get(reverse("plans:coverage", args=[plan_2023.pk]), {"format": "csv"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="daekning-nordjyllands-politi-2023.csv"'
    )


def test_xlsx_export_marks_the_gaps(plan_2023, hjoerring):
    from openpyxl import load_workbook

    from kredsraad.plans.coverage import as_xlsx

    sheet = load_workbook(io.BytesIO(as_xlsx(coverage(plan_2023, [hjoerring])))).active

    assert [c.value for c in sheet[1]] == ["Nr.", "Indsatsområde", "Hjørring"]
    assert sheet["C2"].value == "(intet)"
    assert sheet["C2"].fill.fgColor.rgb.endswith("FBE4E4")
