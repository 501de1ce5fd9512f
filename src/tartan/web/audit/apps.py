from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tartan.web.audit"
    label = "audit"
    verbose_name = "Audit"

    def ready(self) -> None:
        from tartan.web.audit import checks  # noqa: F401  (registers the deployment check)
