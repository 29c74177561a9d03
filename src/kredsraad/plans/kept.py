"""The live plan document, kept between requests until something it shows changes.

Building a plan's document (`document.plan_content`) reads some forty tables' worth of rows and
the statistics behind its goals, and rendering it is most of the plan page's time. What it shows
depends only on the plan, never on who reads it (the view checks that the reader may see the
plan before it asks here), so it is kept once per plan in the per-process cache under a key
that says exactly which rows it was made from: `content_token` reads, in one query, a digest of
the version (and position) of every row the document shows: the plan's sections and their
images, focus areas, their themes, the initiatives serving them with their partners and
milestones, the goals of all of these and of the plan's strategy with their reported values,
the handleplaner, the district's councils, members, forums and municipalities, the names of
organisations, themes and target groups, the plan's published versions and the state of the
stored statistics (the newest import and what the disclosure rule hides, as
statistics.reading.disclosure.cache_token counts them). Every write through an action bumps a
row's `version` (or adds or removes a row), so any change gives a new key on every app server
at once, with no message between them; the old entry falls out of the cache unread. The date is
in the key as well: who sits in the kredsråd and whether a handleplan is late depend on it.

A published version needs none of this: it is frozen, and its pages read its stored HTML.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from kredsraad.goals.content import goal_changes
from kredsraad.plans.document import frozen_figure_changes, plan_content
from kredsraad.plans.models import CooperationPlan, PlanVersion
from kredsraad.statistics.models import Table

KEPT = 60 * 60  # seconds; bounds memory only, the key decides freshness

# Each line is the digest of one kind of row the document shows. Rows are scoped to the plan,
# or to its district where the document shows the district's (councils, forums), so the
# query's work does not grow with other districts or other years' plans.
CONTENT_TOKEN = """
WITH areas AS (SELECT id FROM plans_focusarea WHERE plan_id = %(plan)s),
     links AS (SELECT focusarea_id, initiative_id FROM initiatives_initiativefocusarea
               WHERE focusarea_id IN (SELECT id FROM areas)),
     initiatives AS (SELECT DISTINCT initiative_id AS id FROM links),
     goals AS (SELECT id, version, updated_at, position FROM goals_goal
               WHERE focus_area_id IN (SELECT id FROM areas)
                  OR initiative_id IN (SELECT id FROM initiatives)
                  OR strategy_id = %(strategy)s)
