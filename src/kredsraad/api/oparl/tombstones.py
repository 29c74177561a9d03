"""Tombstones: when an object the public API shows is deleted, its id stays answerable as
`{"deleted": true}` and its deletion reaches clients that ask for changes (`modified_since`).

Written from `pre_delete`, not from the history: most models are tracked by pghistory for
inserts and updates only, and a trigger on another app's table would mean migrations there.
The signal fires for every ORM delete, cascades included, inside the delete's transaction, and
while the row still exists, so the public querysets decide whether it was public; a row the
public never saw (a closed item, a draft handleplan) leaves no trace.
"""

from django.db.models.signals import pre_delete

from kredsraad.api.oparl import queries
from kredsraad.api.oparl import serializers as oparl
from kredsraad.api.oparl.models import Tombstone
from kredsraad.councils.models import (
    Council,
    Forum,
    Membership,
    Organisation,
    Person,
    PoliceDistrict,
)
from kredsraad.meetings.models import AgendaItem, Meeting
from kredsraad.meetings.models import Paper as MeetingPaper
from kredsraad.plans.models import ActionPlan, CooperationPlan


def _key(path: str) -> str:
    return path.partition("/")[2]


# For each model: the OParl types it appears as, the public queryset, and the row's key.
TRACKED = {
    PoliceDistrict: [("Body", queries.bodies, lambda row: row.slug)],
    Council: [("Organization", queries.councils, lambda row: oparl.council_key(row))],
    Forum: [("Organization", queries.forums, lambda row: _key(oparl.forum_path(row)))],
    Organisation: [
        ("Organization", queries.organisations, lambda row: _key(oparl.organisation_path(row)))
    ],
    Person: [("Person", queries.people, lambda row: _key(oparl.person_path(row.pk)))],
    Membership: [
        ("Membership", queries.memberships, lambda row: _key(oparl.membership_path(row.pk)))
    ],
    Meeting: [
        ("Meeting", queries.meetings, lambda row: str(row.uuid)),
        ("Location", queries.locations, lambda row: str(row.uuid)),
    ],
    AgendaItem: [
        ("AgendaItem", queries.agenda_items, lambda row: _key(oparl.item_path(row.pk))),
        (
            "Consultation",
            queries.consultations,
            lambda row: _key(oparl.consultation_path(row.pk)),
        ),
    ],
    CooperationPlan: [
        ("Paper", queries.plan_papers, lambda row: str(row.uuid)),
        ("LegislativeTerm", queries.legislative_terms, lambda row: _key(oparl.term_path(row))),
    ],
    ActionPlan: [("Paper", queries.action_plan_papers, lambda row: str(row.uuid))],
    MeetingPaper: [("File", queries.files, lambda row: str(row.uuid))],
}


def record_deletion(sender, instance, **kwargs) -> None:
    for type_, queryset, key in TRACKED[sender]:
        row = queryset().filter(pk=instance.pk).first()
        if row is not None:
            Tombstone.objects.update_or_create(
                type=type_,
                key=key(row),
                defaults={"district_id": row.o_district, "created": row.o_created},
            )


def connect() -> None:
    for model in TRACKED:
        pre_delete.connect(record_deletion, sender=model, dispatch_uid=f"oparl-{model._meta.label}")
