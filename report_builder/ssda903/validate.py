"""Validate the SSDA903 tables row by row; leave out of the figures the rows that would corrupt them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from report_builder.errors import Problem
from report_builder.ssda903 import codes
from report_builder.ssda903.checks import (
    FIX,
    TableCheck,
    code_problem,
    date_problem,
    day,
    fixed_problem,
)
from report_builder.ssda903.csvfile import LINE
from report_builder.ssda903.dates import age_on
from report_builder.ssda903.reader import NUMBER, YEAR, LeftOut, Ssda903Data

if TYPE_CHECKING:
    import pandas as pd

HEADER_PROBLEM = "the child's row in header.csv had a problem"
NOT_IN_HEADER = "their child was not in header.csv"


def validate(
    tables: dict[str, pd.DataFrame], years: list[int], warnings: list[Problem]
) -> Ssda903Data:
    """Return the data with every row problem listed and problem rows left out of the figures."""
    start, end = extent(tables, years)
    episodes = tables["episodes"]
    if not years:
        episodes[YEAR] = return_year(episodes, end)
    header = check_header(tables["header"], end)
    children = usable_children(
        header.kept(), int(tables["header"][NUMBER].to_numpy().max(initial=-1)) + 1
    )
    episode_check = check_episodes(episodes, children, end)
    kept_episodes = episode_check.kept()
    review_check, participation = check_reviews(
        tables["reviews"], header.kept(), kept_episodes, children, end
    )
    reviews = review_check.kept()
    reviews["participation_ok"] = participation[~review_check.bad].to_numpy()  # kept() renumbers rows
    checks = (header, episode_check, review_check)
    return Ssda903Data(
        header=tidy(header.kept()),
        episodes=tidy(kept_episodes),
        reviews=tidy(reviews),
        uasc=tidy(tables["uasc"]) if "uasc" in tables else None,
        years=tuple(sorted(set(years))) or (end.year,),
        coverage_start=start,
        extract_end=end,
        problems=tuple(warnings)
        + tuple(p for c in checks for p in c.problems)
        + participation_problems(participation),
        left_out=tuple(left_out(checks, participation)),
    )


def usable_children(header: pd.DataFrame, listed: int):
    """Return a boolean array by NUMBER: True for children whose header row has no problem."""
    import numpy as np

    usable = np.zeros(listed + 1, dtype=bool)
    usable[header[NUMBER].to_numpy()] = True
    return usable


def extent(tables: dict[str, pd.DataFrame], years: list[int]) -> tuple[date, date]:
    """Return the first day the data covers and the extract's end (31 March of its last year).

    For a single extract not named by year, the end is the 31 March on or after the latest episode
    or review date, and the start is 1 April of the year holding the earliest review (reviews before
    it are not in the data).
    """
    import pandas as pd

    if years:
        return date(min(years) - 1, 4, 1), date(max(years), 3, 31)
    episodes = tables["episodes"]
    dates = (episodes["DECOM_date"].max(), episodes["DEC_date"].max(), tables["reviews"]["REVIEW_date"].max())
    latest = max((d for d in dates if not pd.isna(d)), default=pd.NaT)
    end_year = date.today().year if pd.isna(latest) else latest.year + (latest.month >= 4)
    earliest = tables["reviews"]["REVIEW_date"].min()
    if pd.isna(earliest):
        earliest = episodes["DECOM_date"].min()
    start_year = end_year - 1 if pd.isna(earliest) else earliest.year - (earliest.month < 4)
    return date(start_year, 4, 1), date(end_year, 3, 31)


def return_year(episodes: pd.DataFrame, end: date) -> pd.Series:
    """Return, for a single extract, the collection year whose code list applies to each episode.

    That is the last year the episode was open: the year of its end, or the extract's year.
    """
    last = (
        episodes["DEC_date"]
        .fillna(episodes["DECOM_date"])
        .where(episodes["DEC_date"].notna(), None)
    )
    years = last.dt.year + (last.dt.month >= 4).astype("Int64")
    return years.fillna(end.year).clip(upper=end.year).astype(int)


def check_header(header: pd.DataFrame, end: date) -> TableCheck:
    """Return the checks of header.csv: one row per child, known sex and ethnicity, a readable DOB."""
    check = TableCheck("header", header)
    check.flag(
        header["CHILD"] == "",
        HEADER_PROBLEM,
        fixed_problem(
            "column CHILD: no child identifier", f"expected the child's identifier; {FIX}"
        ),
    )
    repeated = header.duplicated(subset=[YEAR, "CHILD"], keep="first") & (header["CHILD"] != "")
    check.flag(
        repeated,
        HEADER_PROBLEM,
        fixed_problem(
            "the child appears more than once in header.csv", f"expected one row per child; {FIX}"
        ),
    )
    check.flag(
        ~header["SEX"].isin(codes.SEX_CODES),
        HEADER_PROBLEM,
        code_problem("SEX", "a sex code", codes.SEX_CODES),
    )
    check.flag(
        ~header["ETHNIC"].isin(codes.ETHNIC_CODE_LIST),
        HEADER_PROBLEM,
        code_problem("ETHNIC", "an ethnicity code", codes.ETHNIC_CODE_LIST),
    )
    check.flag(header["DOB_date"].isna(), HEADER_PROBLEM, date_problem("DOB"))
    future = header["DOB_date"] > _stamp(end)
    check.flag(
        future,
        HEADER_PROBLEM,
        fixed_problem(
            "column DOB: date of birth after the end of the extract",
            f"expected a date of birth on or before {day(end)}; {FIX}",
        ),
    )
    return check


def check_episodes(episodes: pd.DataFrame, children, end: date) -> TableCheck:
    """Return the checks of episodes.csv: dates, codes of the collection year, overlaps, header links."""
    check = TableCheck("episodes", episodes)
    check.flag_repeats([NUMBER, "DECOM_date", YEAR], record_columns(episodes), "episode")
    known = episodes[NUMBER] >= 0
    check.flag(
        ~known,
        NOT_IN_HEADER,
        fixed_problem(
            "the episode's child is not in header.csv",
            f"expected every child with an episode to have a row in header.csv; {FIX}",
        ),
    )
    check.leave_out(known.to_numpy() & ~children[episodes[NUMBER].to_numpy()], HEADER_PROBLEM)
    check_episode_dates(check, end)
    check_episode_codes(check)
    check_overlaps(check)
    return check


def check_episode_dates(check: TableCheck, end: date) -> None:
    """Flag unreadable episode dates, episodes ending before they start or starting after the extract."""
    episodes, reason = check.table, "a date was unreadable or impossible"
    check.flag(episodes["DECOM_date"].isna(), reason, date_problem("DECOM"))
    check.flag(episodes["DEC_date"].isna() & (episodes["DEC"] != ""), reason, date_problem("DEC"))
    backwards = episodes["DEC_date"] < episodes["DECOM_date"]
    check.flag(
        backwards,
        reason,
        lambda row: (
            f"column DEC: the episode ends on {row['DEC']}, before it starts on {row['DECOM']}",
            f"expected DEC on or after DECOM; {FIX}",
        ),
    )
    late = episodes["DECOM_date"] > _stamp(end)
    check.flag(
        late,
        reason,
        lambda row: (
            f"column DECOM: '{row['DECOM']}' is after the end of the extract ({day(end)})",
            f"expected a date on or before {day(end)}; {FIX}",
        ),
    )


def check_episode_codes(check: TableCheck) -> None:
    """Flag legal status, reason and placement codes outside the collection year's code lists."""
    import numpy as np
    import pandas as pd

    episodes, reason = check.table, "a code was not in the year's code list"
    check.flag(
        ~episodes["RNE"].isin(codes.NEW_EPISODE_CODES),
        reason,
        code_problem("RNE", "a reason for new episode code", codes.NEW_EPISODE_CODES),
    )
    check.flag(
        ~episodes["LS"].isin(codes.LEGAL_STATUS_CODES),
        reason,
        code_problem("LS", "a legal status code", codes.LEGAL_STATUS_CODES),
    )
    # each distinct placement code is looked up once, not every row once per year
    place, distinct = pd.factorize(episodes["PLACE"])
    for year in sorted(set(episodes[YEAR])):
        allowed = codes.placement_codes(year)
        wrong = (episodes[YEAR] == year) & ~np.isin(distinct, allowed)[place]
        check.flag(
            wrong,
            reason,
            code_problem("PLACE", "a placement code", allowed, codes.year_label(year)),
        )
    ended = episodes["DEC"] != ""
    check.flag(
        ended & ~episodes["REC"].isin(codes.CEASED_CODES),
        reason,
        code_problem("REC", "a reason episode ceased code", codes.CEASED_CODES),
    )
    check.flag(
        ~ended & (episodes["REC"] != ""),
        reason,
        fixed_problem(
            "column REC: a reason the episode ceased is given but DEC is empty",
            f"expected both DEC and REC, or neither for an open episode; {FIX}",
        ),
    )


