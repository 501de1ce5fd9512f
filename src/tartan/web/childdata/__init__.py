"""Requests for child-level data: purpose, fields, recipient, retention, and the DPIA before approval."""
