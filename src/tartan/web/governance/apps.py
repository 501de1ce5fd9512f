from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "tartan.web.governance"
    label = "governance"
    verbose_name = "Programme governance"
