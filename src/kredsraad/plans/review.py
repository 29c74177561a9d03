"""The rollover review: which copied paragraphs must be read again before next year's plan is
published ("skal gennemses"), and the marks a plan still carries.

The rule (one function, `findings`): a paragraph is marked when it
  - names a year: a four-digit number 1900-2099 standing alone ("2022", "2022K3", "2021-2023");
  - quotes a percentage: a number followed by "%", "pct." or "procent" ("26 %", "3,5 pct.");
  - quotes a large or exact figure: a number with a thousands separator ("1.250") or with a
    decimal comma ("49,7");
  - quotes a count: a number of two or more digits within three words of a word for something
    counted (anmeldelser, indbrud, sager, borgere, ulykker …: `COUNTED`).
Such sentences are true of the year they were written in; copied into next year's plan they
silently become wrong. Small numbers in prose ("to nye nærstationer", "3 møder") and paragraph
references ("§ 113") are left alone.
"""

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from kredsraad.plans.document import focus_area_prefix, section_numbers
from kredsraad.plans.models import CooperationPlan, FocusArea, PlanSection

# Beginnings of Danish words for things that are counted; a two-digit number near one of them
# is a figure of the year.
COUNTED = (
    "anmeld",
    "indbrud",
    "tyveri",
    "røveri",
    "vold",
    "sager",
    "sagen",
    "forbrydelse",
    "overtrædelse",
    "lovovertrædelse",
    "tilfælde",
    "hændelse",
    "ulykke",
    "uheld",
    "dræbt",
    "tilskadekom",
    "ofre",
    "offer",
    "sigted",
    "sigtelse",
    "anhold",
    "borger",
    "person",
    "unge",
    "elev",
    "kontrol",
    "bøde",
    "klage",
    "henvendelse",
    "kursus",
    "kurser",
    "deltager",
    "gerningsm",
    "betjent",
    "lokalbetjent",
)
NEAR = 3  # words between a number and a counted word

YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?!\d|[.,]\d)")
PERCENT = re.compile(r"(?<![\d.,])\d+(?:,\d+)?\s?(?:%|pct\b\.?|procent\b)", re.IGNORECASE)
THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:[.\u00a0\u202f]\d{3})+(?![\d]|,\d)")
DECIMAL = re.compile(r"(?<![\d.,])\d+,\d+(?![\d])")
NUMBER = re.compile(r"(?<![\d.,§])(?<!§ )\d{2,}(?![\d]|[.,]\d)")
WORD = re.compile(r"[\wæøåÆØÅ]+")
EXCERPT_LENGTH = 240


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    why: str


def findings(text: str) -> list[Finding]:
    """Every year and figure in `text`, in order, as (start, end, Danish reason). The first
    rule to claim a stretch of text wins, so "26 %" is a percentage and not also a count."""
    found: list[Finding] = []

    def claim(start, end, why):
        if not any(start < f.end and f.start < end for f in found):
            found.append(Finding(start, end, why))

    for match in YEAR.finditer(text):
        claim(*match.span(), _("nævner årstallet %(year)s") % {"year": match.group()})
    for match in PERCENT.finditer(text):
        claim(*match.span(), _("angiver en procentdel (%(figure)s)") % {"figure": match.group()})
    for pattern in (THOUSANDS, DECIMAL):
        for match in pattern.finditer(text):
            claim(*match.span(), _("angiver tallet %(figure)s") % {"figure": match.group()})
    words = list(WORD.finditer(text))
    for match in NUMBER.finditer(text):
        index = next(i for i, w in enumerate(words) if w.start() <= match.start() < w.end())
        nearby = words[max(0, index - NEAR) : index] + words[index + 1 : index + 1 + NEAR]
        counted = next((w for w in nearby if w.group().lower().startswith(COUNTED)), None)
        if counted is not None:
            claim(
                *match.span(),
                _("angiver et antal (%(figure)s %(word)s)")
                % {"figure": match.group(), "word": counted.group()},
            )
    return sorted(found, key=lambda f: f.start)


def paragraphs(body: str) -> list[str]:
    """The Markdown body's paragraphs (blocks between blank lines), whitespace collapsed."""
    blocks = re.split(r"\n\s*\n", body or "")
    return [" ".join(block.split()) for block in blocks if block.strip()]


def review_reasons(body: str) -> list[dict]:
    """One entry per paragraph that must be read again: its number (from 1), an excerpt and
    why, in Danish. Empty when nothing in `body` names a year or quotes a figure."""
    reasons = []
    for number, paragraph in enumerate(paragraphs(body), start=1):
        found = findings(paragraph)
        if not found:
            continue
        whys = list(dict.fromkeys(f.why for f in found))
        reasons.append(
            {"paragraph": number, "excerpt": _excerpt(paragraph), "why": "; ".join(whys)}
        )
    return reasons


def _excerpt(paragraph: str) -> str:
    if len(paragraph) <= EXCERPT_LENGTH:
        return paragraph
    return paragraph[: EXCERPT_LENGTH - 1].rsplit(" ", 1)[0] + " …"


def highlighted(excerpt: str) -> list[tuple[str, bool]]:
    """The excerpt as runs of (text, is a year or figure), for <mark> on the review pages."""
    runs, at = [], 0
    for finding in findings(excerpt):
        if finding.start > at:
            runs.append((excerpt[at : finding.start], False))
        runs.append((excerpt[finding.start : finding.end], True))
        at = finding.end
    if at < len(excerpt):
        runs.append((excerpt[at:], False))
    return runs


# A plan's marks -----------------------------------------------------------------------------


@dataclass
class Mark:
    """One section or focus area of a plan that must be read again."""

    record: PlanSection | FocusArea
    number: str
    title: str
    url: str
    reasons: list[dict]

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_focus_area(self) -> bool:
        return isinstance(self.record, FocusArea)


def marks_of(plan: CooperationPlan) -> list[Mark]:
    """The plan's sections and focus areas still marked "skal gennemses", in document order.
    Two queries."""
    sections = list(plan.sections.all())
    numbers = section_numbers(sections)
    marks = [
        Mark(
            section,
            numbers[section.pk],
            section.title,
            reverse("plans:section_edit", args=[section.pk]),
            section.review_reasons,
        )
        for section in sections
        if section.needs_review
    ]
    prefix = focus_area_prefix(sections, numbers)
    for index, area in enumerate(plan.focus_areas.order_by("position"), start=1):
        if area.needs_review:
            marks.append(
                Mark(
                    area,
                    f"{prefix}.{index}",
                    area.title,
                    area.get_absolute_url(),
                    area.review_reasons,
                )
            )
    return sorted(marks, key=lambda mark: _number_key(mark.number))


def _number_key(number: str) -> list:
    """ "05.10" after "05.9": numbered parts compare as numbers."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in number.split(".")]


def unreviewed_message(marks: list[Mark]) -> str:
    return _(
        "Planen har %(count)s afsnit, der skal gennemses, før den kan offentliggøres: %(names)s."
    ) % {"count": len(marks), "names": ", ".join(mark.label for mark in marks)}


def shown(reasons: list[dict]) -> list[dict]:
    """A record's stored reasons for its page: each paragraph's excerpt as highlighted runs."""
    return [{**reason, "runs": highlighted(reason["excerpt"])} for reason in reasons]
