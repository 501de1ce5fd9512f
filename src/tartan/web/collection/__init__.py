"""Collection rounds, immutable return versions, validation findings, checking and release."""
