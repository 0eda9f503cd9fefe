"""The SSDA903 files, their columns and the code lists of each collection year."""

from __future__ import annotations

from report_builder.statistics.categories import ETHNIC_CODES, PN_CODES

REQUIRED_FILES = ("header", "episodes", "reviews")
OPTIONAL_FILES = ("uasc", "missing", "oc2", "oc3", "ad1", "placed_for_adoption")

COLUMNS: dict[str, tuple[str, ...]] = {
    "header": ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
    "episodes": (
        "CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
        "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN",
    ),
    "reviews": ("CHILD", "DOB", "REVIEW", "REVIEW_CODE"),
    "uasc": ("CHILD", "SEX", "DOB", "DUC"),
    "missing": ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"),
    "oc2": (
        "CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
        "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ),
    "oc3": ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
    "ad1": (
        "CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR",
        "LS_ADOPTR",
    ),
    "placed_for_adoption": (
        "CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED",
    ),
}  # fmt: skip
"""Every column of every file, as exported."""

REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "header": ("CHILD", "SEX", "DOB", "ETHNIC"),
    "episodes": ("CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC", "REC"),
    "reviews": ("CHILD", "REVIEW", "REVIEW_CODE"),
    "uasc": ("CHILD",),
}
"""The columns the figures need; a file without one of them cannot be used."""

USED_COLUMNS: dict[str, tuple[str, ...]] = {**REQUIRED_COLUMNS, "uasc": ("CHILD", "DUC")}
"""The columns the checks and figures read; the reader parses only these (the rest are not used)."""

DATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "header": ("DOB",),
    "episodes": ("DECOM", "DEC"),
    "reviews": ("REVIEW",),
    "uasc": ("DUC",),
}

IDENTIFYING_COLUMNS = frozenset({"CHILD", "UPN", "DOB", "MC_DOB", "HOME_POST", "PL_POST", "URN"})
"""Columns whose values must never appear in a message."""

SEX_CODES: dict[str, str] = {"1": "male", "2": "female", "M": "male", "F": "female", "U": "unknown"}
"""Sex codes: 1 and 2 up to 2023-24, M, F and U from 2024-25; both accepted in every year."""

LEGAL_STATUS_CODES = (
    "C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3",
)  # fmt: skip
SHORT_BREAK_CODES = ("V3", "V4")
NEW_EPISODE_CODES = ("S", "L", "P", "T", "B", "U")
STARTED_CODE = "S"
CEASED_CODES = (
    "X1", "E11", "E12", "E2", "E3", "E4A", "E4B", "E41", "E45", "E46", "E47", "E48", "E5", "E6",
    "E7", "E8", "E9", "E13", "E14", "E15", "E16", "E17",
)  # fmt: skip
CHANGE_WITHIN_CARE = "X1"
ETHNIC_CODE_LIST = tuple(ETHNIC_CODES)
REVIEW_CODES = tuple(PN_CODES)

_PLACEMENTS_2023 = (
    "A3", "A4", "A5", "A6", "H5", "K1", "K2", "P1", "P2", "P3", "R1", "R2", "R3", "R5", "S1",
    "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1",
)  # fmt: skip
_PLACEMENTS_2025 = tuple(sorted((*_PLACEMENTS_2023, "K3")))
_PLACEMENTS_2026 = tuple(
    sorted({*_PLACEMENTS_2025, "Z11", "Z12", "Z13", "Z14"} - {"H5", "P2", "Z1"})
)


def placement_codes(year_ending: int) -> tuple[str, ...]:
    """Return the placement (PLACE) codes of a collection year.

    Years before 2022-23 are checked against the 2022-23 list, the oldest the reference gives.
    """
    if year_ending >= 2026:
        return _PLACEMENTS_2026
    if year_ending >= 2025:
        return _PLACEMENTS_2025
    return _PLACEMENTS_2023


def year_label(year_ending: int) -> str:
    """Return a collection year as the DfE writes it: 2025 -> '2024-25'."""
    return f"{year_ending - 1}-{year_ending % 100:02d}"
