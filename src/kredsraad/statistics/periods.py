"""Quarters and periods as Danmarks Statistik writes them, and the periods a comparison needs.

A period is an unbroken run of quarters: "2022K3" (one quarter), "2022K1-2022K3" (a range, both
ends included, also across years), "2022" (2022K1-2022K4). "2022Q3", as the English StatBank
writes it, is read as 2022K3; a period is always written back with K."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from kredsraad.core.quarters import Quarter

_QUARTER = re.compile(r"^([12]\d{3})\s*[KQ]([1-4])$", re.IGNORECASE)
_YEAR = re.compile(r"^([12]\d{3})$")
# A hyphen, an en dash or an em dash between the ends.
_RANGE = re.compile(r"^(\S+?)\s*[-\u2013\u2014]\s*(\S+)$")
DASH = "\N{EN DASH}"


class PeriodError(ValueError):
    """A period that cannot be read, with a Danish message saying how to write it."""


def _invalid(text: str) -> PeriodError:
    return PeriodError(
        _("Ugyldig periode »%(text)s«. Skriv fx 2022K1-2022K3.") % {"text": text.strip()}
    )


@dataclass(frozen=True)
class Period:
    """The quarters from `first` to `last`, both included."""

    first: Quarter
    last: Quarter

    def __post_init__(self):
        if self.last < self.first:
            raise PeriodError(
                _("Perioden »%(period)s« slutter, før den begynder. Skriv fx 2022K1-2022K3.")
                % {"period": f"{self.first}-{self.last}"}
            )

    def __str__(self):
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"

    def __len__(self):
        return self.first.until(self.last)

    def quarters(self) -> list[Quarter]:
        return [self.first.shifted(n) for n in range(len(self))]

    def codes(self) -> list[str]:
        """The quarters as stored in `Observation.period`: ["2022K1", "2022K2", …]."""
        return [str(quarter) for quarter in self.quarters()]

    def shifted(self, quarters: int) -> "Period":
        return Period(self.first.shifted(quarters), self.last.shifted(quarters))

    @property
    def whole_years(self) -> bool:
        return self.first.number == 1 and self.last.number == 4

    @property
    def label(self) -> str:
        """In words: "3. kvartal 2022", "1.-3. kvartal 2022", "2022", "2021-2022",
        "4. kvartal 2021-2. kvartal 2022"."""
        first, last = self.first, self.last
        if first == last:
            return first.label
        if self.whole_years:
            return str(first.year) if first.year == last.year else f"{first.year}{DASH}{last.year}"
        if first.year == last.year:
            return _("%(first)d.–%(last)d. kvartal %(year)d") % {  # noqa: RUF001
                "first": first.number,
                "last": last.number,
                "year": first.year,
            }
        return f"{first.label}{DASH}{last.label}"


def parse_quarter(text: str) -> Quarter:
    """ "2022K3", "2022Q3", "2022k3" → Quarter(2022, 3). Raises PeriodError."""
    quarter = _QUARTER.match(text.strip())
    if quarter is None:
        raise _invalid(text)
    return Quarter(int(quarter[1]), int(quarter[2]))


def parse_period(text: str) -> Period:
    """A quarter, a year or a range of either ("2022K1-2022K3", "2021K4-2022K2", "2021-2022").
    A year at the start of a range starts with its K1, at the end ends with its K4. Raises
    PeriodError, also for a range that ends before it begins."""
    text = text.strip()
    ends = _RANGE.match(text)
    first, last = (ends[1], ends[2]) if ends else (text, text)
    start, end = _end(first, start=True), _end(last, start=False)
    if start is None or end is None:
        raise _invalid(text)
    return Period(start, end)


def _end(text: str, *, start: bool) -> Quarter | None:
    if year := _YEAR.match(text):
        return Quarter(int(year[1]), 1 if start else 4)
    if quarter := _QUARTER.match(text):
        return Quarter(int(quarter[1]), int(quarter[2]))
    return None


def as_period(value: "Period | Quarter | str") -> Period:
    """A Period from a Period, a Quarter or text (see `parse_period`)."""
    if isinstance(value, Period):
        return value
    if isinstance(value, Quarter):
        return Period(value, value)
    return parse_period(value)


def whole_year(year: int) -> Period:
    """The year's four quarters, K1-K4."""
    return Period(Quarter(year, 1), Quarter(year, 4))


def year_earlier(period: "Period | Quarter | str") -> Period:
    """The same quarters a year earlier: 2022K1-2022K3 → 2021K1-2021K3."""
    return as_period(period).shifted(-4)


def year_to_date(latest: "Quarter | str") -> Period:
    """From the first quarter of `latest`'s year up to `latest`: 2022K3 → 2022K1-2022K3."""
    if not isinstance(latest, Quarter):
        latest = parse_quarter(latest)
    return Period(Quarter(latest.year, 1), latest)
