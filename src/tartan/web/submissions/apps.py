from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    name = "tartan.web.submissions"
    label = "submissions"
    verbose_name = "Forms sent once"
