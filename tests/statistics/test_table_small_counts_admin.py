"""The secretariat decides per source whether small counts are hidden, in the admin, and the
decision is in the history."""

from kredsraad.statistics.models import Table


def test_superuser_hides_a_tables_small_counts_in_the_admin(client, administrator):
    # The Django admin is the superuser's (the secretariat's operator), as for the registry.
    administrator.is_superuser = True
    administrator.save(update_fields=["is_superuser"])
    client.force_login(administrator)
    table = Table.objects.get(code="STRAF11")

    response = client.post(
        f"/admin/statistics/table/{table.pk}/change/", {"small_counts": "hidden"}
    )

    assert response.status_code == 302
    table.refresh_from_db()
    assert table.small_counts == Table.SmallCounts.HIDDEN
    assert table.events.order_by("pgh_id").last().small_counts == "hidden"


def test_visitor_cannot_reach_the_tables_in_the_admin(client, db):
    response = client.get("/admin/statistics/table/")

    assert response.status_code == 302
    assert Table.objects.get(code="STRAF11").small_counts == Table.SmallCounts.SHOWN
