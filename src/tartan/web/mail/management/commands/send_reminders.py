"""Put today's reminders in the outbox (run daily from cron; twice in a day writes nothing twice)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from tartan.web.mail.reminders import send_reminders


class Command(BaseCommand):
    help = "Deadlines near and passed, notice periods closing, signatures, reviews and invoices."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=date.fromisoformat, help="Run as of this date")

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or timezone.localdate()
        with transaction.atomic():
            made = send_reminders(today)
        kinds: dict[str, int] = {}
        for message in made:
            kinds[message.kind] = kinds.get(message.kind, 0) + 1
        listed = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items())) or "none"
        self.stdout.write(f"{len(made)} reminders for {today:%d %B %Y}: {listed}")
