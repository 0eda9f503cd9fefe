"""A realistic Statistics object for chart and table tests, and edge-case variants of it."""

from __future__ import annotations

from typing import Any

from cp_figures import cp_figures

from report_builder.statistics.model import Statistics

ENGLAND_RATE = {2021: 67, 2022: 70, 2023: 71, 2024: 70}
NEIGHBOUR_RATE = {2021: 80, 2022: 82, 2023: 83, 2024: 85, 2025: 84}
LEGAL_SHARES = {
    "statistical_neighbours": {
        "interim_care_orders": 13.0,
        "full_care_orders": 58.0,
        "section_20": 18.0,
        "placement_orders": 9.0,
        "other": 2.0,
    },
    "england": {
        "interim_care_orders": 12.0,
        "full_care_orders": 60.0,
        "section_20": 17.0,
        "placement_orders": 8.0,
        "other": 3.0,
    },
}
PLACEMENT_SHARES = {
    "foster_relative_friend": 19.0,
    "foster_other": 49.0,
    "residential": 17.0,
    "placed_for_adoption": 2.0,
    "placed_with_parents": 6.0,
    "independent_living": 5.0,
    "secure_custody": 1.0,
    "other": 1.0,
}


def figure(measure: str, area: str, year: int, value: float, source: str = "") -> dict[str, Any]:
    """Return one comparator figure as model input."""
    return {"measure": measure, "area": area, "year_ending": year, "value": value, "source": source}


def comparators() -> list[dict[str, Any]]:
    """Return comparator figures: rates by year, and legal status and placement shares."""
    rows = [figure("cla.rate_per_10k", "england", y, v, "DfE") for y, v in ENGLAND_RATE.items()]
    rows += [
        figure("cla.rate_per_10k", "statistical_neighbours", y, v)
        for y, v in NEIGHBOUR_RATE.items()
    ]
    for area, shares in LEGAL_SHARES.items():
        rows += [figure(f"profile.legal_status.{k}_pct", area, 2024, v) for k, v in shares.items()]
    rows += [
        figure(f"profile.placement.{k}_pct", "england", 2024, v)
        for k, v in PLACEMENT_SHARES.items()
    ]
    return rows


def realistic_data() -> dict[str, Any]:
    """Return the figures of a fictional council's 2024/25 report, as model input."""
    male = {
        "under_1": 14,
        "age_1_to_4": 40,
        "age_5_to_9": 60,
        "age_10_to_15": 120,
        "age_16_plus": 70,
    }
    female = {
        "under_1": 12,
        "age_1_to_4": 38,
        "age_5_to_9": 55,
        "age_10_to_15": 95,
        "age_16_plus": 45,
    }
    unknown = {"age_16_plus": 2}
    bands = {k: male.get(k, 0) + female.get(k, 0) + unknown.get(k, 0) for k in male}
    return {
        "council": "Northbridge",
        "period": {"year_ending": 2025},
        "source": "ssda903",
        "cp": cp_figures(),
        "cla": {"at_start": 530, "at_end": 551, "population_0_17": 70_600},
        "started": {"total": 236},
        "ceased": {
            "total": 215,
            "by_reason": {
                "counts": {
                    "returned_home": 80,
                    "adopted": 25,
                    "special_guardianship": 40,
                    "child_arrangements": 8,
                    "independent_living": 45,
                    "custody": 2,
                    "other_la": 0,
                    "adult_services": 3,
                    "other": 12,
                }
            },
        },
        "profile": {
            "age_band": {"counts": bands},
            "sex": {"counts": {"male": 304, "female": 245, "unknown": 2}},
            "age_band_by_sex": {
                "male": {"counts": male},
                "female": {"counts": female},
                "unknown": {"counts": unknown},
            },
            "ethnicity": {
                "counts": {
                    "white": 430,
                    "mixed": 55,
                    "asian": 20,
                    "black": 30,
                    "other": 12,
                    "not_known": 4,
                }
            },
            "ethnicity_population_pct": {
                "white": 78.0,
                "mixed": 6.5,
                "asian": 8.0,
                "black": 4.5,
                "other": 2.5,
                "not_known": 0.5,
            },
            "ethnicity_detailed": {
                "counts": {
                    "WBRI": 400,
                    "WOTH": 30,
                    "MWBC": 30,
                    "MOTH": 25,
                    "APKN": 12,
                    "AOTH": 8,
                    "BAFR": 20,
                    "BCRB": 10,
                    "OOTH": 12,
                    "NOBT": 4,
                }
            },
            "legal_status": {
                "counts": {
                    "interim_care_orders": 80,
                    "full_care_orders": 330,
                    "section_20": 95,
                    "placement_orders": 42,
                    "other": 4,
                }
            },
            "placement": {
                "counts": {
                    "foster_relative_friend": 75,
                    "foster_other": 300,
                    "residential": 70,
                    "placed_for_adoption": 12,
                    "placed_with_parents": 30,
                    "independent_living": 55,
                    "secure_custody": 3,
                    "other": 6,
                }
            },
            "uasc": 38,
        },
        "reviews": {
            "held": 1469,
            "on_time": 1363,
            "first": {"held": 190, "on_time": 170},
            "second": {"held": 160, "on_time": 150},
            "subsequent": {"held": 1119, "on_time": 1043},
        },
        "participation": {
            "codes": {
                "PN0": 180,
                "PN1": 700,
                "PN2": 60,
                "PN3": 40,
                "PN4": 30,
                "PN5": 120,
                "PN6": 250,
                "PN7": 89,
            }
        },
        "disputes": {
            "informal": {
                "Care planning": 60,
                "Drift and delay": 45,
                "Contact arrangements": 20,
                "Placement suitability": 15,
                "Health or education": 13,
            },
            "formal": {
                "Care planning": 20,
                "Drift and delay": 15,
                "Contact arrangements": 3,
                "Placement suitability": 12,
                "Health or education": 5,
            },
        },
        "iro": {
            "fte": 8.6,
            "establishment_fte": 9.0,
            "agency_fte": 1.0,
            "headcount": 10,
            "children_allocated": 551,
        },
        "trend": [
            {
                "year_ending": y,
                "cla_at_end": n,
                "population_0_17": 70_000,
                "started": s,
                "ceased": c,
                "reviews_held": h,
                "reviews_on_time": t,
            }
            for y, n, s, c, h, t in [
                (2021, 496, 210, 190, 1350, 1215),
                (2022, 512, 220, 204, 1402, 1290),
                (2023, 520, 214, 206, 1420, 1335),
                (2024, 530, 225, 215, 1450, 1348),
            ]
        ],
        "comparators": comparators(),
    }


