"""Policies of this area (registered with tartan.web.permissions.policy)."""
