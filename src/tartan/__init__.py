"""tartan: quarterly benchmarking of children's social care under a data sharing protocol."""

__version__ = "0.1.0"
