from django.apps import AppConfig


class ChilddataConfig(AppConfig):
    name = "tartan.web.childdata"
    label = "childdata"
    verbose_name = "Child-level data requests"
