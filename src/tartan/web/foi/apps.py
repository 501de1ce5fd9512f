from django.apps import AppConfig


class FoiConfig(AppConfig):
    name = "tartan.web.foi"
    label = "foi"
    verbose_name = "Freedom of information requests"
