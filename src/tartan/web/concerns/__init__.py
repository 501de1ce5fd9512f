"""The protocol for raising worries about an authority's services (2023-24 memorandum, section 4)."""
