from django.urls import path

from tartan.web.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("two-factor/", views.verify, name="two-factor"),
    path("two-factor/set-up/", views.setup, name="two-factor-setup"),
    path("backup-codes/", views.backup_codes, name="backup-codes"),
    path("sign-out/", views.sign_out, name="sign-out"),
]
