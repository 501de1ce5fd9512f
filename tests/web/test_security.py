"""Sign-in protections, session expiry, security headers, the deploy check."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings

from tartan.web.accounts.roles import Role
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_lockout_after_five_failures(make_user, client):
    analyst = make_user(Role.LA_ANALYST, "845")
    for _ in range(5):
        client.post("/accounts/sign-in/", {"username": analyst.username, "password": "wrong"})
    locked = client.post(
        "/accounts/sign-in/", {"username": analyst.username, "password": "a-long-test-password"}
    )
    assert locked.status_code == 429
    assert "Account locked" in locked.content.decode()


def test_sessions_expire_after_30_idle_minutes(make_user, monkeypatch):
    import time as clock

    from django.contrib.sessions.models import Session

    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    client = signed_in(make_user(Role.LA_ANALYST, "845"))
    client.get("/")
    first = Session.objects.get().expire_date
    start = clock.time()
    monkeypatch.setattr("tartan.web.middleware.time.time", lambda: start + 60)
    client.get("/")
    assert Session.objects.get().expire_date == first  # read without a write
    monkeypatch.setattr("tartan.web.middleware.time.time", lambda: start + 6 * 60)
    client.get("/")
    assert Session.objects.get().expire_date > first  # renewed after 5 minutes


def test_two_factor_setup_is_forced_for_roles_that_need_it(make_user, client):
    dbg = make_user(Role.DBG_MEMBER)
    response = client.post(
        "/accounts/sign-in/", {"username": dbg.username, "password": "a-long-test-password"}
    )
    assert response["Location"] == "/accounts/two-factor/set-up/"
    page = client.get("/accounts/two-factor/set-up/").content.decode()
    assert "<svg" in page
    assert "otp-secret" in page
    assert client.get("/rounds/")["Location"] == "/accounts/two-factor/"


def test_setting_up_the_app_gives_backup_codes(make_user, client):
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    dbg = make_user(Role.DBG_MEMBER)
    client.post(
        "/accounts/sign-in/", {"username": dbg.username, "password": "a-long-test-password"}
    )
    client.get("/accounts/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=dbg)
    code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    page = client.post("/accounts/two-factor/set-up/", {"token": f"{code:06d}"}).content.decode()
    assert "backup-codes" in page
    assert client.get("/rounds/").status_code == 200


def test_content_security_policy_has_a_nonce_and_no_unsafe_inline(make_user):
    response = signed_in(make_user(Role.LA_ANALYST, "845")).get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_uploads_are_never_under_static():
    assert settings.FILE_UPLOAD_HANDLERS == [
        "django.core.files.uploadhandler.MemoryFileUploadHandler"
    ]
    static_dirs = [str(d) for d in settings.STATICFILES_DIRS]
    assert all("upload" not in d for d in static_dirs)


def test_deploy_check_is_clean_under_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tartan.web.settings.prod",
        "TARTAN_SECRET_KEY": "k" * 20
        + "-not-a-real-secret-but-long-enough-for-the-check-"
        + "z" * 20,
        "TARTAN_ALLOWED_HOSTS": "tartan.example.org",
        "TARTAN_DATA_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests of this same run
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
