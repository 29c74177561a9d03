"""The national registry that the data migration gives every installation."""

from django.db.models import F
from pghistory.models import Events

from kredsraad.councils.models import Council, Municipality, PoliceDistrict
from kredsraad.councils.registry import load_registry


def test_registry_has_the_twelve_police_districts(db):
    names = list(PoliceDistrict.objects.order_by("code").values_list("name", flat=True))

    assert len(names) == 12
    assert names[0] == "Nordjyllands Politi"
    assert names[10] == "Københavns Politi"


def test_registry_has_98_municipalities_and_leaves_out_christiansoe(db):
    codes = set(Municipality.objects.values_list("code", flat=True))

    assert len(codes) == 98
    assert 411 not in codes


def test_nordjyllands_politi_covers_its_nine_municipalities(db):
    nordjylland = PoliceDistrict.objects.get(slug="nordjyllands-politi")

    codes = list(nordjylland.municipalities.order_by("code").values_list("code", flat=True))

    assert codes == [810, 813, 820, 825, 840, 846, 849, 851, 860]


def test_every_municipality_has_one_lokalraad(db):
    local_councils = Council.objects.filter(kind=Council.Kind.LOCAL)

    municipalities = list(local_councils.values_list("municipality", flat=True))

    assert len(municipalities) == 98
    assert set(municipalities) == set(Municipality.objects.values_list("pk", flat=True))


def test_every_police_district_has_one_kredsraad(db):
    district_councils = Council.objects.filter(kind=Council.Kind.DISTRICT)

    districts = list(district_councils.values_list("district", flat=True))

    assert len(districts) == 12
    assert set(districts) == set(PoliceDistrict.objects.values_list("pk", flat=True))


def test_lokalraad_is_named_after_the_official_municipality_name(db):
    names = dict(
        Council.objects.filter(municipality__code__in=[101, 825, 169]).values_list(
            "municipality__code", "name"
        )
    )

    assert names == {
        101: "Lokalrådet i Københavns Kommune",
        169: "Lokalrådet i Høje-Taastrup Kommune",
        825: "Lokalrådet i Læsø Kommune",
    }


def test_lokalraad_belongs_to_its_municipalitys_police_district(db):
    mismatched = Council.objects.filter(kind=Council.Kind.LOCAL).exclude(
        district=F("municipality__district")
    )

    assert mismatched.count() == 0


def test_municipalities_sort_the_danish_way(db):
    names = ["Aabenraa", "Ærø", "Odense", "Aalborg", "Vejle"]

    ordered = Municipality.objects.filter(name__in=names).order_by("name")

    assert [m.name for m in ordered] == ["Odense", "Vejle", "Ærø", "Aabenraa", "Aalborg"]


def test_loading_the_registry_again_changes_nothing(db):
    events_before = Events.objects.count()

    load_registry()

    assert Events.objects.count() == events_before
    assert Municipality.objects.count() == 98
    assert Council.objects.count() == 110
