"""Settlement at termination: the year's balance shared in proportion to contributions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from tartan.reference.register import shipped_register
from tartan.web.governance.models.memoranda import Memorandum
from tartan.web.governance.models.subscriptions import SubscriptionYear


class Settlement(models.Model):
    memorandum = models.OneToOneField(
        Memorandum, on_delete=models.PROTECT, related_name="settlement"
    )
    year = models.ForeignKey(SubscriptionYear, on_delete=models.PROTECT, related_name="+")
    balance_pence = models.BigIntegerField(help_text="Surplus positive, deficit negative")
    terminated_on = models.DateField()
    due_on = models.DateField()
    note = models.TextField(blank=True)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    computed_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    @property
    def is_surplus(self) -> bool:
        return self.balance_pence >= 0


class SettlementShare(models.Model):
    settlement = models.ForeignKey(Settlement, on_delete=models.PROTECT, related_name="shares")
    la_code = models.CharField(max_length=3)
    contribution_pence = models.PositiveIntegerField()
    share_pence = models.BigIntegerField()
    settled_on = models.DateField(null=True, blank=True)
    settled_reference = models.CharField(max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["la_code"]
        constraints = [
            models.UniqueConstraint(fields=["settlement", "la_code"], name="one_share_each")
        ]

    @property
    def la_name(self) -> str:
        return shipped_register()[self.la_code].name
