"""Signing in with a council's own account (issue 14.11), through the whole OpenID Connect
redirect flow against a real provider (django-oauth-toolkit, started for the run in its own
process): authorize, the provider's sign-in, the code exchanged for RS256-signed tokens checked
against the provider's JWKS, and the userinfo endpoint."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from django.test import Client

from tartan.web.accounts.oidc import MFA_SESSION_KEY
from tartan.web.accounts.roles import Role
from tartan.web.audit.models import Action, AuditEvent
from tests.web.oidc_provider import fixture
from tests.web.oidc_provider.fixture import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def provider(tmp_path_factory):
    started = fixture.start(tmp_path_factory.mktemp("oidc-provider"))
    yield started
    started.process.terminate()
    started.process.wait(10)


@pytest.fixture
def council(provider, settings):
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    return provider


def council_sign_in(provider, client: Client, username: str, next_path: str = "/rounds/"):
    """What a browser does: start here, sign in at the provider, come back with a code."""
    start = client.get(f"/accounts/council/start/?next={next_path}")
    assert start.status_code == 302
    assert start["Location"].startswith(f"{provider.url}/o/authorize/")
    browser = requests.Session()
    login_page = browser.get(start["Location"], timeout=10)
    assert "Council sign-in" in login_page.text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page.text).group(1)
    nxt = re.search(r'name="next" value="([^"]*)"', login_page.text).group(1)
    signed = browser.post(
        login_page.url,
        data={
            "csrfmiddlewaretoken": token,
            "username": username,
            "password": PASSWORD,
            "next": nxt.replace("&amp;", "&"),
        },
        allow_redirects=False,
        timeout=10,
    )
    assert signed.status_code == 302, signed.text[:500]
    authorized = browser.get(
        urljoin(provider.url, signed.headers["Location"]), allow_redirects=False, timeout=10
    )
    assert authorized.status_code == 302, authorized.text[:500]
    back = urlsplit(authorized.headers["Location"])
    assert back.path == "/accounts/council/callback/"
    assert "code=" in back.query
    return client.get(f"{back.path}?{back.query}")


def test_off_when_not_configured(db):
    client = Client()
    assert client.get("/accounts/council/start/").status_code == 404
    assert client.get("/accounts/council/callback/?code=x&state=y").status_code == 404
    assert (
        "council"
        not in client.get("/accounts/sign-in/").content.decode().lower().split("</form>")[-1]
    )


def test_the_sign_in_page_offers_it_when_configured(council):
    page = Client().get("/accounts/sign-in/").content.decode()
    assert "Sign in with your council account" in page


def test_verified_email_signs_in_the_invited_person(council, make_user):
    analyst = make_user(Role.LA_ANALYST, la_code="846")
    analyst.email = "Verified@council.example"
    analyst.save()
    client = Client()
    landed = council_sign_in(council, client, "verified")
    assert landed.status_code == 302
    assert landed["Location"] == "/accounts/council/continue/"
    assert client.get(landed["Location"])["Location"] == "/rounds/"
    assert client.get("/rounds/").status_code == 200
    assert int(client.session["_auth_user_id"]) == analyst.pk
    event = AuditEvent.objects.get(
        action=Action.SIGN_IN, summary__startswith="signed in with council account"
    )
    assert event.username == analyst.username


def test_an_unknown_address_is_refused_and_nobody_is_made(council, make_user):
    from tartan.web.accounts.models import User

    before = User.objects.count()
    client = Client()
    landed = council_sign_in(council, client, "stranger")
    assert landed["Location"] == "/accounts/council/refused/"
    page = client.get(landed["Location"])
    assert page.status_code == 403
    assert (
        "There is no account here for the email address of your council account"
        in page.content.decode()
    )
    assert User.objects.count() == before
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(
        action=Action.SIGN_IN_FAILED, summary__contains="(unknown) for stranger@council.example"
    ).exists()


def test_an_unverified_address_is_refused_even_for_an_invited_person(council, make_user):
    analyst = make_user(Role.LA_ANALYST, la_code="846")
    analyst.email = "unverified@council.example"
    analyst.save()
    client = Client()
    landed = council_sign_in(council, client, "unverified")
    page = client.get(landed["Location"])
    assert "did not say that your email address is verified" in page.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/rounds/").status_code == 302


def test_a_deactivated_person_is_refused(council, make_user):
    leaver = make_user(Role.LA_ANALYST, la_code="846")
    leaver.email = "leaver@council.example"
    leaver.is_active = False
    leaver.save()
    client = Client()
    landed = council_sign_in(council, client, "leaver")
    assert "has been deactivated" in client.get(landed["Location"]).content.decode()
    assert "_auth_user_id" not in client.session


def test_the_second_factor_is_still_asked_without_an_mfa_assertion(council, make_user):
    key_staff = make_user(Role.LA_KEY_STAFF, la_code="846")
    key_staff.email = "verified@council.example"
    key_staff.save()
    client = Client()
    landed = council_sign_in(council, client, "verified")
    assert client.get(landed["Location"])["Location"] == "/accounts/two-factor/set-up/"
    # Signed in by the council, but no page of the service opens before the second factor.
    assert client.get("/rounds/")["Location"] == "/accounts/two-factor/"
    assert not client.session.get(MFA_SESSION_KEY)


@pytest.mark.parametrize("username", ["with-mfa", "with-acr"])
def test_the_second_factor_is_skipped_when_the_provider_asserts_it(
    council, make_user, settings, username
):
    settings.TARTAN_OIDC_MFA_ACR = ["urn:council:loa:high"]
    key_staff = make_user(Role.LA_KEY_STAFF, la_code="846")
    key_staff.email = f"{username}@council.example"
    key_staff.save()
    client = Client()
    landed = council_sign_in(council, client, username)
    assert client.get(landed["Location"])["Location"] == "/rounds/"
    assert client.get("/rounds/").status_code == 200
    assert AuditEvent.objects.filter(
        summary="signed in with council account (its second factor accepted)"
    ).exists()


def test_an_acr_not_in_the_setting_does_not_count(council, make_user, settings):
    settings.TARTAN_OIDC_MFA_ACR = []
    key_staff = make_user(Role.LA_KEY_STAFF, la_code="846")
    key_staff.email = "with-acr@council.example"
    key_staff.save()
    client = Client()
    landed = council_sign_in(council, client, "with-acr")
    assert client.get(landed["Location"])["Location"] == "/accounts/two-factor/set-up/"


def test_a_person_with_an_app_is_asked_for_its_code(council, make_user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    dbg = make_user(Role.DBG_MEMBER)
    dbg.email = "verified@council.example"
    dbg.save()
    TOTPDevice.objects.create(user=dbg, name="Authenticator app", confirmed=True)
    client = Client()
    landed = council_sign_in(council, client, "verified")
    assert client.get(landed["Location"])["Location"] == "/accounts/two-factor/"
    assert client.session["next"] == "/rounds/"
    assert client.get("/rounds/")["Location"] == "/accounts/two-factor/"
