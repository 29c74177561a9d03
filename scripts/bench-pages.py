# Part of scripts/bench-national.sh, run inside `kredsraad shell` (Django set up, DATABASE_URL).
#   BENCH_STEP=paths    prints the pages measured, one a line: "name|who|path", who being
#                       "user" (the secretariat of BENCH_DISTRICT) or "anon" (a visitor)
#   BENCH_STEP=queries  reads those lines on stdin and prints "name count status" per page: the
#                       database queries of a second request (the first settles the session)
# BENCH_DISTRICT: the district's slug; BENCH_YEAR: the plan year measured.
import os
import sys

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kredsraad.accounts.models import User
from kredsraad.councils.models import Council, PoliceDistrict
from kredsraad.initiatives.models import Initiative
from kredsraad.meetings.models import Meeting
from kredsraad.plans.models import CooperationPlan, PlanVersion

step = os.environ["BENCH_STEP"]
slug = os.environ["BENCH_DISTRICT"]
year = int(os.environ["BENCH_YEAR"])


def paths():
    d = PoliceDistrict.objects.get(slug=slug)
    kreds = Council.objects.get(district=d, kind="district")
    plan = CooperationPlan.objects.get(district=d, year=year)
    # The busiest initiative of the year's plan and the kredsråd's last meeting of the year with
    # approved minutes: the pages that grow if anything grows with history.
    initiative = (
        Initiative.objects.filter(focus_areas__plan=plan)
        .annotate(updates=Count("status_updates", distinct=True))
        .order_by("-updates", "pk")
        .first()
    ) or Initiative.objects.filter(district=d).order_by("-pk").first()
    meetings = Meeting.objects.filter(council=kreds, starts_at__year=year)
    meeting = (
        meetings.filter(minutes__status="approved").order_by("-starts_at").first()
        or meetings.order_by("-starts_at").first()
    )
    published = (
        PlanVersion.objects.filter(plan__district=d, plan__year__lte=year)
        .order_by("-plan__year", "-number")
        .select_related("plan")
        .first()
    )
    pages = [
        ("bar visning", "user", "/konto/status/"),
        ("startside", "user", "/"),
        ("kreds", "user", d.get_absolute_url()),
        ("plan", "user", plan.get_absolute_url()),
        ("dækning", "user", f"/planer/{plan.pk}/daekning/"),
        ("handleplaner", "user", f"/planer/{plan.pk}/handleplaner/"),
        ("indsatser", "user", f"/kreds/{slug}/indsatser/"),
        ("indsats", "user", initiative.get_absolute_url()),
        ("møder", "user", f"/kreds/{slug}/moeder/"),
        ("møde", "user", meeting.get_absolute_url()),
        ("referat", "user", f"/moeder/{meeting.pk}/referat/"),
        ("overholdelse", "user", f"/raad/{kreds.pk}/overholdelse/?aar={year}"),
        ("statistik", "user", f"/kreds/{slug}/statistik/"),
        ("statistik CSV", "user", f"/kreds/{slug}/statistik/kommuner.csv"),
        ("søgning", "user", "/soeg/?q=indbrud"),
        ("off. kreds", "anon", f"/offentlig/{slug}/"),
        ("off. statistik", "anon", f"/offentlig/{slug}/statistik/"),
        ("Atom", "anon", f"/offentlig/{slug}/feed.atom"),
        ("off. søgning", "anon", "/offentlig/soeg/?q=indbrud"),
        ("OParl organer", "anon", "/oparl/v1/body"),
        ("OParl organisationer", "anon", f"/oparl/v1/body/{slug}/organization"),
        ("OParl møder", "anon", f"/oparl/v1/body/{slug}/meeting"),
        ("OParl bilag", "anon", f"/oparl/v1/body/{slug}/paper"),
        ("API planer", "anon", f"/api/plans/?district={slug}"),
        ("API indsatser", "anon", f"/api/initiatives/?district={slug}"),
        ("API møder", "anon", f"/api/meetings/?district={slug}"),
        ("API råd", "anon", f"/api/councils/?district={slug}"),
    ]
    if published:
        public_plan = f"/offentlig/{slug}/planer/{published.plan.uuid}/"
        pages.insert(16, ("off. plan", "anon", public_plan))
    for name, who, path in pages:
        print(f"{name}|{who}|{path}")


def queries():
    user = User.objects.get(email=os.environ["BENCH_EMAIL"])
    # The host the benchmark allows; a page that fails is a 500 in the table, not the end.
    signed_in = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    signed_in.force_login(user)
    anonymous = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    for line in sys.stdin:
        name, who, path = line.rstrip("\n").split("|")
        client = signed_in if who == "user" else anonymous
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            status = client.get(path).status_code
        print(f"{name.replace(' ', '_')} {len(captured)} {status}")


{"paths": paths, "queries": queries}[step]()
