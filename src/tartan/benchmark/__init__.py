"""Measures, comparators, ranks, bands, direction of travel and significance → benchmark table."""
