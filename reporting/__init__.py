"""Targets, counters, dashboards, exports and imports of external completions."""
