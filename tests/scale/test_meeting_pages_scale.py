"""The meeting and council pages do the same work however much history the installation holds:
their query count is the same with one district and one year of meetings as with all twelve
districts and ten years (6 meetings a year per kredsråd and lokalråd, with agendas, papers,
decisions and approved minutes). History is written in bulk, as years of use leave it; the
one meeting the pages open is made through the actions."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kredsraad.councils.models import Council, PoliceDistrict
from kredsraad.meetings import actions
from kredsraad.meetings.models import AgendaItem, Meeting, Minutes, Paper, Participant
from tests import factories

YEAR = 2023
TEN_YEARS = range(YEAR - 7, YEAR + 3)
S = Meeting.Status


def meeting_history(council, years, *, uploader, content) -> None:
    """Six held meetings a year with three agenda items (one closed), a paper with extracted
    text, two participants and approved minutes, written in bulk."""
    organisation = factories.organisation(
        f"Politiet i {council.name} {min(years)}", district=council.district
    )
    people = [
        factories.person(
            title="Medlem", name=f"{organisation.name} medlem {n}", organisation=organisation
        )
        for n in (1, 2)
    ]
    meetings = Meeting.objects.bulk_create(
        Meeting(
            council=council,
            title=f"{council.name} {year}-{month:02d} indbrud",
            starts_at=datetime.datetime(year, month, 10, 16, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(year, month, 10, 18, tzinfo=datetime.UTC),
            place="Politigården",
            status=S.MINUTES_APPROVED,
            open_to_public=True,
            agenda_sent_at=datetime.datetime(year, month, 1, tzinfo=datetime.UTC),
        )
        for year in years
        for month in (1, 3, 5, 7, 9, 11)
    )
    items = AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            position=position,
            title=f"Indbrud i {meeting.title} punkt {position}",
            kind=AgendaItem.Kind.DECISION,
            closed=position == 3,
            description="Sagsfremstilling om indbrud. " * 40,
            proposal="Indstilling om indbrud.",
            decision="Besluttet om indbrud.",
            decided=True,
        )
        for meeting in meetings
        for position in (1, 2, 3)
    )
    Paper.objects.bulk_create(
        Paper(
            item=item,
            name=f"bilag-{item.pk}.pdf",
            type=Paper.Type.PDF,
            size=1000,
            sha256="0" * 64,
            uploaded_by=uploader,
            text="Bilagets tekst om indbrud og tyveri. " * 400,
        )
        for item in items
        if item.position == 1
    )
    Participant.objects.bulk_create(
        Participant(meeting=meeting, person=person, kind=Participant.Kind.MEMBER, attended=True)
        for meeting in meetings
        for person in people
    )
    Minutes.objects.bulk_create(
        Minutes(
            meeting=meeting,
            status=Minutes.Status.APPROVED,
            body="Referat om indbrud.",
            approved_on=meeting.starts_at.date() + datetime.timedelta(days=7),
            approved_how=Minutes.ApprovedHow.CHAIR,
            content=content,
            html="<p>" + "Referat. " * 500 + "</p>",
        )
        for meeting in meetings
    )


def opened_meeting(council, by) -> Meeting:
    """A meeting of YEAR held and its minutes approved, through the actions."""
    starts = datetime.datetime(YEAR, 6, 20, 16, tzinfo=datetime.UTC)
    meeting = actions.create_meeting(
        council,
        by=by,
        now=starts - datetime.timedelta(days=30),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="Politigården, Aalborg",
        title="Møde om indbrud",
    )
    item = actions.add_item(meeting, title="Indbrud i sommerhuse", kind="decision", by=by)
    actions.add_paper(item, name="indbrud.pdf", content=factories.pdf(), by=by)
    meeting = actions.mark_held(meeting, present=set(), by=by)
    item.refresh_from_db()
    actions.record_decision(
        item, decision="Rådet følger indbrud.", expected_version=item.version, by=by
    )
    actions.approve_minutes(meeting.minutes, how=Minutes.ApprovedHow.CHAIR, on=starts.date(), by=by)
    meeting.refresh_from_db()
    return meeting


def pages(meeting: Meeting) -> dict[str, str]:
    council = meeting.council
    slug = council.district.slug
    return {
        "start page": "/",
        "district": f"/kreds/{slug}/",
        "council": f"/raad/{council.pk}/",
        "meetings list": f"/kreds/{slug}/moeder/",
        "council's meetings": f"/raad/{council.pk}/moeder/",
        "meeting": f"/moeder/{meeting.pk}/",
        "minutes": f"/moeder/{meeting.pk}/referat/",
        "compliance": f"/raad/{council.pk}/overholdelse/?aar={YEAR}",
        "council calendar": f"/raad/{council.pk}/kalender.ics",
        "search": "/soeg/?q=indbrud",
        "search by type": "/soeg/?q=indbrud&type=agenda_item",
        "search by municipality": "/soeg/?q=indbrud&type=initiative&kommune=851",
    }


def query_counts(client, urls: dict[str, str]) -> dict[str, int]:
    counts = {}
    for name, url in urls.items():
        client.get(url)  # warm what is per process (translations, templates)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(queries.captured_queries)
    return counts


def test_secretariat_pages_cost_the_same_with_twelve_districts_and_ten_years(
    client, kredsraad_nord, sekretariat
):
    meeting = opened_meeting(kredsraad_nord, sekretariat)
    content = meeting.minutes.content
    meeting_history(kredsraad_nord, [YEAR], uploader=sekretariat, content=content)
    client.force_login(sekretariat)
    one_district_one_year = query_counts(client, pages(meeting))

    others = [year for year in TEN_YEARS if year != YEAR]
    meeting_history(kredsraad_nord, others, uploader=sekretariat, content=content)
    for district in PoliceDistrict.objects.exclude(pk=kredsraad_nord.district_id):
        councils = Council.objects.filter(district=district).order_by("kind", "pk")[:2]
        for council in councils:
            meeting_history(council, TEN_YEARS, uploader=sekretariat, content=content)
    local = Council.objects.filter(district=kredsraad_nord.district, kind=Council.Kind.LOCAL)
    meeting_history(local.first(), TEN_YEARS, uploader=sekretariat, content=content)
    twelve_districts_ten_years = query_counts(client, pages(meeting))

    # Search reads each type of hit on the page with one query: the page may hold fewer types
    # as hits grow, never more.
    assert twelve_districts_ten_years.pop("search") <= one_district_one_year.pop("search")
    assert twelve_districts_ten_years == one_district_one_year


def test_council_member_pages_cost_the_same_with_ten_years(client, kredsraad_nord, sekretariat):
    member = factories.user(role="council_member", council=kredsraad_nord)
    meeting = opened_meeting(kredsraad_nord, sekretariat)
    content = meeting.minutes.content
    meeting_history(kredsraad_nord, [YEAR], uploader=sekretariat, content=content)
    client.force_login(member)
    one_year = query_counts(client, pages(meeting))

    meeting_history(
        kredsraad_nord, [y for y in TEN_YEARS if y != YEAR], uploader=sekretariat, content=content
    )
    ten_years = query_counts(client, pages(meeting))

    assert ten_years.pop("search") <= one_year.pop("search")
    assert ten_years == one_year


def test_the_meetings_list_pages_to_every_earlier_year(client, kredsraad_nord, sekretariat):
    meeting = opened_meeting(kredsraad_nord, sekretariat)
    meeting_history(
        kredsraad_nord, TEN_YEARS, uploader=sekretariat, content=meeting.minutes.content
    )
    oldest = Meeting.objects.filter(council=kredsraad_nord).order_by("starts_at").first()
    client.force_login(sekretariat)

    response = client.get(f"/raad/{kredsraad_nord.pk}/moeder/?aar={TEN_YEARS[0]}")

    assert oldest.get_absolute_url() in response.content.decode()
