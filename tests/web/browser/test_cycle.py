"""The quarterly cycle in the browser, as people walk it.

An analyst uploads a return with an error, reads the message, fixes it and resubmits; the DBG
signs the quarter off and releases it; a DfE viewer sees the released rug and not the quarter
that is still open. Every page passes axe; screenshots are kept in out/screenshots.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tartan.web.accounts.roles import Role
from tartan.web.collection import services
from tests.web.browser.conftest import axe_violations, screenshot, sign_in, with_backup_code
from tests.web.conftest import GROUP, MEMBERS, explain_all, return_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _ok(page, name: str) -> None:
    assert axe_violations(page) == [], name
    screenshot(page, name)


def test_the_quarterly_cycle(page, make_user, tmp_path: Path):
    analyst = make_user(Role.LA_ANALYST, "845", username="analyst-845")
    dbg = with_backup_code(make_user(Role.DBG_MEMBER, username="dbg-member"))
    dfe = with_backup_code(make_user(Role.DFE_VIEWER, username="dfe-viewer"))
    earlier = services.open_round(dbg, GROUP, "2024-25 Q3", date.today() - timedelta(days=60))
    for code in MEMBERS:
        services.submit(earlier, code, dbg, f"{code}.csv", return_bytes(code, earlier.period))
    explain_all(earlier, dbg)
    services.sign_off(earlier, dbg)
    services.release(earlier, dbg, {})
    current = services.open_round(dbg, GROUP, "2024-25 Q4", date.today() + timedelta(days=14))
    for code in MEMBERS:
        if code != "845":
            services.submit(current, code, dbg, f"{code}.csv", return_bytes(code, current.period))

    # The analyst: download the blank return, upload one with an error, read it, fix it.
    sign_in(page, analyst)
    page.click("text=Collection rounds")
    _ok(page, "01-rounds-analyst")
    with page.expect_download() as download:
        page.click("text=Blank return (Excel) for 2024-25 Q4")
    assert download.value.suggested_filename == "return_845_2024-25_Q4.xlsx"
    good = return_bytes("845", current.period)
    lines = good.decode().splitlines()
    lines[6] = lines[6].rsplit(",", 2)[0] + ",-3,"
    bad_file = tmp_path / "east_sussex_q4.csv"
    bad_file.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    page.click("text=Submit for 2024-25 Q4")
    _ok(page, "02-submit")
    page.set_input_files("#id_file", str(bad_file))
    page.click("text=Upload and check")
    summary = page.locator(".govuk-error-summary")
    assert "cannot be accepted" in summary.inner_text()
    assert "Row 7, column value" in summary.inner_text()
    assert "negative" in summary.inner_text()
    _ok(page, "03-return-with-error")
    good_file = tmp_path / "east_sussex_q4_fixed.csv"
    good_file.write_bytes(good)
    page.click("text=Upload a new version")
    page.set_input_files("#id_file", str(good_file))
    page.click("text=Upload and check")
    assert "Version 2 is accepted" in page.content()
    for button in page.locator("button:has-text('Save explanation')").all():
        page.locator("textarea[name=text]").first.fill("Seasonal variation in our front door.")
        page.locator("button:has-text('Save explanation')").first.click()
        del button
    _ok(page, "04-return-accepted")
    page.click("text=Sign out")
    page.click("button:has-text('Sign out')")

    # The DfE cannot see the open quarter before release.
    sign_in(page, dfe)
    response = page.goto(f"/reports/rounds/{current.pk}/rugs/845/")
    assert response.status == 404
    page.click("text=Sign out")
    page.click("button:has-text('Sign out')")

    # The DBG: check the dashboard, sign off, release.
    explain_all(current, dbg)
    sign_in(page, dbg)
    page.goto(f"/rounds/{current.pk}/")
    assert page.locator("#dashboard").inner_text().count("Ready") == len(MEMBERS)
    _ok(page, "05-dbg-dashboard")
    page.click("button:has-text('Sign the quarter off')")
    assert "is signed off" in page.content()
    page.click("text=Release the quarter")
    _ok(page, "06-release")
    page.click("button:has-text('Release 2024-25 Q4')")
    assert "is released (release 1)" in page.content()
    page.click("text=Sign out")
    page.click("button:has-text('Sign out')")

    # The DfE sees the released rug.
    sign_in(page, dfe)
    page.goto(f"/reports/rounds/{current.pk}/rugs/845/")
    assert "East Sussex (845): tartan rug, 2024-25 Q4" in page.content()
    assert "INTERNAL AND LIMITED USE" in page.content()
    _ok(page, "07-dfe-rug")
    page.goto(f"/reports/rounds/{current.pk}/overview/")
    _ok(page, "08-dfe-overview")
