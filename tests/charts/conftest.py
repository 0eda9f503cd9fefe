"""Fixtures for chart tests: a realistic Statistics object and edge cases of it."""

from __future__ import annotations

import pytest
from chart_fixtures import realistic_statistics

from report_builder.statistics.model import Statistics


@pytest.fixture
def stats() -> Statistics:
    """Return the realistic Statistics of a fictional council."""
    return realistic_statistics()
