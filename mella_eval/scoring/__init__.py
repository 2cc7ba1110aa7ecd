"""Scoring: from stored generations to scored tasks and the run result."""
