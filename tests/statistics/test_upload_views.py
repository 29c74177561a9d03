"""The analytiker's upload page: a file is previewed (or refused, importing nothing), imported in
the background once, and the job page's polled progress shows when it is done. Only those with
the right in the district reach the pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kredsraad.accounts.models import RoleAssignment, User
from kredsraad.statistics.importing import importer, uploads
from kredsraad.statistics.models import Dataset, ImportJob, Observation
from kredsraad.statistics.rows import STRAF11, Parsed, Row
from tests import factories

CODES = [
    ("TOT", "Overtrædelsens art i alt"),
    ("1", "Straffelov i alt"),
    ("12", "Voldsforbrydelser i alt"),
    ("1252", "Simpel vold"),
    ("13", "Ejendomsforbrydelser i alt"),
    ("1320", "Indbrud i beboelser"),
]
HEADER = "OMRÅDE_kode,OMRÅDE,OVERTRÆD_kode,OVERTRÆD,TID,INDHOLD\n"


@pytest.fixture(autouse=True)
def codes(db):
    importer.load_offence_codes(CODES)


@pytest.fixture
def analytiker_midtvest(midtvest):
    return factories.user(role=RoleAssignment.Role.ANALYST, district=midtvest)


def long_csv(*cells) -> bytes:
    lines = [f"{area},,{offence},,{period},{count}\n" for area, offence, period, count in cells]
    return (HEADER + "".join(lines)).encode()


VIOLENCE = long_csv(("851", "12", "2023K1", 180), ("860", "12", "2023K1", 41))


def upload_url(district):
    return reverse("statistics:upload", args=[district.slug])


def job_url(job):
    return reverse("statistics:import_job", args=[job.district.slug, job.pk])


def upload(client, district, content, *, name="straf11.csv", kind="dst", table=""):
    return client.post(
        upload_url(district),
        {"kind": kind, "file": SimpleUploadedFile(name, content), "table": table},
    )


def start(client, job, django_capture_on_commit_callbacks):
    # The task is queued when the claim commits; under pytest it runs at once (immediate backend).
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("statistics:import_start", args=[job.district.slug, job.pk]))


def poll(client, job):
    return client.get(job_url(job), headers={"HX-Request": "true", "HX-Target": "import-progress"})


def value(area, offence, period, table=STRAF11):
    return Observation.objects.get(
        table=table, area__code=area, offence__code=offence, period=period
    ).value


# The story --------------------------------------------------------------------------------------


def test_analyst_uploads_sees_the_preview_imports_and_the_polled_progress_says_done(
    client, analytiker, nordjylland, django_capture_on_commit_callbacks
):
    client.force_login(analytiker)

    uploaded = upload(client, nordjylland, VIOLENCE)
    job = ImportJob.objects.get()
    preview = client.get(uploaded.url).content.decode()
    started = start(client, job, django_capture_on_commit_callbacks)
    polled = poll(client, job).content.decode()

    assert uploaded.status_code == 302
    assert uploaded.url == job_url(job)
    assert "er læst som lang CSV med koder og betegnelser (UTF-8): 2 rækker." in preview
    assert '<th scope="row">Nye celler</th><td>2</td>' in preview
    assert "2023K1 (1 periode)" in preview
    assert "851 Aalborg" in preview
    assert started.url == job_url(job)
    assert "<html" not in polled
    assert "hx-trigger" not in polled  # finished: the polling stops
    assert "2 nye, 0 ændrede og 0 uændrede celler i STRAF11." in polled
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (ImportJob.Status.DONE, 2, 2)
    assert job.dataset.imported_by == analytiker
    assert (value("851", "12", "2023K1"), value("860", "12", "2023K1")) == (180, 41)
    assert value("politikreds:1", "12", "2023K1") == 180 + 41


def test_the_same_file_twice_changes_nothing_the_second_time(
    client, analytiker, nordjylland, django_capture_on_commit_callbacks
):
    client.force_login(analytiker)
    upload(client, nordjylland, VIOLENCE)
    start(client, ImportJob.objects.get(), django_capture_on_commit_callbacks)

    upload(client, nordjylland, VIOLENCE)
    second = ImportJob.objects.latest("pk")
    start(client, second, django_capture_on_commit_callbacks)

    second.refresh_from_db()
    assert (second.preview["new"], second.preview["changed"]) == (0, 0)
    assert (second.status, second.dataset) == (ImportJob.Status.DONE, None)  # none recorded
    assert Dataset.objects.count() == 1
    assert (
        "0 nye, 0 ændrede og 2 uændrede celler i STRAF11: tallene stod allerede sådan."
        in poll(client, second).content.decode()
    )


def test_a_job_is_imported_once(
    client, analytiker, nordjylland, django_capture_on_commit_callbacks
):
    client.force_login(analytiker)
    upload(client, nordjylland, VIOLENCE)
    job = ImportJob.objects.get()
    start(client, job, django_capture_on_commit_callbacks)

    again = start(client, job, django_capture_on_commit_callbacks)

    assert Dataset.objects.count() == 1
    assert "Filen er allerede indlæst." in client.get(again.url).content.decode()


def test_a_preview_made_stale_by_another_import_is_shown_again_and_nothing_is_written(
    client, analytiker, nordjylland, django_capture_on_commit_callbacks
):
    client.force_login(analytiker)
    upload(client, nordjylland, VIOLENCE)
    job = ImportJob.objects.get()
    revised = Parsed(STRAF11, "long-csv", [Row(STRAF11, "851", "12", "2023K1", 200, line=2)])
    importer.apply(revised, source=Dataset.Source.FILE, fetched_at=job.created_at)

    start(client, job, django_capture_on_commit_callbacks)

    job.refresh_from_db()
    page = client.get(job_url(job)).content.decode()
    assert job.status == ImportJob.Status.PREVIEWED
    assert (job.preview["new"], job.preview["changed"], job.preview["stale"]) == (1, 1, True)
    assert value("851", "12", "2023K1") == 200
    assert "Tallene i databasen er ændret, siden filen blev vist første gang" in page


def test_progress_shows_rows_done_and_keeps_polling_while_running(client, analytiker, nordjylland):
    client.force_login(analytiker)
    upload(client, nordjylland, VIOLENCE)
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.RUNNING, done=12_000, total=33_920
    )

    polled = poll(client, job).content.decode()
    page = client.get(job_url(job)).content.decode()

    assert 'hx-trigger="every 1s"' in polled
    assert '<progress id="import-progress-bar" max="33920" value="12000">' in polled
    assert "<p>12.000 af 33.920 rækker</p>" in polled
    assert f'<a href="{job_url(job)}">Opdater</a>' in page  # without JavaScript


@pytest.mark.django_db(transaction=True)
def test_progress_is_committed_apart_from_the_import_so_the_poller_sees_it():
    owner = factories.user(name="Før")
    job = ImportJob.objects.create(
        kind="dst", file_name="straf11.csv", content=b"x", size=1, sha256="0", created_by=owner
    )
    poller = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with transaction.atomic():  # as importer.apply's
            User.objects.filter(pk=owner.pk).update(full_name="Skrevet i indlæsningen")
            with uploads.progress_of(job) as progress:
                progress(12_000, 33_920)
            with poller.cursor() as cursor:
                cursor.execute(
                    "SELECT j.done, j.total, u.full_name FROM statistics_importjob j "
                    "JOIN accounts_user u ON u.id = j.created_by_id WHERE j.id = %s",
                    [job.pk],
                )
                seen = cursor.fetchone()
    finally:
        poller.close()

    assert seen == (12_000, 33_920, "Før")


# Refused files import nothing -------------------------------------------------------------------


def test_unknown_codes_are_all_listed_and_nothing_is_imported(
    client, analytiker, nordjylland, django_capture_on_commit_callbacks
):
    client.force_login(analytiker)

    response = upload(
        client,
        nordjylland,
        long_csv(
            ("851", "12", "2023K1", 5), ("852", "12", "2023K1", 1), ("851", "7777", "2023K1", 2)
        ),
    )
    job = ImportJob.objects.get()
    page = client.get(response.url).content.decode()
    started = start(client, job, django_capture_on_commit_callbacks)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.REFUSED
    assert "Filen er afvist og kan ikke indlæses." in client.get(started.url).content.decode()
    assert [(p["line"], p["value"]) for p in job.problems] == [(3, "852"), (4, "7777")]
    assert "Filen har 2 fejl, så intet er indlæst." in page
    assert "Ukendt områdekode »852« (første gang i linje 3)." in page
    assert "Ukendt overtrædelseskode »7777« (første gang i linje 4)." in page
    assert 'action="/kreds/nordjyllands-politi/statistik/indlaesninger/' not in page
    assert bytes(job.content) == b""  # a refused file is not kept
    assert (Observation.objects.count(), Dataset.objects.count()) == (0, 0)


def test_a_web_page_saved_as_csv_is_refused(client, analytiker, nordjylland):
    client.force_login(analytiker)

    response = upload(client, nordjylland, b"<!DOCTYPE html><html><body>Fejl 500</body></html>")

    page = client.get(response.url).content.decode()
    assert ImportJob.objects.get().status == ImportJob.Status.REFUSED
    assert "Filen er en webside" in page
    assert Observation.objects.count() == 0


def test_a_file_with_broken_letters_is_refused(client, analytiker, nordjylland):
    client.force_login(analytiker)
    broken = "OMRÅDE;OVERTRÆD;TID;INDHOLD\nHjÃ¸rring;Voldsforbrydelser i alt;2023K1;41\n"  # noqa: RUF001

    response = upload(client, nordjylland, broken.encode("utf-8"))

    page = client.get(response.url).content.decode()
    assert ImportJob.objects.get().status == ImportJob.Status.REFUSED
    assert (
        "Filen indeholder tegn som »Ã¸« og »Ã¦« i stedet for ø og æ (første gang i linje 2)"  # noqa: RUF001
        in page
    )
    assert Observation.objects.count() == 0


def test_only_the_first_hundred_problems_are_kept_and_the_total_is_told(
    client, analytiker, nordjylland
):
    client.force_login(analytiker)
    cells = [(f"{900 + n % 99:03d}", f"9{n:03d}", "2023K1", 1) for n in range(150)]

    response = upload(client, nordjylland, long_csv(*cells))

    job = ImportJob.objects.get()
    page = client.get(response.url).content.decode()
    assert len(job.problems) == 100
    assert job.preview["problem_count"] > 100
    assert f"Filen har {job.preview['problem_count']} fejl, så intet er indlæst." in page
    assert "Her vises de første 100." in page


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    client, analytiker, nordjylland, settings
):
    settings.KREDSRAAD_STATISTICS_MAX_BYTES = 100
    client.force_login(analytiker)

    response = upload(client, nordjylland, VIOLENCE + b"#" * 100)

    assert response.status_code == 200
    assert "en statistikfil må højst fylde 100\xa0bytes." in response.content.decode()
    assert ImportJob.objects.count() == 0


# Who may ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["analytiker", "sekretariat", "administrator"])
def test_analysts_the_secretariat_and_administrators_reach_the_upload_page(
    client, request, persona, nordjylland
):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(upload_url(nordjylland)).status_code == 200


@pytest.mark.parametrize("persona", ["raadsmedlem", "koordinator_hjoerring", "analytiker_midtvest"])
def test_others_find_no_upload_page_job_or_import(
    client, request, persona, analytiker, nordjylland
):
    client.force_login(analytiker)
    upload(client, nordjylland, VIOLENCE)
    job = ImportJob.objects.get()
    client.force_login(request.getfixturevalue(persona))

    pages = [
        client.get(upload_url(nordjylland)),
        upload(client, nordjylland, VIOLENCE),
        client.get(job_url(job)),
        client.post(reverse("statistics:import_start", args=[nordjylland.slug, job.pk])),
    ]

    assert [page.status_code for page in pages] == [404, 404, 404, 404]
    assert ImportJob.objects.count() == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PREVIEWED


def test_another_districts_job_is_not_found_under_ones_own_district(
    client, analytiker, analytiker_midtvest, nordjylland, midtvest
):
    client.force_login(analytiker)
    upload(client, nordjylland, VIOLENCE)
    job = ImportJob.objects.get()
    client.force_login(analytiker_midtvest)

    response = client.get(reverse("statistics:import_job", args=[midtvest.slug, job.pk]))

    assert response.status_code == 404


def test_signing_in_is_required(client, nordjylland):
    response = client.get(upload_url(nordjylland))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


# Queries ------------------------------------------------------------------------------------------


def test_upload_page_queries_do_not_grow_with_the_jobs_listed(
    client, analytiker, nordjylland, django_capture_on_commit_callbacks
):
    client.force_login(analytiker)
    upload(client, nordjylland, VIOLENCE)
    start(client, ImportJob.objects.get(), django_capture_on_commit_callbacks)
    client.get(upload_url(nordjylland))  # the session and the like settle

    with CaptureQueriesContext(connection) as one:
        client.get(upload_url(nordjylland))
    for _n in range(2):
        upload(client, nordjylland, VIOLENCE)
        start(client, ImportJob.objects.latest("pk"), django_capture_on_commit_callbacks)
    with CaptureQueriesContext(connection) as three:
        page = client.get(upload_url(nordjylland))

    assert page.content.decode().count("straf11.csv</a>") == 3
    assert len(three) == len(one)


def test_job_page_and_its_partial_need_few_queries_whatever_the_jobs_in_the_district(
    client,
    analytiker,
    nordjylland,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    client.force_login(analytiker)
    for _n in range(3):
        upload(client, nordjylland, VIOLENCE)
    job = ImportJob.objects.latest("pk")
    start(client, job, django_capture_on_commit_callbacks)

    with django_assert_max_num_queries(6):
        page = client.get(job_url(job))
    with django_assert_max_num_queries(6):
        polled = poll(client, job)

    assert page.status_code == polled.status_code == 200
