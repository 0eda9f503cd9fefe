"""The CIN census engine: read a council's census (XML or CSV), validate it and compute the cp.* figures."""

from report_builder.cin.figures import compute_child_protection
from report_builder.cin.reader import CinCensus, CinReturn, read_cin

__all__ = ["CinCensus", "CinReturn", "compute_child_protection", "read_cin"]
