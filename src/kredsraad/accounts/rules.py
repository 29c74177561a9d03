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


@rules.predicate
def runs_plan(user, plan) -> bool:
    return plan is not None and plan.district_id in user.scope.secretariat_districts


@rules.predicate
def writes_action_plan(user, action_plan) -> bool:
    """The lokalråd's municipality's koordinator, or the district's secretariat."""
    if action_plan is None:
        return False
    council = action_plan.council
    return (
        council.municipality_id in user.scope.coordinator_municipalities
        or council.district_id in user.scope.secretariat_districts
    )


@rules.predicate
def keeps_initiative(user, initiative) -> bool:
    """District initiatives are the secretariat's; local ones also their municipality's."""
    if initiative is None:
        return False
    return initiative.district_id in user.scope.secretariat_districts or (
        initiative.owner_municipality_id is not None
        and initiative.owner_municipality_id in user.scope.coordinator_municipalities
    )


@rules.predicate
def takes_part_in_initiative(user, initiative) -> bool:
    """A koordinator reports on initiatives their municipality takes part in. Reads the
    initiative's municipalities, so prefetch them on lists."""
    if initiative is None or not user.scope.coordinator_municipalities:
        return False
    own = user.scope.coordinator_municipalities
    if initiative.owner_municipality_id in own:
        return True
    if initiative.all_municipalities:
        return initiative.district_id in user.scope.districts
    return any(m.pk in own for m in initiative.municipalities.all())


@rules.predicate
def keeps_goal(user, goal) -> bool:
    """A goal is its district's secretariat's; an initiative's goal also whoever keeps the
    initiative. Whether the owner's state allows a change is goals.actions' rule."""
    if goal is None:
        return False
    if goal.district_id in user.scope.secretariat_districts:
        return True
    return goal.initiative_id is not None and keeps_initiative(user, goal.initiative)


@rules.predicate
def reports_goal(user, goal) -> bool:
    """A reported indicator's value is filed as a status report is: by the secretariat, the
    koordinator of the reporting organisation's municipality, or, for an initiative's goal,
    whoever may report on the initiative."""
    if goal is None or goal.source != "reported":
        return False
    scope = user.scope
    if goal.district_id in scope.secretariat_districts:
        return True
    organisation = goal.reported_by
    if (
        organisation is not None
        and organisation.municipality_id in scope.coordinator_municipalities
    ):
        return True
    return goal.initiative_id is not None and (
        keeps_initiative(user, goal.initiative) or takes_part_in_initiative(user, goal.initiative)
    )


@rules.predicate
def sits_in_council(user, council) -> bool:
    return council is not None and council.pk in user.scope.member_councils


@rules.predicate
def analyses_district(user, district) -> bool:
    return district is not None and district.pk in user.scope.analyst_districts


rules.add_perm("councils.manage_district", is_administrator | is_district_secretariat)
# Setting a district up creates its councils and seats from the registry: the administrators'.
rules.add_perm("councils.set_up_district", is_administrator)
# A district's settings (lokalråd, handleplan duty) and the value lists every district shares
# (plans.Theme, councils.TargetGroup) are the administrators'.
rules.add_perm("councils.configure_district", is_administrator)
rules.add_perm("councils.keep_value_lists", is_administrator)
rules.add_perm("councils.edit_council", is_administrator | runs_council)
rules.add_perm("councils.edit_members", is_administrator | runs_council | coordinates_local_council)
rules.add_perm("councils.edit_organisation", is_administrator | keeps_organisation)
rules.add_perm("councils.edit_forum", is_administrator | runs_forum)
rules.add_perm("plans.edit_plan", is_administrator | runs_plan)
# A multi-year strategy is the secretariat's, as the yearly plans are (runs_plan reads its district).
rules.add_perm("strategies.edit_strategy", is_administrator | runs_plan)
rules.add_perm("plans.write_action_plan", is_administrator | writes_action_plan)
rules.add_perm("initiatives.edit_initiative", is_administrator | keeps_initiative)
rules.add_perm("goals.edit_goal", is_administrator | keeps_goal)
rules.add_perm("goals.report_value", is_administrator | reports_goal)
rules.add_perm(
    "initiatives.report_status", is_administrator | keeps_initiative | takes_part_in_initiative
)
# Meetings: the secretariat runs the kredsråd's (and may run any in its district), a koordinator
# its lokalråd's. Closed items, their papers and draft minutes stay inside the council.
rules.add_perm("meetings.run_meeting", is_administrator | runs_council | coordinates_local_council)
rules.add_perm(
    "meetings.see_inside",
    is_administrator | runs_council | coordinates_local_council | sits_in_council,
)
# Statistics: the district's analytiker (and its secretariat, where no analyst is appointed)
# imports figures and keeps the mapping of the police's categories.
rules.add_perm(
    "statistics.import_statistics",
    is_administrator | is_district_secretariat | analyses_district,
)
