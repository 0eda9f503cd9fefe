"""A realistic council's child protection figures (the `cp` part of Statistics), as model input."""

from __future__ import annotations

from typing import Any


def cp_figures() -> dict[str, Any]:
    """Return a year of child protection figures with four earlier years, as model input."""
    trend = [
        {"year_ending": year, "at_end": at_end, "population_0_17": 58_000, "icpc_held": on_time + 60,
         "icpc_on_time": on_time, "icpc_late": 60, "icpc_led_to_plan": 280, "rcpc_held": 600, "rcpc_on_time": 560,
         "rcpc_late": 40, "rcpc_overdue": 4, "started": 300, "second_or_subsequent": second}
        for year, at_end, on_time, second in ((2021, 230, 280, 75), (2022, 236, 290, 70), (2023, 229, 300, 72),
                                               (2024, 229, 310, 69))
    ]
    return {
        "icpc": {"on_time": 309, "late": 55, "not_judged": 3, "led_to_plan": 300},
        "plans": {"at_end": 240, "at_start": 229, "population_0_17": 58_400, "started": 302, "started_children": 298,
                  "second_or_subsequent": 84, "ended": 291,
                  "duration": {"counts": {"under_3_months": 48, "months_3_to_6": 41, "months_6_to_12": 128,
                                          "years_1_to_2": 62, "years_2_plus": 12}}},
        "category": {"counts": {"neglect": 119, "physical": 17, "emotional": 88, "sexual": 4, "multiple": 12,
                                "not_recorded": 0}},
        "age_band": {"counts": {"unborn": 5, "under_1": 21, "age_1_to_4": 55, "age_5_to_9": 60, "age_10_to_15": 86,
                                "age_16_plus": 13, "not_known": 0}},
        "sex": {"counts": {"male": 118, "female": 117, "unknown": 5}},
        "rcpc": {"on_time": 576, "late": 44, "not_judged": 0, "overdue": 5, "children_eligible": 187,
                 "children_all_on_time": 164},
        "conferences": {"chaired": 987, "chairs_fte": 6.0},
        "trend": trend,
    }
