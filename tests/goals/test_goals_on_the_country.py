"""A goal on Hele landet (issue 14): "ingen data" where the data has no country row, never the
0 that summing nothing gives; "beregnet" where the country is summed from the municipalities."""

from django.utils import timezone

from kredsraad.goals.content import goal_entries
from kredsraad.statistics.models import Area, Dataset, Observation
from tests.goals.conftest import burglary_goal


def test_goal_on_a_country_the_data_lacks_reads_ingen_data(sekretariat, area, burglaries):
    goal = burglary_goal(area, sekretariat, area="000")

    shown = goal_entries([goal])[0]

    assert (shown["baseline_text"], shown["latest_text"], shown["progress"]) == (
        "ingen data",
        "ingen data",
        "no_data",
    )


def test_goal_on_a_derived_country_is_marked_beregnet(sekretariat, area, burglaries):
    # What the importer writes when every municipality is there: Hele landet, derived (here
    # ten times Aalborg's figures, which is all the test needs).
    dataset = Dataset.objects.create(
        table="STRAF11", source=Dataset.Source.FILE, fetched_at=timezone.now()
    )
    country = Area.objects.get(code="000")
    Observation.objects.bulk_create(
        Observation(
            table="STRAF11",
            area=country,
            offence=o.offence,
            period=o.period,
            year=o.year,
            quarter=o.quarter,
            value=o.value * 10,
            derived=True,
            dataset=dataset,
        )
        for o in Observation.objects.filter(area__code="851")
    )
    goal = burglary_goal(area, sekretariat, area="000")

    shown = goal_entries([goal])[0]

    assert (shown["baseline_text"], shown["latest_text"]) == (
        "4.000 (beregnet)",
        "3.600 (beregnet)",
    )
