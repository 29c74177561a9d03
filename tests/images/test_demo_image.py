"""The demo's second district publishes its plan with an organisation chart and its alt text,
and loading the demo again adds no second chart."""

from kredsraad.demo.data import load_demo
from kredsraad.demo.images import ALT_TEXT
from kredsraad.demo.second_district import load_second_district
from kredsraad.images.models import ImageFile, SectionImage
from kredsraad.plans.document import first_section
from kredsraad.plans.models import CooperationPlan


def test_second_district_publishes_its_organisation_chart_once(db):
    load_demo()
    district = load_second_district()

    load_second_district()

    plan = CooperationPlan.objects.get(district=district, year=2024)
    [image] = SectionImage.objects.filter(section__plan=plan)
    version = plan.versions.get()
    [entry] = first_section(version.content, "organisation")["images"]
    assert entry["alt"] == ALT_TEXT
    assert entry["url"] in version.html
    assert image.file.content_type == "image/png"
    assert ImageFile.objects.count() == 1
