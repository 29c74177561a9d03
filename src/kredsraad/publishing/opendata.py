"""Open data: a district's published content as CSV and JSON, and a page describing every field.

The rows come from kredsraad.publishing.public, so a download holds exactly what the public
pages show. CSV is for Danish Excel (`;`, UTF-8 with a BOM, decimal comma, yes/no as "ja"/"nej",
text that looks like a formula gets a quote in front); JSON keeps numbers, true/false and null.
"""

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from kredsraad.initiatives.models import StatusUpdate
from kredsraad.plans.models import PlanVersion
from kredsraad.publishing import public, publicity
from kredsraad.statistics.reading.downloads import FORMULA_START

TEXT, INTEGER, DECIMAL, DATE, DATETIME, BOOLEAN, UUID, URL = (
    _("tekst"),
    _("heltal"),
    _("decimaltal"),
    _("dato (ÅÅÅÅ-MM-DD)"),
    _("tidspunkt (ISO 8601 med tidszone)"),
    _("ja/nej (JSON: true/false)"),
    _("UUID"),
    _("webadresse"),
)


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    meaning: str


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    description: str
    fields: list[Field]
    rows: Callable  # (district, absolute) -> list[dict]


def _plan_rows(district, absolute) -> list[dict]:
    plans = list(public.published_plans(district))
    versions = list(
        PlanVersion.objects.filter(plan__in=plans)
        .select_related("plan")
        .defer("content", "html")
        .annotate(frozen_title=public.FROZEN_TITLE)
        .order_by("-plan__year", "-number")
    )
    current = {p.pk: p.current_number for p in plans}
    public.attach_documents(versions, "plan_version")
    rows = []
    for v in versions:
        files = {d.format: absolute(d.get_absolute_url()) for d in v.public_documents}
        rows.append(
            {
                "plan_uuid": str(v.plan.uuid),
                "aar": v.plan.year,
                "titel": v.frozen_title,
                "version": v.number,
                "aktuel": v.number == current[v.plan_id],
                "offentliggjort": v.published_at.isoformat(),
                "aendringsnote": v.change_note,
                "side": absolute(
                    reverse(
                        "publishing:public_plan_version",
                        args=[district.slug, v.plan.uuid, v.number],
                    )
                ),
                "pdf": files.get("pdf", ""),
                "docx": files.get("docx", ""),
            }
        )
    return rows


def _action_plan_rows(district, absolute) -> list[dict]:
    action_plans = list(
        public.with_published_at(public.published_action_plans(district)).annotate(
            actions=Count("items", distinct=True)
        )
    )
    public.attach_documents(action_plans, "action_plan")
    rows = []
    for a in action_plans:
        files = {d.format: absolute(d.get_absolute_url()) for d in a.public_documents}
        rows.append(
            {
                "uuid": str(a.uuid),
                "aar": a.plan.year,
                "lokalraad": a.council.name,
                "kommune": a.council.municipality.name if a.council.municipality else "",
                "plan_uuid": str(a.plan.uuid),
                "plan_titel": a.plan_title,
                "vedtaget": a.adopted_on.isoformat() if a.adopted_on else None,
                "offentliggjort": a.published_at.isoformat(),
                "handlinger": a.actions,
                "side": absolute(
                    reverse("publishing:public_action_plan", args=[district.slug, a.uuid])
                ),
                "pdf": files.get("pdf", ""),
                "docx": files.get("docx", ""),
            }
        )
    return rows


def _initiative_rows(district, absolute) -> list[dict]:
    lights = dict(StatusUpdate.Light.choices)
    rows = []
    for i in public.public_initiatives(district):
        if i.all_municipalities:
            municipalities = str(_("alle kredsens kommuner"))
        else:
            municipalities = ", ".join(m.name for m in i.municipalities.all())
        rows.append(
            {
                "uuid": str(i.uuid),
                "titel": i.title,
                "beskrivelse": i.description,
                "status": str(i.get_status_display()),
                "tovholder": i.lead_organisation.name,
                "kommuner": municipalities,
                "start": i.starts.isoformat() if i.starts else None,
                "slut": i.ends.isoformat() if i.ends else None,
                "periode": i.latest_period or "",
                "trafiklys": str(lights.get(i.latest_light, "")),
                "fremdrift": i.latest_progress,
                "milepaele_naaet": i.reached,
                "side": absolute(
                    reverse("publishing:public_initiative", args=[district.slug, i.uuid])
                ),
            }
        )
    return rows