SELECT
  (SELECT md5(string_agg(concat_ws('|', id, version, updated_at, position, parent_id), ','
                         ORDER BY id)) FROM plans_plansection WHERE plan_id = %(plan)s),
  (SELECT md5(string_agg(concat_ws('|', i.id, i.version, i.updated_at, i.position, i.section_id),
                         ',' ORDER BY i.id))
     FROM images_sectionimage i JOIN plans_plansection s ON s.id = i.section_id
    WHERE s.plan_id = %(plan)s),
  (SELECT md5(string_agg(concat_ws('|', id, version, updated_at, position), ',' ORDER BY id))
     FROM plans_focusarea WHERE plan_id = %(plan)s),
  (SELECT md5(string_agg(concat_ws('|', id, focusarea_id, theme_id), ',' ORDER BY id))
     FROM plans_focusareatheme WHERE focusarea_id IN (SELECT id FROM areas)),
  (SELECT md5(string_agg(concat_ws('|', focusarea_id, initiative_id), ','
                         ORDER BY focusarea_id, initiative_id)) FROM links),
  (SELECT md5(string_agg(concat_ws('|', id, version, updated_at), ',' ORDER BY id))
     FROM initiatives_initiative WHERE id IN (SELECT id FROM initiatives)),
  (SELECT md5(string_agg(concat_ws('|', id, initiative_id, organisation_id), ',' ORDER BY id))
     FROM initiatives_initiativepartner WHERE initiative_id IN (SELECT id FROM initiatives)),
  (SELECT md5(string_agg(concat_ws('|', id, version, updated_at), ',' ORDER BY id))
     FROM initiatives_milestone WHERE initiative_id IN (SELECT id FROM initiatives)),
  (SELECT md5(string_agg(concat_ws('|', id, version, updated_at, position), ',' ORDER BY id))
     FROM goals),
  (SELECT concat_ws('|', count(*), max(id)) FROM goals_reportedvalue
    WHERE goal_id IN (SELECT id FROM goals)),
  (SELECT md5(string_agg(concat_ws('|', id, version, updated_at), ',' ORDER BY id))
     FROM plans_actionplan WHERE plan_id = %(plan)s),
  (SELECT md5(string_agg(concat_ws('|', id, version, updated_at), ',' ORDER BY id))
     FROM councils_council WHERE district_id = %(district)s),
  (SELECT md5(string_agg(concat_ws('|', m.id, m.version, m.updated_at, p.version, p.updated_at),
                         ',' ORDER BY m.id))
     FROM councils_membership m JOIN councils_council c ON c.id = m.council_id
     JOIN councils_person p ON p.id = m.person_id WHERE c.district_id = %(district)s),
  (SELECT md5(string_agg(concat_ws('|', id, version, updated_at), ',' ORDER BY id))
     FROM councils_forum WHERE district_id = %(district)s),
  (SELECT md5(string_agg(concat_ws('|', l.id, l.forum_id, l.municipality_id), ',' ORDER BY l.id))
     FROM councils_forummunicipality l JOIN councils_forum f ON f.id = l.forum_id
    WHERE f.district_id = %(district)s),
  (SELECT md5(string_agg(concat_ws('|', id, version, updated_at), ',' ORDER BY id))
     FROM councils_municipality WHERE district_id = %(district)s),
  (SELECT concat_ws('|', count(*), max(updated_at)) FROM councils_organisation),
  (SELECT concat_ws('|', count(*), max(updated_at)) FROM plans_theme),
  (SELECT concat_ws('|', count(*), max(updated_at)) FROM councils_targetgroup),
  (SELECT concat_ws('|', id, version, updated_at) FROM strategies_strategy
    WHERE id = %(strategy)s),
  (SELECT max(id) FROM plans_planversion WHERE plan_id = %(plan)s),
  (SELECT max(id) FROM statistics_dataset),
  (SELECT concat_ws('|', max(updated_at), string_agg(code, ',' ORDER BY code)
                    FILTER (WHERE small_counts = %(hidden)s)) FROM statistics_table),
  (SELECT md5(string_agg(concat_ws('|', id, code, label, label_en, parent_id), ',' ORDER BY id))
     FROM statistics_offence),
  (SELECT md5(string_agg(concat_ws('|', id, code, name, kind, district_id), ',' ORDER BY id))
     FROM statistics_area)
"""


def content_token(plan: CooperationPlan) -> str:
    """Changes whenever anything the plan's live document shows changes (see the module).
    One query."""
    with connection.cursor() as cursor:
        cursor.execute(
            CONTENT_TOKEN,
            {
                "plan": plan.pk,
                "district": plan.district_id,
                "strategy": plan.strategy_id,
                "hidden": Table.SmallCounts.HIDDEN,
            },
        )
        rows = cursor.fetchone()
    district = plan.district
    parts = (
        rows,
        (plan.version, plan.updated_at, plan.status, plan.strategy_id, plan.approved_on),
        (district.version, district.updated_at),
        settings.KREDSRAAD_STATISTICS_SUPPRESS_BELOW,
        timezone.localdate(),
        get_language(),
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def live_document(plan: CooperationPlan, token: str) -> dict:
    """{"content": the plan's `plan_content`, "html": it rendered as the plan page shows it},
    kept under the plan and `token` (`content_token(plan)`)."""
    key = f"plan-document:{plan.pk}:{token}"
    found = cache.get(key)
    if found is None:
        content = plan_content(plan)
        html = render_to_string("plans/_document.html", {"document": content, "live": True})
        found = {"content": content, "html": html}
        cache.set(key, found, KEPT)
    return found


def changes_since(plan: CooperationPlan, version: PlanVersion, token: str, content: dict):
    """(crime-figure lines, goal lines): what today's data would change in the figures and
    goals frozen in `version`, the plan's latest published version (its id is in `token`).
    Kept as the document is: both sides are fixed by the key."""
    key = f"plan-changes:{plan.pk}:{version.pk}:{token}"
    found = cache.get(key)
    if found is None:
        frozen = PlanVersion.objects.only("content").get(pk=version.pk).content
        found = (frozen_figure_changes(plan, frozen, content), goal_changes(frozen, content))
        cache.set(key, found, KEPT)
    return found
