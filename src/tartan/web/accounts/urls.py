from django.urls import path

from tartan.web.accounts import oidc, people, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("two-factor/", views.verify, name="two-factor"),
    path("two-factor/set-up/", views.setup, name="two-factor-setup"),
    path("backup-codes/", views.backup_codes, name="backup-codes"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("people/", people.people, name="people"),
    path("people/invite/", people.invite, name="invite"),
    path("people/<int:pk>/active/", people.set_active, name="person-active"),
    path("people/<int:pk>/reinvite/", people.reinvite, name="reinvite"),
    path("invitation/<str:token>/", people.accept, name="accept-invitation"),
    path("password-reset/", people.reset, name="reset"),
    path("password-reset/sent/", people.reset_sent, name="reset-sent"),
    path("password-reset/<uidb64>/<token>/", people.reset_confirm, name="reset-confirm"),
    path("password-reset/done/", people.reset_done, name="reset-done"),
    path("council/start/", oidc.start, name="oidc-start"),
    path("council/callback/", oidc.callback, name="oidc-callback"),
    path("council/continue/", people.oidc_continue, name="oidc-continue"),
    path("council/refused/", people.oidc_refused, name="oidc-refused"),
]
