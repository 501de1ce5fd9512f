from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tartan.web.accounts"
    label = "accounts"
    verbose_name = "Organisations and people"

    def ready(self) -> None:
        from tartan.web.accounts import (  # noqa: F401  (audit of sign-ins and account changes)
            changes,
            signals,
        )
