from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "tartan.web.evidence"
    label = "evidence"
    verbose_name = "Evidence for Ofsted"
