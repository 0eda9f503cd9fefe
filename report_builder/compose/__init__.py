"""Compose stage: Report + Statistics + exhibits into Word documents."""
