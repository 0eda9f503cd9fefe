"""The SSDA903 engine: read a council's 903 returns, validate them and compute every figure."""

from report_builder.ssda903.figures import compute_statistics
from report_builder.ssda903.reader import LeftOut, Ssda903Data, read_ssda903

__all__ = ["LeftOut", "Ssda903Data", "compute_statistics", "read_ssda903"]
