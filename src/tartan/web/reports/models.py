"""What the benchmark tables are built from, as tokens that change whenever it does."""

from __future__ import annotations

from django.db import models


class InputGeneration(models.Model):
    """One input of the benchmark tables (a group's returns, every release, the imported
    national figures, memberships) and a token drawn afresh each time it changes.

    A random token rather than a counter: after a restore from backup a counter would count
    again through values the cache already holds for other data; a fresh token never does.
    """

    name = models.CharField(max_length=80, primary_key=True)
    token = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.name}: {self.token}"
