from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "tartan.web.concerns"
    label = "concerns"
    verbose_name = "Raising worries"