def _goal_rows(district, absolute) -> list[dict]:
    """Every goal in the newest version of each published plan, as that version froze it: the
    value with the date of its data, and the progress computed then."""
    versions = (
        public.newest_versions(public.published_plans(district))
        .select_related("plan")
        .only("content", "number", "plan__uuid", "plan__year")
        .order_by("-plan__year")
    )
    rows = []
    for version in versions:
        page = absolute(reverse("publishing:public_plan", args=[district.slug, version.plan.uuid]))
        for area in publicity.plan_focus_areas(version.content):
            owners = [("", area["goals"])]
            owners += [(i["title"], i["goals"]) for i in area["initiatives"]]
            for initiative, goals in owners:
                rows += [_goal_row(goal, version, area, initiative, page) for goal in goals]
    return rows


def _goal_row(goal: dict, version, area: dict, initiative: str, page: str) -> dict:
    return {
        "plan_uuid": str(version.plan.uuid),
        "aar": version.plan.year,
        "version": version.number,
        "indsatsomraade": f"{area['number']} {area['title']}".strip(),
        "indsats": initiative,
        "maal": goal["statement"],
        "retning": goal["direction_label"] or "",
        "indikator": goal["indicator"] or "",
        "enhed": goal["unit_label"] or "",
        "udgangspunkt_periode": goal["baseline_period"] or "",
        "udgangspunkt": _decimal_text(goal["baseline_value"]),
        "maalvaerdi": _decimal_text(goal["target"]),
        "frist": goal["deadline"] or "",
        "seneste_periode": goal["latest_period"] or "",
        "seneste_vaerdi": _decimal_text(goal["latest_value"]),
        "fremdrift": goal["progress_label"] or "",
        "data_dato": goal["data_date"],
        "side": page,
    }


def _decimal_text(value: str | None) -> Decimal | None:
    return None if value in (None, "") else Decimal(value)


def _meeting_rows(district, absolute) -> list[dict]:
    meetings = (
        public.public_meetings(district).select_related("council", "minutes").order_by("-starts_at")
    )
    return [
        {
            "uuid": str(m.uuid),
            "raad": m.council.name,
            "titel": str(m),
            "starter": m.starts_at.isoformat(),
            "slutter": m.ends_at.isoformat(),
            "sted": m.place,
            "adresse": m.address,
            "status": str(m.get_status_display()),
            "aaben_for_offentligheden": m.open_to_public,
            "referat_godkendt": _approved_on(m),
            "side": absolute(reverse("publishing:public_meeting", args=[district.slug, m.uuid])),
        }
        for m in meetings
    ]


def _approved_on(meeting) -> str | None:
    minutes = getattr(meeting, "minutes", None)
    if minutes is None or minutes.status != minutes.Status.APPROVED or not minutes.approved_on:
        return None
    return minutes.approved_on.isoformat()


def _statistics_rows(district, absolute) -> list[dict]:
    data = public.public_statistics(district)
    if not data.get("figures"):
        return []
    rows = []
    for offence in data["offences"]:
        levels = [(row, _("kommune")) for row in offence["municipalities"]]
        levels += [(offence["district"], _("politikreds")), (offence["country"], _("hele landet"))]
        for row, level in levels:
            rows.append(
                {
                    "forbrydelse_kode": offence["code"],
                    "forbrydelse": offence["name"],
                    "omraade_kode": row["area"],
                    "omraade": row["name"],
                    "niveau": str(level),
                    "periode": data["period"],
                    "antal": row["value"],
                    "antal_skjult": row["value_text"] if row["value_hidden"] else "",
                    "sammenligningsperiode": data["baseline"],
                    "antal_foer": row["baseline"],
                    "antal_foer_skjult": row["baseline_text"] if row["baseline_hidden"] else "",
                    "aendring_procent": _decimal(row["change"]),
                    "pr_1000_indbyggere": _decimal(row["rate"]),
                }
            )
    return rows


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


