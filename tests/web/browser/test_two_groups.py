"""Two groups in the browser: the North East's DBG releases its quarter and the South East's rug
then ranks against it; before that, the North East's quarter appears nowhere in the South East's
pages or the DfE's national view. Every page passes axe; screenshots in out/screenshots."""

from __future__ import annotations

import pytest

from tartan.web.accounts.roles import Role
from tests.web.browser.conftest import axe_violations, screenshot, sign_in, with_backup_code
from tests.web.second_group import OTHER_MEMBERS, other_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _ok(page, name: str) -> None:
    assert axe_violations(page) == [], name
    screenshot(page, name)


def national_line(page) -> str:
    return page.locator(".tartan .sources li", has_text="The national quarter").inner_text()


def test_a_release_in_one_group_reaches_the_others_rugs(
    browser, live_server, make_user, released_round, other_dbg
):
    keystaff = with_backup_code(make_user(Role.LA_KEY_STAFF, "845", username="keystaff-845"))
    dfe = with_backup_code(make_user(Role.DFE_VIEWER, username="dfe-viewer"))
    ne_dbg = with_backup_code(other_dbg)
    theirs = other_round(ne_dbg, released_round.period, release=False)

    def person(user):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}
        )
        opened = context.new_page()
        sign_in(opened, user)
        return opened

    se, ne, national = person(keystaff), person(ne_dbg), person(dfe)
    rug = f"/reports/rounds/{released_round.pk}/rugs/845/"
    se.goto(rug)
    before = national_line(se)
    assert "19 English authorities" in before
    _ok(se, "groups-01-rug-before-the-other-release")
    # The North East's signed-off quarter is not the South East's to see, nor yet the DfE's.
    response = se.goto(f"/reports/rounds/{theirs.pk}/overview/")
    assert response.status == 404
    national.goto("/reports/national/")
    assert "North East" not in national.locator("main").inner_text()
    _ok(national, "groups-02-national-view-before")

    # The North East's DBG releases its quarter through its own pages.
    ne.goto(f"/rounds/{theirs.pk}/release/")
    _ok(ne, "groups-03-release-the-north-east")
    with ne.expect_navigation():
        ne.click(f"button:has-text('Release {theirs.period}')")
    theirs.refresh_from_db()
    assert theirs.is_released

    se.goto(rug)
    after = national_line(se)
    assert f"{19 + len(OTHER_MEMBERS)} English authorities" in after
    _ok(se, "groups-04-rug-after-the-other-release")
    national.goto("/reports/national/")
    text = national.locator("main").inner_text()
    assert "North East Data Benchmarking Group" in text
    assert f"{19 + len(OTHER_MEMBERS)} authorities released by 2 groups" in text
    _ok(national, "groups-05-national-view-after")
