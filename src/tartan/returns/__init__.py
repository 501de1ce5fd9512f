"""The quarterly return: blank template, readers for what Excel produces, and validation."""
