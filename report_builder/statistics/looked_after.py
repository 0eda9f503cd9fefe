"""Figures about the children looked after: how many, who started and ceased, and who they are at 31 March."""

from __future__ import annotations

from pydantic import Field, computed_field

from report_builder.statistics.basics import Frozen, derived, difference, figure, percentage


class Breakdown(Frozen):
    """Counts by category. A category not in `counts` is 0, or not available when `partial` says that
    some categories were not given (a council's figures may give only some of them).

    Shares are of the breakdown's total: `whole` when given (the children looked after at 31 March,
    when the categories given do not cover them all), else the sum of the counts; a partial
    breakdown without a whole has no total and no shares.
    """

    counts: dict[str, int] = Field(default_factory=dict)
    whole: int | None = Field(None, description="The total the shares are of, when not the sum of the counts.")
    partial: bool = Field(False, description="Some categories were not given (and there is no whole).")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total(self) -> int | None:
        """Return the breakdown's total, or None when it is not known."""
        if self.whole is not None:
            return self.whole
        if self.partial or not self.counts:
            return None
        return sum(self.counts.values())

    @computed_field  # type: ignore[prop-decorator]
    @property
    def percentages(self) -> dict[str, float | None]:
        """Return each category's share of the total, in percent (in the JSON export beside the counts)."""
        return {key: self.pct(key) for key in self.counts}

    def count(self, key: str) -> int | None:
        """Return the category's count: 0 when absent, None when absent from a partial or empty breakdown."""
        if key in self.counts:
            return self.counts[key]
        return None if self.partial or not self.counts else 0

    def pct(self, key: str) -> float | None:
        """Return the category's share of the total as a percentage (None when either is not known)."""
        return percentage(self.count(key), self.total)

    @property
    def given(self) -> bool:
        """Return whether any category was given."""
        return bool(self.counts)


class ChildrenLookedAfter(Frozen):
    """Children looked after (short breaks excluded) at the start and end of the year."""

    at_start: int | None = figure("count", "Children looked after at the start of the year (the previous 31 March).", None)
    at_end: int | None = figure("count", "Children looked after at 31 March.", None)
    population_0_17: int | None = figure("count", "Resident population aged 0 to 17 (ONS mid-year estimate).", None)

    @derived("count", "Change over the year: at 31 March minus at the start.")
    @property
    def change(self) -> int | None:
        return difference(self.at_end, self.at_start)

    @derived("percent", "Change over the year as a percentage of the number at the start.")
    @property
    def change_pct(self) -> float | None:
        return percentage(self.change, self.at_start)

    @derived("rate", "Children looked after at 31 March per 10,000 children aged 0 to 17.")
    @property
    def rate_per_10k(self) -> float | None:
        if not self.population_0_17 or self.at_end is None:
            return None
        return self.at_end / self.population_0_17 * 10_000


class Started(Frozen):
    """Children who started to be looked after in the year (each child once)."""

    total: int | None = figure("count", "Children who started to be looked after in the year.", None)


class Ceased(Frozen):
    """Children who ceased to be looked after in the year (each child once)."""

    total: int | None = figure("count", "Children who ceased to be looked after in the year.", None)
    by_reason: Breakdown = Field(default_factory=Breakdown, description="Ceased by reason group.")


class Profile(Frozen):
    """Children looked after at 31 March, broken down."""

    age_band: Breakdown = Field(default_factory=Breakdown, description="By age on 31 March.")
    sex: Breakdown = Field(default_factory=Breakdown, description="By sex.")
    ethnicity: Breakdown = Field(default_factory=Breakdown, description="By major ethnic group.")
    ethnicity_detailed: Breakdown = Field(default_factory=Breakdown, description="By ethnic code.")
    legal_status: Breakdown = Field(default_factory=Breakdown, description="By legal status group.")
    placement: Breakdown = Field(default_factory=Breakdown, description="By placement type group.")
    age_band_by_sex: dict[str, Breakdown] = Field(
        default_factory=dict, description="Age band counts for each sex (keyed by sex)."
    )
    uasc: int | None = figure("count", "Unaccompanied asylum-seeking children looked after at 31 March.", None)
    ethnicity_population_pct: dict[str, float] = Field(
        default_factory=dict,
        description="The local child population's share in each major ethnic group, in percent (an input).",
    )
