"""Quarters of the calendar year, the one unit that reporting, milestones, meetings and crime
figures share: "2023K2" is April to June 2023, as Danmarks Statistik writes it. The arithmetic
lives here only; statistics reads DST's spellings ("2023Q2") into a Quarter in
`statistics.periods`, and initiatives keep quarters as text ("2023K2") in their fields."""

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

# What the database holds: a year of this century and K with the quarter's number.
STORED = re.compile(r"^(20\d\d)K([1-4])$")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1-4

    def __str__(self):
        return f"{self.year}K{self.number}"

    @classmethod
    def of(cls, day: datetime.date) -> "Quarter":
        """The quarter `day` falls in."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        """ "2023K2" as stored; raises ValueError for anything else."""
        match = STORED.match(text)
        if match is None:
            raise ValueError(f"not a quarter: {text!r}")
        return cls(int(match[1]), int(match[2]))

    def shifted(self, quarters: int) -> "Quarter":
        """The quarter `quarters` later (earlier when negative)."""
        index = self.year * 4 + self.number - 1 + quarters
        return Quarter(index // 4, index % 4 + 1)

    def until(self, last: "Quarter") -> int:
        """How many quarters from this one to `last`, both included (0 or less when `last`
        comes first)."""
        return (last.year - self.year) * 4 + last.number - self.number + 1

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> datetime.date:
        return self.shifted(1).first_day - datetime.timedelta(days=1)

    @property
    def label(self) -> str:
        return _("%(number)d. kvartal %(year)d") % {"number": self.number, "year": self.year}
