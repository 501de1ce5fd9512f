import os
import time
from typing import Any

from django.apps import AppConfig
from django.db.models.signals import pre_save

WINDOW_SECONDS = float(os.environ.get("TARTAN_CRASH_WINDOW", "1.0"))


def hold_before_upload_event(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.action == "upload":
        time.sleep(WINDOW_SECONDS)


class CrashWindowConfig(AppConfig):
    name = "crash_window"

    def ready(self) -> None:
        from tartan.web.audit.models import AuditEvent

        pre_save.connect(hold_before_upload_event, sender=AuditEvent)
