from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tartan.web.audit"
    label = "audit"
    verbose_name = "Audit"
