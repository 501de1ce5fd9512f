"""The append-only audit trail: who did what, to which object, for what purpose, when, from where."""
