"""What each user may change. Predicates take objects the user can already see (scoping.py).

Registered as `rules` permissions so views and templates ask `user.has_perm("councils.edit_council",
council)` and the answer comes from this one file.
"""

import rules


@rules.predicate
def is_administrator(user) -> bool:
    return user.is_authenticated and user.scope.is_admin


@rules.predicate
def is_district_secretariat(user, district) -> bool:
    return district is not None and district.pk in user.scope.secretariat_districts


@rules.predicate
def runs_council(user, council) -> bool:
    """The district's secretariat runs every council in it."""
    return council is not None and council.district_id in user.scope.secretariat_districts


@rules.predicate
def coordinates_local_council(user, council) -> bool:
    """A coordinator keeps the member list of their own municipality's lokalråd."""
    return (
        council is not None
        and council.municipality_id is not None
        and council.municipality_id in user.scope.coordinator_municipalities
    )


@rules.predicate
def keeps_organisation(user, organisation) -> bool:
    """National organisations are the administrators'; local ones their district's."""
    return (
        organisation is not None
        and organisation.district_id is not None
        and organisation.district_id in user.scope.secretariat_districts
    )


@rules.predicate
def runs_forum(user, forum) -> bool:
    return forum is not None and forum.district_id in user.scope.secretariat_districts


rules.add_perm("councils.manage_district", is_administrator | is_district_secretariat)
rules.add_perm("councils.edit_council", is_administrator | runs_council)
rules.add_perm("councils.edit_members", is_administrator | runs_council | coordinates_local_council)
rules.add_perm("councils.edit_organisation", is_administrator | keeps_organisation)
rules.add_perm("councils.edit_forum", is_administrator | runs_forum)
