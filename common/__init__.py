"""Shared tools with no models (layer 1): they import from no app of the project."""
