"""Exports outside the group: suppression, concealed designs, the intruder and the gate."""
