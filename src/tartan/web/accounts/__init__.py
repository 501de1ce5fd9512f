"""Organisations, people, roles and signing in with two factors."""
