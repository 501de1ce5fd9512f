from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "tartan.web.groups"
    label = "groups"
    verbose_name = "Benchmarking groups and their members"
