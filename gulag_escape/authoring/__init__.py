"""Tools for scenario authors: lint, graph, scaffold, transcripts, live reload."""
