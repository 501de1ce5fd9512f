"""Record a reminder for every overdue invoice not reminded in the last fortnight, and list
them (run it daily from cron; the overdue invoices page does the same by hand)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from tartan.governance.money import format_pence
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.governance.services.subscriptions import send_reminders


class Command(BaseCommand):
    help = "Record reminders for overdue subscription invoices and list them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=date.fromisoformat, help="Run as of this date")

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or timezone.localdate()
        sent = send_reminders(today)
        for reminder in sent:
            invoice = reminder.invoice
            record(
                None,
                Action.GOVERNANCE,
                obj=invoice,
                la_codes=[invoice.la_code],
                summary=f"reminder: {invoice.number} {reminder.days_overdue} days overdue",
            )
            contact = invoice.subscription.contact_email or "no contact email on file"
            self.stdout.write(
                f"{invoice.number}\t{invoice.subscription.la_name}\t"
                f"{format_pence(invoice.total_pence)}\t{reminder.days_overdue} days overdue\t"
                f"{contact}"
            )
        self.stdout.write(f"{len(sent)} reminders recorded on {today:%d %B %Y}.")