def check_overlaps(check: TableCheck) -> None:
    """Flag each episode that starts before the same child's previous episode ends."""
    import pandas as pd

    episodes = check.table[~check.bad].sort_values([NUMBER, "DECOM_date", LINE])
    same_child = episodes[NUMBER].eq(episodes[NUMBER].shift())
    previous_end = episodes["DEC_date"].shift()
    overlap = same_child & (previous_end.isna() | (episodes["DECOM_date"] < previous_end))
    mask = pd.Series(False, index=check.table.index)
    mask[overlap[overlap].index] = True
    previous_line = episodes[LINE].shift()[overlap].astype(int)

    def describe(row: dict) -> tuple[str, str]:
        where = f" (line {previous_line[row['_index']]})"
        return (
            f"column DECOM: the episode starts on {row['DECOM']}, before the child's previous episode{where} ends",
            f"expected each episode to start on or after the previous one ends; {FIX}",
        )

    check.table["_index"] = check.table.index
    check.flag(mask, "they overlapped another episode of the same child", describe)
    del check.table["_index"]


def check_reviews(
    reviews: pd.DataFrame, header: pd.DataFrame, episodes: pd.DataFrame, children, end: date
) -> tuple[TableCheck, pd.Series]:
    """Return the checks of reviews.csv, and which reviews can count towards participation."""
    check = TableCheck("reviews", reviews)
    check.flag_repeats([NUMBER, "REVIEW_date", YEAR], record_columns(reviews), "review")
    known = reviews[NUMBER] >= 0
    check.flag(
        ~known,
        NOT_IN_HEADER,
        fixed_problem(
            "the review's child is not in header.csv",
            f"expected every child with a review to have a row in header.csv; {FIX}",
        ),
    )
    check.leave_out(known.to_numpy() & ~children[reviews[NUMBER].to_numpy()], HEADER_PROBLEM)
    reason = "the review date was unreadable or outside the child's time in care"
    check.flag(reviews["REVIEW_date"].isna(), reason, date_problem("REVIEW"))
    first = lookup(episodes.groupby(NUMBER)["DECOM_date"].min(), reviews)
    check.flag(
        reviews["REVIEW_date"] < first,
        reason,
        lambda row: (
            f"column REVIEW: '{row['REVIEW']}' is before the child's first episode starts",
            f"expected a review date within the child's time in care; {FIX}",
        ),
    )
    check.flag(
        reviews["REVIEW_date"] > _stamp(end),
        reason,
        lambda row: (
            f"column REVIEW: '{row['REVIEW']}' is after the end of the extract ({day(end)})",
            f"expected a date on or before {day(end)}; {FIX}",
        ),
    )
    return check, participation_usable(reviews, header, check)


