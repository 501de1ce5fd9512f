"""Pages with figures are never cached, opening a DBG query thread is audited, and every upload
is refused on its declared size, with 413, before its body is read (issue 11.5)."""

from __future__ import annotations

import io

import pytest

from tartan.web.accounts.roles import Role
from tartan.web.audit.models import AuditEvent
from tartan.web.collection import services
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, size: int = -1) -> bytes:
        raise AssertionError("the body was read before the request was refused")

    readline = read


UPLOADS = [
    ("analyst", "/rounds/{open}/submit/"),
    ("dbg", "/sharing/national/"),
    ("dbg", "/child-data/1/dpia/"),
    ("analyst", "/child-data/1/extract/"),
    ("analyst", "/child-data/erasures/"),
    ("programme", "/governance/memoranda/new/"),
]


@pytest.fixture
def people(make_user) -> dict:
    return {
        "analyst": make_user(Role.LA_ANALYST, "845"),
        "dbg": make_user(Role.DBG_MEMBER),
        "programme": make_user(Role.PROGRAMME_STAFF),
    }


@pytest.mark.parametrize(("who", "url"), UPLOADS)
def test_an_oversized_upload_is_refused_before_it_is_read(people, open_round, who, url):
    client = signed_in(people[who])
    events = AuditEvent.objects.count()
    response = client.generic(
        "POST",
        url.format(open=open_round.pk),
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    assert "larger than 5 MB" in response.content.decode()
    assert AuditEvent.objects.count() == events


def test_a_request_just_over_the_limit_is_refused_and_one_within_it_is_read(people, open_round):
    client = signed_in(people["analyst"])
    url = f"/rounds/{open_round.pk}/submit/"
    over = client.generic(
        "POST", url, b"", content_type="text/plain", CONTENT_LENGTH=str(6 * 1024 * 1024 + 1)
    )
    assert over.status_code == 413
    within = client.post(url, {"file": io.BytesIO(b"la_code\n")})
    assert within.status_code in (200, 302)


def test_pages_and_files_with_figures_are_never_stored(make_user, released_round):
    client = signed_in(make_user(Role.DBG_MEMBER))
    base = f"/reports/rounds/{released_round.pk}"
    for url in (
        "/",
        f"{base}/rugs/845/",
        f"{base}/rugs/845.xlsx",
        f"{base}/rugs/845.pdf",
        f"{base}/overview/",
        f"/rounds/{released_round.pk}/",
        f"/rounds/{released_round.pk}/la/845/",
        "/reports/trends/845/",
        "/audit/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def test_opening_a_dbg_query_thread_is_audited(make_user, open_round):
    dbg = make_user(Role.DBG_MEMBER)
    query = services.raise_query(open_round, "845", dbg, "Referrals", "Why so many?")
    analyst = make_user(Role.LA_ANALYST, "845")
    assert signed_in(analyst).get(f"/rounds/queries/{query.pk}/").status_code == 200
    event = AuditEvent.objects.filter(action="view", username=analyst.username).get()
    assert event.la_code_list == ["845"]
    assert f"query thread {query.pk}" in event.summary
