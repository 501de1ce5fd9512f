"""The ``tartan`` command: one command per user task, each a thin call into the library.

The commands live by area (returns, benchmarking, service, database, protocol); importing them registers
them on ``app``.
"""

from tartan.cli import returns, benchmarking, service, database, protocol  # noqa: I001  (the order of --help)
from tartan.cli.common import app

__all__ = ["app", "benchmarking", "database", "protocol", "returns", "service"]
