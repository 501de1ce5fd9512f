"""The ``tartan`` command: one command per user task, each a thin call into the library.

The commands live by area (returns, benchmarking, service, protocol); importing them registers
them on ``app``.
"""

from tartan.cli import returns, benchmarking, service, protocol  # noqa: I001  (the order of --help)
from tartan.cli.common import app

__all__ = ["app", "benchmarking", "protocol", "returns", "service"]