DATASETS = {
    d.name: d
    for d in (
        Dataset(
            "planer",
            _("Samarbejdsplaner"),
            _("Hver offentliggjort version af politikredsens samarbejdsplaner, også rettede."),
            [
                Field("plan_uuid", UUID, _("Planens faste id; ens for alle planens versioner.")),
                Field("aar", INTEGER, _("Det år, planen gælder for.")),
                Field("titel", TEXT, _("Planens titel.")),
                Field("version", INTEGER, _("Versionens nummer, fra 1.")),
                Field("aktuel", BOOLEAN, _("Om versionen er planens gældende (nyeste) version.")),
                Field("offentliggjort", DATETIME, _("Hvornår versionen blev offentliggjort.")),
                Field(
                    "aendringsnote",
                    TEXT,
                    _("Hvad en rettelse ændrede; tom for den første version."),
                ),
                Field("side", URL, _("Versionens side på det offentlige site.")),
                Field("pdf", URL, _("Versionen som PDF; tom, indtil dokumentet er bygget.")),
                Field("docx", URL, _("Versionen som Word (DOCX); tom, indtil den er bygget.")),
            ],
            _plan_rows,
        ),
        Dataset(
            "handleplaner",
            _("Handleplaner"),
            _("Lokalrådenes offentliggjorte handleplaner under en offentliggjort samarbejdsplan."),
            [
                Field("uuid", UUID, _("Handleplanens faste id.")),
                Field("aar", INTEGER, _("Det år, handleplanen gælder for.")),
                Field("lokalraad", TEXT, _("Det lokalråd, der har vedtaget handleplanen.")),
                Field("kommune", TEXT, _("Lokalrådets kommune.")),
                Field("plan_uuid", UUID, _("Den samarbejdsplan, handleplanen udmønter.")),
                Field(
                    "plan_titel",
                    TEXT,
                    _("Samarbejdsplanens titel, som dens gældende version har den."),
                ),
                Field("vedtaget", DATE, _("Hvornår lokalrådet vedtog handleplanen.")),
                Field("offentliggjort", DATETIME, _("Hvornår handleplanen blev offentliggjort.")),
                Field("handlinger", INTEGER, _("Antal handlinger i handleplanen.")),
                Field("side", URL, _("Handleplanens side på det offentlige site.")),
                Field("pdf", URL, _("Handleplanen som PDF; tom, indtil dokumentet er bygget.")),
                Field("docx", URL, _("Handleplanen som Word (DOCX); tom, indtil den er bygget.")),
            ],
            _action_plan_rows,
        ),
        Dataset(
            "indsatser",
            _("Indsatser"),
            _("Indsatserne i de offentliggjorte planer med deres seneste status."),
            [
                Field("uuid", UUID, _("Indsatsens faste id.")),
                Field("titel", TEXT, _("Indsatsens titel.")),
                Field("beskrivelse", TEXT, _("Kort beskrivelse af indsatsen.")),
                Field(
                    "status",
                    TEXT,
                    _("Planlagt, I gang, Afsluttet, Gjort permanent eller Stoppet."),
                ),
                Field("tovholder", TEXT, _("Den organisation, der leder indsatsen.")),
                Field("kommuner", TEXT, _("De kommuner, indsatsen dækker, adskilt af komma.")),
                Field("start", DATE, _("Indsatsens start; tom, hvis den ikke er fastlagt.")),
                Field("slut", DATE, _("Indsatsens slut; tom, hvis den ikke er fastlagt.")),
                Field(
                    "periode",
                    TEXT,
                    _("Kvartalet for den seneste statusopdatering, fx 2024K2; tom uden status."),
                ),
                Field(
                    "trafiklys",
                    TEXT,
                    _("På sporet, Udfordret, Alvorligt udfordret eller Afsluttet."),
                ),
                Field("fremdrift", INTEGER, _("Fremdrift i procent (0-100) ved seneste status.")),
                Field("milepaele_naaet", INTEGER, _("Antal milepæle, der er nået.")),
                Field("side", URL, _("Indsatsens side på det offentlige site.")),
            ],
            _initiative_rows,
        ),
        Dataset(
            "maal",
            _("Mål"),
            _(
                "Målene i den gældende version af hver offentliggjort samarbejdsplan, med tal og "
                "fremdrift, som versionen frøs dem."
            ),
            [
                Field("plan_uuid", UUID, _("Den samarbejdsplan, målet står i.")),
                Field("aar", INTEGER, _("Det år, planen gælder for.")),
                Field("version", INTEGER, _("Den version af planen, tallene er frosset i.")),
                Field("indsatsomraade", TEXT, _("Indsatsområdets nummer og titel.")),
                Field(
                    "indsats", TEXT, _("Indsatsen, målet hører til; tom for et indsatsområdes mål.")
                ),
                Field("maal", TEXT, _("Målet, som planen formulerer det.")),
                Field("retning", TEXT, _("Ned, Op eller Fastholde.")),
                Field("indikator", TEXT, _("Hvad der måles, og hvor tallet kommer fra.")),
                Field("enhed", TEXT, _("Tallenes enhed.")),
                Field("udgangspunkt_periode", TEXT, _("Udgangspunktets periode, fx 2022.")),
                Field("udgangspunkt", DECIMAL, _("Tallet i udgangspunktet; tom uden data.")),
                Field("maalvaerdi", DECIMAL, _("Den værdi, målet sigter mod.")),
                Field("frist", TEXT, _("Fristen: et år (2025) eller et kvartal (2025K4).")),
                Field("seneste_periode", TEXT, _("Perioden for seneste tal; tom uden data.")),
                Field(
                    "seneste_vaerdi",
                    DECIMAL,
                    _("Seneste tal, da versionen blev offentliggjort; tom uden data, aldrig 0."),
                ),
                Field(
                    "fremdrift",
                    TEXT,
                    _("På vej, Ikke på vej, Nået eller Ingen data; beregnet, ikke skønnet."),
                ),
                Field("data_dato", DATE, _("Datoen for de data, tallet bygger på; tom uden data.")),
                Field("side", URL, _("Planens side på det offentlige site.")),
            ],
            _goal_rows,
        ),
        Dataset(
            "moeder",
            _("Møder"),
            _(
                "Møder, der er åbne for offentligheden, og møder med et godkendt referat. "
                "Lukkede punkter indgår aldrig."
            ),
            [
                Field("uuid", UUID, _("Mødets faste id.")),
                Field("raad", TEXT, _("Det råd, der holder mødet.")),
                Field("titel", TEXT, _("Mødets titel.")),
                Field("starter", DATETIME, _("Mødets start.")),
                Field("slutter", DATETIME, _("Mødets slut.")),
                Field("sted", TEXT, _("Hvor mødet holdes.")),
                Field("adresse", TEXT, _("Stedets adresse; kan være tom.")),
                Field(
                    "status",
                    TEXT,
                    _("Planlagt, Dagsorden udsendt, Afholdt, Referat godkendt eller Aflyst."),
                ),
                Field(
                    "aaben_for_offentligheden",
                    BOOLEAN,
                    _("Om offentligheden kan overvære mødet."),
                ),
                Field("referat_godkendt", DATE, _("Hvornår referatet blev godkendt; ellers tom.")),
                Field("side", URL, _("Mødets side på det offentlige site.")),
            ],
            _meeting_rows,
        ),
        Dataset(
            "statistik",
            _("Anmeldte forbrydelser"),
            _(
                "Seneste år til dato mod samme kvartaler året før, pr. kommune, for "
                "politikredsen og for hele landet (Danmarks Statistik, STRAF11). Små tal er "
                "skjult."
            ),
            [
                Field("forbrydelse_kode", TEXT, _("Danmarks Statistiks kode for forbrydelsen.")),
                Field("forbrydelse", TEXT, _("Forbrydelsens navn.")),
                Field("omraade_kode", TEXT, _("Områdets kode hos Danmarks Statistik.")),
                Field("omraade", TEXT, _("Kommunens, politikredsens eller landets navn.")),
                Field("niveau", TEXT, _("kommune, politikreds eller hele landet.")),
                Field("periode", TEXT, _("Kvartalerne, der tælles, fx 2024K1-2024K3.")),
                Field("antal", INTEGER, _("Anmeldte forbrydelser i perioden; tom, når skjult.")),
                Field(
                    "antal_skjult",
                    TEXT,
                    _(
                        "Hvorfor antallet er skjult: »under 5« for et lille tal, »skjult«, når "
                        "det ellers kunne regnes ud af summen; tom, når antallet vises."
                    ),
                ),
                Field("sammenligningsperiode", TEXT, _("Samme kvartaler året før.")),
                Field(
                    "antal_foer", INTEGER, _("Antallet i sammenligningsperioden; tom, når skjult.")
                ),
                Field("antal_foer_skjult", TEXT, _("Som antal_skjult, for antal_foer.")),
                Field(
                    "aendring_procent",
                    DECIMAL,
                    _("Ændring i procent fra sammenligningsperioden; tom, når et tal er skjult."),
                ),
                Field(
                    "pr_1000_indbyggere",
                    DECIMAL,
                    _("Antal pr. 1.000 indbyggere i perioden; tom, når antallet er skjult."),
                ),
            ],
            _statistics_rows,
        ),
    )
}


