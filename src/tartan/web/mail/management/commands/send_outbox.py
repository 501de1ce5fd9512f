"""Send the messages waiting in the outbox: once (for cron), or in a loop as a worker."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tartan.web.mail.delivery import deliver_due


class Command(BaseCommand):
    help = "Send the outbox's due messages (retrying those the mail server refused)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running as a worker")
        parser.add_argument("--every", type=float, default=30.0, help="seconds between rounds")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            outcome = deliver_due()
            if outcome.sent or outcome.failed or not options["loop"]:
                self.stdout.write(f"{outcome.sent} sent, {outcome.failed} to try again later")
            if not options["loop"]:
                return
            time.sleep(options["every"])
