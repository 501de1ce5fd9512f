from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "tartan.web.rights"
    label = "rights"
    verbose_name = "People's rights over their data"