def realistic_statistics(**changes: Any) -> Statistics:
    """Return the realistic Statistics, with top-level fields replaced by changes."""
    return Statistics.model_validate({**realistic_data(), **changes})


LONG_REASON = (
    "Care plan not progressed within the timescales agreed at the previous review, "
    "with drift in permanence planning for the child"
)


def one_year() -> Statistics:
    """Return figures for the reporting year only, with this year's comparators."""
    extra = [figure("cla.rate_per_10k", "england", 2025, 70, "DfE")]
    return realistic_statistics(trend=[], comparators=comparators() + extra)


def zeros() -> Statistics:
    """Return figures where many counts are 0 (and nothing is small)."""
    data = realistic_data()
    data["profile"]["legal_status"] = {"counts": {"full_care_orders": 551}}
    data["profile"]["placement"] = {"counts": {"foster_other": 500, "residential": 51}}
    data["ceased"] = {"total": 0}
    data["started"] = {"total": 0}
    data["disputes"] = {
        "informal": {"Care planning": 0, "Drift and delay": 12},
        "formal": {"Care planning": 0},
    }
    data["reviews"] = {
        "held": 1469,
        "on_time": 1469,
        "first": {"held": 190, "on_time": 190},
        "second": {"held": 160, "on_time": 160},
        "subsequent": {"held": 1119, "on_time": 1119},
    }
    return Statistics.model_validate(data)


def all_suppressed() -> Statistics:
    """Return a tiny council's figures where every count in every breakdown is from 1 to 5."""
    data = realistic_data()
    data["cla"] = {"at_start": 10, "at_end": 12, "population_0_17": 2_000}
    data["profile"] = {
        "legal_status": {
            "counts": {"interim_care_orders": 3, "full_care_orders": 5, "section_20": 4}
        },
        "placement": {"counts": {"foster_other": 5, "residential": 3, "placed_with_parents": 4}},
        "ethnicity": {"counts": {"white": 5, "mixed": 4, "black": 3}},
        "ethnicity_detailed": {"counts": {"WBRI": 5, "MWBC": 4, "BAFR": 3}},
        "age_band_by_sex": {
            "male": {"counts": {"age_5_to_9": 3, "age_10_to_15": 4}},
            "female": {"counts": {"age_1_to_4": 2, "age_16_plus": 3}},
        },
    }
    data["ceased"] = {"total": 5, "by_reason": {"counts": {"returned_home": 3, "adopted": 2}}}
    data["reviews"] = {
        "held": 9,
        "on_time": 6,
        "first": {"held": 4, "on_time": 2},
        "second": {"held": 2, "on_time": 1},
        "subsequent": {"held": 3, "on_time": 3},
    }
    data["participation"] = {"codes": {"PN0": 0, "PN1": 4, "PN2": 0, "PN3": 0, "PN4": 0, "PN5": 3, "PN6": 0, "PN7": 2}}
    data["disputes"] = {
        "informal": {"Care planning": 3, "Delay": 2},
        "formal": {"Care planning": 1},
    }
    data["comparators"] = []
    return Statistics.model_validate(data)


def long_labels() -> Statistics:
    """Return figures whose dispute reasons are very long."""
    data = realistic_data()
    data["disputes"] = {
        "informal": {LONG_REASON: 40, LONG_REASON + " (second)": 25, "Contact": 12},
        "formal": {LONG_REASON: 9, LONG_REASON + " (second)": 7, "Contact": 6},
    }
    return Statistics.model_validate(data)


def twenty_ethnic_groups() -> Statistics:
    """Return figures with a child in care in each of the 20 ethnic codes."""
    from report_builder.statistics.categories import ETHNIC_CODES

    data = realistic_data()
    counts = {code: 10 + 7 * i for i, code in enumerate(ETHNIC_CODES)}
    data["profile"]["ethnicity_detailed"] = {"counts": counts}
    return Statistics.model_validate(data)


def nothing_optional() -> Statistics:
    """Return figures without disputes, IRO staffing, breakdowns or participation."""
    data = realistic_data()
    for key in ("disputes", "iro", "participation", "profile", "comparators"):
        data.pop(key)
    data["cla"] = {"at_start": 530, "at_end": 551}
    data["trend"] = []
    return Statistics.model_validate(data)


EDGE_CASES = {
    "realistic": realistic_statistics,
    "one year": one_year,
    "zeros": zeros,
    "all suppressed": all_suppressed,
    "long labels": long_labels,
    "20 ethnic groups": twenty_ethnic_groups,
}