def participation_usable(
    reviews: pd.DataFrame, header: pd.DataFrame, check: TableCheck
) -> pd.Series:
    """Return which reviews have a PN code that fits the child's age on the review date.

    Problems are added to the check; the left-out counts are kept on the returned Series' attrs.
    """
    valid = reviews["REVIEW_CODE"].isin(codes.REVIEW_CODES)
    part = TableCheck("reviews", reviews)
    part.bad = check.bad.copy()
    part.flag(
        ~valid,
        "their participation code was not a PN code",
        code_problem("REVIEW_CODE", "a participation code", codes.REVIEW_CODES),
    )
    age = age_on(lookup(header.set_index(NUMBER)["DOB_date"], reviews), reviews["REVIEW_date"])
    under_4 = age < 4
    pn0 = reviews["REVIEW_CODE"] == "PN0"
    mismatch = "their participation code did not match the child's age"
    part.flag(
        valid & pn0 & (age >= 4),
        mismatch,
        fixed_problem(
            "column REVIEW_CODE: 'PN0' is for children under 4, but the child was 4 or over on the review date",
            f"expected one of PN1 to PN7; {FIX}",
        ),
    )
    part.flag(
        valid & ~pn0 & under_4,
        mismatch,
        lambda row: (
            f"column REVIEW_CODE: '{row['REVIEW_CODE']}' is for children aged 4 or over, but the child was under 4 on the review date",
            f"expected PN0; {FIX}",
        ),
    )
    usable = pd_series(~part.bad, reviews.index)
    usable.attrs["problems"] = part.problems
    usable.attrs["left_out"] = part.left_out
    return usable


def lookup(by_child: pd.Series, table: pd.DataFrame) -> pd.Series:
    """Return, for each row of the table, the value for its child (NaT where there is none)."""
    import pandas as pd

    return pd.Series(
        by_child.reindex(table[NUMBER]).to_numpy(), index=table.index, dtype="datetime64[s]"
    )


def participation_problems(usable: pd.Series) -> tuple[Problem, ...]:
    """Return the participation-code problems found."""
    return tuple(usable.attrs["problems"])


def left_out(checks: tuple[TableCheck, ...], participation: pd.Series) -> list[LeftOut]:
    """Return what each check left out, then what participation figures left out."""
    found = [LeftOut(c.name, reason, rows) for c in checks for reason, rows in c.left_out.items()]
    counts = participation.attrs["left_out"].items()
    found += [
        LeftOut("reviews", reason, rows, "the participation figures") for reason, rows in counts
    ]
    return found


def record_columns(table: pd.DataFrame) -> list[str]:
    """Return the columns that make a row the record it is: the values read, and the return's year."""
    return [c for c in table.columns if not c.startswith("_") and not c.endswith("_date")] + [YEAR]


def tidy(table: pd.DataFrame) -> pd.DataFrame:
    """Return the table with parsed dates in place of the text ones."""
    for column in [c for c in table.columns if c.endswith("_date")]:
        table[column[: -len("_date")]] = table.pop(column)
    return table


def pd_series(values, index) -> pd.Series:
    """Return a boolean Series on the index."""
    import pandas as pd

    return pd.Series(values, index=index, dtype=bool)


def _stamp(value: date):
    """Return a date as a pandas Timestamp for comparisons."""
    import pandas as pd

    return pd.Timestamp(value)