@require_safe
def page(request, slug):
    district = public.district_of(slug)
    context = {"district": district, "datasets": DATASETS.values()}
    return render(request, "publishing/public/data.html", context)


@require_safe
def download(request, slug, name, fmt):
    dataset = DATASETS.get(name)
    if dataset is None or fmt not in ("csv", "json"):
        raise Http404
    district = public.district_of(slug)
    rows = dataset.rows(district, request.build_absolute_uri)
    if fmt == "csv":
        response = HttpResponse(as_csv(dataset, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            as_json(dataset, district, rows), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{district.slug}-{name}.{fmt}"'
    return response


def as_csv(dataset: Dataset, rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([f.name for f in dataset.fields])
    writer.writerows([_csv_value(row[f.name]) for f in dataset.fields] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def _csv_value(value) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "ja" if value else "nej"
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def as_json(dataset: Dataset, district, rows: list[dict]) -> bytes:
    document = {
        "datasaet": dataset.name,
        "titel": str(dataset.title),
        "politikreds": district.name,
        "felter": [
            {"navn": f.name, "type": str(f.type), "betydning": str(f.meaning)}
            for f in dataset.fields
        ],
        "data": rows,
    }
    return json.dumps(document, ensure_ascii=False, indent=1, default=_json_default).encode()


def _json_default(value):
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(type(value))
