"""The categories every breakdown uses: stable keys (usable in placeholders) and plain-English labels."""

from __future__ import annotations

AGE_BANDS: dict[str, str] = {
    "under_1": "Under 1",
    "age_1_to_4": "1 to 4",
    "age_5_to_9": "5 to 9",
    "age_10_to_15": "10 to 15",
    "age_16_plus": "16 and over",
}

SEXES: dict[str, str] = {"male": "Male", "female": "Female", "unknown": "Not known"}

ETHNIC_GROUPS: dict[str, str] = {
    "white": "White",
    "mixed": "Mixed or multiple ethnic groups",
    "asian": "Asian or Asian British",
    "black": "Black, African, Caribbean or Black British",
    "other": "Other ethnic group",
    "not_known": "Refused or not yet obtained",
}

ETHNIC_CODES: dict[str, tuple[str, str]] = {
    "WBRI": ("white", "White British"),
    "WIRI": ("white", "White Irish"),
    "WOTH": ("white", "Any other White background"),
    "WIRT": ("white", "Traveller of Irish heritage"),
    "WROM": ("white", "Gypsy/Roma"),
    "MWBC": ("mixed", "White and Black Caribbean"),
    "MWBA": ("mixed", "White and Black African"),
    "MWAS": ("mixed", "White and Asian"),
    "MOTH": ("mixed", "Any other Mixed background"),
    "AIND": ("asian", "Indian"),
    "APKN": ("asian", "Pakistani"),
    "ABAN": ("asian", "Bangladeshi"),
    "AOTH": ("asian", "Any other Asian background"),
    "BCRB": ("black", "Caribbean"),
    "BAFR": ("black", "African"),
    "BOTH": ("black", "Any other Black background"),
    "CHNE": ("other", "Chinese"),
    "OOTH": ("other", "Any other ethnic group"),
    "REFU": ("not_known", "Refused"),
    "NOBT": ("not_known", "Information not yet obtained"),
}

LEGAL_STATUS_GROUPS: dict[str, str] = {
    "interim_care_orders": "Interim care orders",
    "full_care_orders": "Full care orders",
    "section_20": "Voluntary agreements under section 20",
    "placement_orders": "Placement orders",
    "other": "Other (remand, police protection, emergency orders)",
}

LEGAL_STATUS_CODES: dict[str, str] = {
    "C1": "interim_care_orders",
    "C2": "full_care_orders",
    "V2": "section_20",
    "E1": "placement_orders",
    "D1": "placement_orders",
    "L1": "other",
    "L2": "other",
    "L3": "other",
    "J1": "other",
    "J2": "other",
    "J3": "other",
}

PLACEMENT_GROUPS: dict[str, str] = {
    "foster_relative_friend": "Foster care with relatives or friends",
    "foster_other": "Other foster care",
    "residential": "Children's homes and residential settings",
    "placed_for_adoption": "Placed for adoption",
    "placed_with_parents": "Placed with parents",
    "independent_living": "Independent and semi-independent living",
    "secure_custody": "Secure units and custody",
    "other": "Other placements",
}

PLACEMENT_CODES: dict[str, str] = {
    **dict.fromkeys(("U1", "U2", "U3"), "foster_relative_friend"),
    **dict.fromkeys(("U4", "U5", "U6"), "foster_other"),
    **dict.fromkeys(("K2", "R1", "R2", "R3", "S1"), "residential"),
    **dict.fromkeys(("A3", "A4", "A5", "A6"), "placed_for_adoption"),
    "P1": "placed_with_parents",
    **dict.fromkeys(("P2", "H5", "K3"), "independent_living"),
    **dict.fromkeys(("K1", "R5"), "secure_custody"),
    **dict.fromkeys(("P3", "T0", "T1", "T2", "T3", "T4", "Z1", "Z11", "Z12", "Z13", "Z14"), "other"),
}
"""Placement (PLACE) code of every collection year to its group."""

CEASED_REASON_GROUPS: dict[str, str] = {
    "returned_home": "Returned home to parents or relatives",
    "adopted": "Adopted",
    "special_guardianship": "Special guardianship order",
    "child_arrangements": "Residence or child arrangements order",
    "independent_living": "Moved into independent living",
    "custody": "Sentenced to custody",
    "other_la": "Care taken over by another local authority",
    "adult_services": "Transferred to adult social care",
    "other": "Other reasons",
}

CEASED_REASON_CODES: dict[str, str] = {
    **dict.fromkeys(("E4A", "E4B"), "returned_home"),
    **dict.fromkeys(("E11", "E12"), "adopted"),
    **dict.fromkeys(("E43", "E44", "E45", "E46", "E47", "E48"), "special_guardianship"),
    "E41": "child_arrangements",
    **dict.fromkeys(("E5", "E6"), "independent_living"),
    "E9": "custody",
    "E3": "other_la",
    "E7": "adult_services",
    **dict.fromkeys(("E2", "E8", "E13", "E14", "E15", "E16", "E17"), "other"),
}
"""Reason episode ceased (REC) code, other than X1, to its group, as the DfE's tables group them.

E13 (left care to live with a parent, relative or other person without parental responsibility)
is not "returned home" in the DfE's tables: it is among the other reasons."""

PN_CODES: dict[str, str] = {
    "PN0": "Child aged under 4 at the time of the review",
    "PN1": "Attended and spoke for themselves",
    "PN2": "Attended and an advocate spoke for them",
    "PN3": "Attended and gave their views without words",
    "PN4": "Attended but did not give their views",
    "PN5": "Did not attend but briefed an advocate",
    "PN6": "Did not attend but sent their views another way",
    "PN7": "Did not attend and their views were not given",
}

PARTICIPATED_CODES = ("PN1", "PN2", "PN3", "PN4", "PN5", "PN6")
"""Codes counted as taking part (PN4 attended; DfE counts PN1–PN6 over PN1–PN7)."""
ELIGIBLE_CODES = ("PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7")

REVIEW_SEQUENCES: dict[str, str] = {
    "first": "First review (within 20 working days)",
    "second": "Second review (within 3 months)",
    "subsequent": "Later reviews (every 6 months)",
}

BREAKDOWNS: dict[str, dict[str, str]] = {
    "age_band": AGE_BANDS,
    "sex": SEXES,
    "ethnicity": ETHNIC_GROUPS,
    "legal_status": LEGAL_STATUS_GROUPS,
    "placement": PLACEMENT_GROUPS,
}
"""The breakdowns of children looked after at 31 March, by name."""
