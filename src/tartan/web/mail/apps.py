from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "tartan.web.mail"
    label = "mail"
    verbose_name = "Messages and the outbox"
