"""Purge child-level data past its retention date: remove the stored extracts, mark each
request purged, record an audit event for each. Run it daily from cron (docs/childlevel.md);
the DBG's retention page has the same as a button."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from tartan.web.childdata.people import la_name
from tartan.web.childdata.retention import past_retention, purge_expired


class Command(BaseCommand):
    help = "Purge child-level data past its retention date (audited)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=date.fromisoformat, help="Run as of this date")
        parser.add_argument(
            "--dry-run", action="store_true", help="List what is past retention; purge nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or timezone.localdate()
        if options["dry_run"]:
            due = list(past_retention(today))
            for request in due:
                self.stdout.write(self._line(request))
            self.stdout.write(
                f"{len(due)} request(s) past retention on {today:%d %B %Y}; nothing purged."
            )
            return
        purged = purge_expired(today)
        for request in purged:
            self.stdout.write(self._line(request))
        self.stdout.write(f"{len(purged)} request(s) purged on {today:%d %B %Y}.")

    @staticmethod
    def _line(request: Any) -> str:
        return (
            f"{request.reference}\t{la_name(request.la_code)}\t{request.purpose}\t"
            f"kept until {request.retention_until:%d %B %Y}"
        )
