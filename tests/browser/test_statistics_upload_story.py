"""Nordjylland's analytiker uploads STRAF11 figures, reads the preview, imports them, and watches a
running import's progress bar turn into the result without reloading the page."""

import pytest

from kredsraad.statistics.importing import importer
from kredsraad.statistics.models import ImportJob
from kredsraad.statistics.registry import load_areas

from .conftest import sign_in

CSV = (
    "OMRÅDE_kode,OMRÅDE,OVERTRÆD_kode,OVERTRÆD,TID,INDHOLD\n"
    "851,Aalborg,12,Voldsforbrydelser i alt,2023K1,180\n"
    "860,Hjørring,12,Voldsforbrydelser i alt,2023K1,41\n"
).encode()


def choose_file(p, name="straf11.csv", content=CSV):
    p.get_by_label("Fil", exact=True).set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": content}]
    )


@pytest.mark.django_db(transaction=True)
def test_analyst_uploads_imports_and_sees_the_progress_turn_into_the_result(
    page, analytiker, nordjylland
):
    load_areas()  # the flushed database lost the statistics areas with the rest
    importer.load_offence_codes([("TOT", "I alt"), ("12", "Voldsforbrydelser i alt")])
    sign_in(page, analytiker)
    p = page.page
    main = p.locator("main")

    page.goto(f"/kreds/{nordjylland.slug}/statistik/indlaes/")
    choose_file(p)
    p.get_by_role("button", name="Vis forhåndsvisning").click()
    page.check()
    assert "Nye celler\t2" in main.inner_text()
    p.get_by_role("button", name="Indlæs", exact=True).click()
    page.check()
    assert "2 nye, 0 ændrede og 0 uændrede celler i STRAF11." in main.inner_text()

    # A second upload, caught while the worker is halfway: the page polls until it is done.
    page.goto(f"/kreds/{nordjylland.slug}/statistik/indlaes/")
    choose_file(p, name="igen.csv")
    p.get_by_role("button", name="Vis forhåndsvisning").click()
    page.check()
    first, second = ImportJob.objects.order_by("pk")
    ImportJob.objects.filter(pk=second.pk).update(status=ImportJob.Status.RUNNING, done=1, total=2)
    p.reload()
    page.check()
    assert "1 af 2 rækker" in p.locator("#import-progress").inner_text()
    ImportJob.objects.filter(pk=second.pk).update(
        status=ImportJob.Status.DONE, done=2, dataset=first.dataset
    )
    p.locator("#import-progress .alert-success").wait_for(timeout=5000)
    assert "Filen er indlæst" in p.locator("#import-progress").inner_text()
    page.check()

    page.goto(f"/kreds/{nordjylland.slug}/statistik/politiets-kategorier/")
    p.get_by_label("Politiets kategori", exact=True).fill("Vold mod person")
    p.get_by_label("Overtrædelseskode").select_option("12")
    p.get_by_role("button", name="Gem kategorien").click()
    page.check()
    assert "»Vold mod person« tælles nu som 12." in main.inner_text()


@pytest.mark.django_db(transaction=True)
def test_analyst_imports_a_revision_and_reads_the_figures_it_changed(page, analytiker, nordjylland):
    load_areas()
    importer.load_offence_codes([("TOT", "I alt"), ("12", "Voldsforbrydelser i alt")])
    revised = CSV.replace(b"2023K1,180", b"2023K1,186")
    sign_in(page, analytiker)
    p = page.page
    main = p.locator("main")

    for name, content in (("straf11.csv", CSV), ("rettet.csv", revised)):
        page.goto(f"/kreds/{nordjylland.slug}/statistik/indlaes/")
        choose_file(p, name=name, content=content)
        p.get_by_role("button", name="Vis forhåndsvisning").click()
        page.check()
        p.get_by_role("button", name="Indlæs", exact=True).click()
        page.check()
    assert "0 nye, 1 ændrede og 1 uændrede celler i STRAF11." in main.inner_text()
    p.get_by_role("link", name="Se de rettede tal").click()
    page.check()

    row = main.get_by_role("row").filter(has_text="Aalborg").inner_text().split("\t")
    assert row == ["Aalborg", "12 Voldsforbrydelser i alt", "2023K1", "180", "186"]
