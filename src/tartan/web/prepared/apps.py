from django.apps import AppConfig


class PreparedConfig(AppConfig):
    name = "tartan.web.prepared"
    label = "prepared"
    verbose_name = "Files prepared in the background"
    default_auto_field = "django.db.models.BigAutoField"
