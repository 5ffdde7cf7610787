"""Tools for teachers: assignments, run reports, verification by replay, class summaries."""
