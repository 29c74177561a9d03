"""What a change in the history was part of, said in Danish: the page it was made from, named by
what the user did there ("Næste års plan oprettet"), never by its address.

The audit context records the request's path (django-pghistory's middleware) or the command;
a path is resolved to its URL name and looked up here. A page not listed is left unnamed rather
than shown as a path.
"""

from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _

SOURCES = {
    # Plans and handleplaner
    "plans:plan_create": _("Ny plan oprettet"),
    "plans:district_setup": _("Politikredsen sat op"),
    "plans:plan_edit": _("Planens titel eller frist redigeret"),
    "plans:plan_send": _("Planen sendt til drøftelse"),
    "plans:plan_return": _("Planen sendt tilbage til kladde"),
    "plans:plan_approve": _("Kredsrådets godkendelse registreret"),
    "plans:plan_publish": _("Planen offentliggjort"),
    "plans:plan_correct": _("Rettelse af planen påbegyndt"),
    "plans:plan_roll_over": _("Næste års plan oprettet"),
    "plans:section_create": _("Nyt afsnit"),
    "plans:section_edit": _("Afsnit redigeret"),
    "plans:section_move": _("Afsnit flyttet"),
    "plans:section_place": _("Afsnit flyttet"),
    "plans:section_delete": _("Afsnit slettet"),
    "plans:section_confirm": _("Kopieret tekst bekræftet"),
    "plans:focus_area_confirm": _("Kopieret tekst bekræftet"),
    "plans:focus_area_create": _("Nyt indsatsområde"),
    "plans:focus_area_edit": _("Indsatsområde redigeret"),
    "plans:focus_area_move": _("Indsatsområde flyttet"),
    "plans:theme_create": _("Nyt tema"),
    "plans:theme_edit": _("Tema redigeret"),
    "plans:theme_delete": _("Tema slettet"),
    "plans:action_plan_create": _("Ny handleplan"),
    "plans:action_plan_edit": _("Handleplan redigeret"),
    "plans:action_plan_adopt": _("Lokalrådets vedtagelse registreret"),
    "plans:action_plan_publish": _("Handleplanen offentliggjort"),
    "plans:action_plan_reopen": _("Handleplanen genåbnet som kladde"),
    "plans:item_create": _("Ny handling i handleplanen"),
    "plans:item_edit": _("Handling redigeret"),
    "plans:item_delete": _("Handling slettet"),
    "images:upload": _("Billede tilføjet"),
    "images:edit": _("Billede redigeret"),
    "images:move": _("Billede flyttet"),
    "images:remove": _("Billede fjernet"),
    # Strategies and goals
    "strategies:strategy_create": _("Ny strategi"),
    "strategies:strategy_edit": _("Strategien redigeret"),
    "strategies:strategy_approve": _("Kredsrådets godkendelse registreret"),
    "strategies:strategy_publish": _("Strategien offentliggjort"),
    "strategies:strategy_correct": _("Rettelse af strategien påbegyndt"),
    "strategies:goal_create": _("Nyt mål"),
    "strategies:plan_strategy": _("Planens strategi valgt"),
    "goals:goal_edit": _("Mål redigeret"),
    "goals:goal_delete": _("Mål slettet"),
    "goals:goal_report": _("Målt værdi indberettet"),
    "goals:goal_create_for_focus_area": _("Nyt mål"),
    "goals:goal_create_for_initiative": _("Nyt mål"),
    # Initiatives
    "initiatives:initiative_create": _("Ny indsats"),
    "initiatives:import": _("Indsatser importeret"),
    "initiatives:initiative_edit": _("Indsatsen redigeret"),
    "initiatives:initiative_status": _("Indsatsens status ændret"),
    "initiatives:milestone_create": _("Ny milepæl"),
    "initiatives:milestone_edit": _("Milepæl redigeret"),
    "initiatives:milestone_done": _("Milepæl nået"),
    "initiatives:status_update_create": _("Statusopdatering"),
    # Meetings
    "meetings:meeting_create": _("Nyt møde"),
    "meetings:meeting_edit": _("Mødet redigeret"),
    "meetings:send_agenda": _("Dagsordenen sendt"),
    "meetings:mark_held": _("Mødet registreret som afholdt"),
    "meetings:cancel": _("Mødet aflyst"),
    "meetings:item_create": _("Nyt punkt på dagsordenen"),
    "meetings:item_edit": _("Punkt redigeret"),
    "meetings:item_move": _("Punkt flyttet"),
    "meetings:item_delete": _("Punkt slettet"),
    "meetings:guest_add": _("Gæst tilføjet"),
    "meetings:absence": _("Afbud meldt"),
    "meetings:absence_for": _("Afbud meldt"),
    "meetings:absence_withdraw": _("Afbud trukket tilbage"),
    "meetings:absence_withdraw_for": _("Afbud trukket tilbage"),
    "meetings:decision": _("Beslutning registreret"),
    "meetings:paper_upload": _("Bilag tilføjet"),
    "meetings:action_item_create": _("Ny opfølgning"),
    "meetings:action_item_done": _("Opfølgning afsluttet"),
    "meetings:minutes": _("Referatet redigeret"),
    "meetings:minutes_approve": _("Referatet godkendt og låst"),
    "meetings:proposal_accept": _("Forslag til møde godkendt"),
    "meetings:proposal_dismiss": _("Forslag til møde afvist"),
    # Councils, people and settings
    "councils:council_create": _("Nyt råd"),
    "councils:council_edit": _("Rådet redigeret"),
    "councils:district_settings": _("Politikredsens indstillinger ændret"),
    "councils:target_group_create": _("Ny målgruppe"),
    "councils:target_group_edit": _("Målgruppe redigeret"),
    "councils:target_group_delete": _("Målgruppe slettet"),
    "councils:forum_create": _("Nyt forum"),
    "councils:forum_edit": _("Forum redigeret"),
    "councils:organisation_create": _("Ny organisation"),
    "councils:organisation_edit": _("Organisation redigeret"),
    "councils:membership_add": _("Nyt medlemskab"),
    "councils:membership_edit": _("Medlemskab redigeret"),
    "councils:membership_end": _("Medlemskab afsluttet"),
    "councils:person_edit": _("Person redigeret"),
    "accounts:notices": _("Valg af beskeder ændret"),
    "statistics:police_mapping": _("Politiets kategorier rettet"),
    "statistics:police_mapping_remove": _("Politiets kategori fjernet"),
    "publishing:build_start": _("PDF og Word bygget"),
    "publishing:status_report": _("Statusrapport bygget"),
}


def source_of(*, url: str | None = None, command: str | None = None) -> str:
    """What the change was part of, in Danish, or "" when that cannot be said plainly."""
    if command:
        return str(_("Demodata")) if "demo" in command.split() else str(_("Kørsel på serveren"))
    if not url:
        return ""
    path = url.split("?", 1)[0]
    if path.startswith("/admin/"):
        return str(_("Administrationen"))
    if path.startswith("/api/"):
        return str(_("Via API'et"))
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    return str(SOURCES.get(match.view_name, ""))
