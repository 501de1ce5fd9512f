"""The governance pages, one module per area; each view declares its policy."""
