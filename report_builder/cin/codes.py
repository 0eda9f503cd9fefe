"""The CIN census as exported: its modules, the elements the figures use, and the code lists."""

from __future__ import annotations

CHILD = "LAchildID"
EPISODE = "CINdetailsID"
"""Numbers each CINdetails module within a child (the CSV tables carry it; the reader numbers XML)."""
PLAN = "CPPID"
"""Numbers each ChildProtectionPlans module within an episode, likewise."""

MODULES: dict[str, tuple[str, ...]] = {
    "ChildIdentifiers": (
        CHILD,
        "PersonBirthDate",
        "ExpectedPersonBirthDate",
        "GenderCurrent",
        "Sex",
    ),
    "ChildCharacteristics": (CHILD, "Ethnicity"),
    "CINdetails": (CHILD, EPISODE, "CINreferralDate", "DateOfInitialCPC"),
    "Section47": (
        CHILD,
        EPISODE,
        "S47ActualStartDate",
        "InitialCPCtarget",
        "DateOfInitialCPC",
        "ICPCnotRequired",
    ),
    "ChildProtectionPlans": (
        CHILD,
        EPISODE,
        PLAN,
        "CPPstartDate",
        "CPPendDate",
        "InitialCategoryOfAbuse",
        "LatestCategoryOfAbuse",
        "NumberOfPreviousCPP",
    ),
    "Reviews": (CHILD, EPISODE, PLAN, "CPPreviewDate"),
}
"""Each module (a table of the CSV form) with the columns the figures read; others are ignored."""

KEYS: dict[str, tuple[str, ...]] = {
    "ChildIdentifiers": (CHILD,),
    "ChildCharacteristics": (CHILD,),
    "CINdetails": (CHILD, EPISODE),
    "Section47": (CHILD, EPISODE),
    "ChildProtectionPlans": (CHILD, EPISODE, PLAN),
    "Reviews": (CHILD, EPISODE, PLAN),
}
"""The columns that join a module's rows to their child, episode and plan."""

REQUIRED_MODULES = ("ChildIdentifiers", "CINdetails")
"""A census without these has no children; the other modules may be absent (none recorded)."""

IDENTIFYING = frozenset(
    {
        CHILD,
        "UPN",
        "FormerUPN",
        "PersonBirthDate",
        "ExpectedPersonBirthDate",
        "PersonDeathDate",
    }
)
"""Elements that identify a child: never read into a message, a figure or a cache."""

DATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "ChildIdentifiers": ("PersonBirthDate", "ExpectedPersonBirthDate"),
    "CINdetails": ("CINreferralDate", "DateOfInitialCPC"),
    "Section47": ("S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC"),
    "ChildProtectionPlans": ("CPPstartDate", "CPPendDate"),
    "Reviews": ("CPPreviewDate",),
}

CATEGORIES_OF_ABUSE: dict[str, str] = {
    "NEG": "neglect",
    "PHY": "physical",
    "EMO": "emotional",
    "SAB": "sexual",
    "MUL": "multiple",
}
"""Category of abuse codes (InitialCategoryOfAbuse, LatestCategoryOfAbuse) to their figure's key."""

SEX_CODES: dict[str, str] = {"1": "male", "M": "male", "2": "female", "F": "female"}
"""Sex (from 2024-25, M/F/U) and GenderCurrent (to 2023-24, 0/1/2/9): anything else is unknown."""

TRUE_VALUES = frozenset({"true", "1"})
"""How the census writes a true boolean (ICPCnotRequired): `true` or `1`."""
