from django.apps import AppConfig


class ProtocolConfig(AppConfig):
    name = "tartan.web.protocol"
    label = "protocol"
    verbose_name = "The data sharing protocol in practice"
