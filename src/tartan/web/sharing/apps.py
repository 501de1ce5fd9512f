from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "tartan.web.sharing"
    label = "sharing"
    verbose_name = "Sharing under the protocol"
