"""The report's content: YAML narrative, council profile and covering report, validated."""
