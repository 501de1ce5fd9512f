from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "tartan.web.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from tartan.web.reports import generations

        generations.connect()
