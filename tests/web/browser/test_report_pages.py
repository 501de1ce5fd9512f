"""The report pages a DBG member reads before a meeting, in the browser: the rug with its quarter
picker and previous/next authority, the trends page with its tidy data downloads, and the
meeting pack page. Every page passes axe; the picker really moves to the other quarter.
Screenshots in out/screenshots."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tartan.web.collection import services
from tartan.web.collection.models import CollectionRound
from tests.web.browser.conftest import axe_violations, screenshot, sign_in, with_backup_code
from tests.web.conftest import GROUP, explain_all, submit_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _ok(page, name: str) -> None:
    assert axe_violations(page) == [], name
    screenshot(page, name)


@pytest.fixture
def earlier_round(dbg) -> CollectionRound:
    """2024-25 Q3, released too, so the picker has a second quarter to offer."""
    round_ = services.open_round(dbg, GROUP, "2024-25 Q3", date.today() - timedelta(days=2))
    submit_all(round_, dbg)
    explain_all(round_, dbg)
    services.sign_off(round_, dbg)
    services.release(round_, dbg, {})
    return CollectionRound.objects.get(pk=round_.pk)


def test_the_rug_picker_trends_downloads_and_pack_pages(
    browser, live_server, dbg, earlier_round, released_round
):
    with_backup_code(dbg)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    sign_in(page, dbg)

    page.goto(f"/reports/rounds/{released_round.pk}/rugs/845/")
    assert page.locator("h1").first.inner_text()
    _ok(page, "reports-01-rug-with-picker")
    picker = page.locator("#quarter")
    assert picker.input_value() == str(released_round.pk)
    assert page.locator("#released-quarters a").inner_text() == "2024-25 Q3"
    # The previous and next authority of the group, as links to their rugs.
    assert page.locator("a[rel=prev]").count() + page.locator("a[rel=next]").count() >= 1

    # The picker: choose the other quarter, and the page is that quarter's rug of the same LA.
    picker.select_option(str(earlier_round.pk))
    with page.expect_navigation():
        page.click("button:has-text('Show this quarter')")
    assert page.url.endswith(f"/reports/rounds/{earlier_round.pk}/rugs/845/")
    assert page.locator("#quarter").input_value() == str(earlier_round.pk)
    assert "2024-25 Q3" in page.locator("main").inner_text()
    _ok(page, "reports-02-rug-after-picking-q3")

    # Next authority: the same quarter, another LA.
    nxt = page.locator("a[rel=next]")
    if nxt.count():
        with page.expect_navigation():
            nxt.click()
        assert f"/reports/rounds/{earlier_round.pk}/rugs/" in page.url
        assert not page.url.endswith("/rugs/845/")
        _ok(page, "reports-03-next-authority")

    # The rug's tidy data links download the figures with the marking in each row.
    page.goto(f"/reports/rounds/{released_round.pk}/rugs/845/")
    with page.expect_download() as download:
        page.click("#data-downloads a:has-text('CSV')")
    text = download.value.path().read_text(encoding="utf-8-sig")
    header = text.splitlines()[0].split(",")
    assert "marking" in header
    assert len(text.splitlines()) > 10

    # The trends page: its two tables each with their downloads.
    page.goto("/reports/trends/845/")
    assert page.locator("#indicator-downloads a").count() == 3
    assert page.locator("#figure-downloads a").count() == 3
    _ok(page, "reports-04-trends-with-downloads")
    with page.expect_download() as download:
        page.click("#indicator-downloads a:has-text('Excel')")
    assert download.value.path().read_bytes()[:2] == b"PK"

    # The meeting pack page (the DBG's commentary form and the packs asked for).
    page.goto(f"/reports/rounds/{released_round.pk}/pack/")
    assert "Meeting pack" in page.locator("h1").inner_text()
    _ok(page, "reports-05-meeting-pack")
    context.close()
