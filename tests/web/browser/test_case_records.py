"""An LA's analyst computes the return from its SSD extracts in the browser: records that
cannot be used first (a table missing), then the whole extract; the computed return with its
findings, submitted as a version. Every page passes axe."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tartan.web.accounts.roles import Position, Role
from tartan.web.collection import services
from tartan.web.collection.models import ReturnVersion, VersionStatus
from tests.web.browser.conftest import axe_violations, screenshot, sign_in
from tests.web.childdata.test_case_records import records, zipped  # noqa: F401 (a fixture)
from tests.web.conftest import GROUP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def accessible(page, name: str) -> None:
    assert axe_violations(page) == [], name
    screenshot(page, name)


def test_an_analyst_computes_and_submits_the_return_from_ssd_extracts(
    page,
    make_user,
    records,  # noqa: F811 (the fixture imported above)
    tmp_path,
):
    dbg = make_user(Role.DBG_MEMBER)
    round_ = services.open_round(dbg, GROUP, "2024-25 Q4", date.today() + timedelta(days=14))
    analyst = make_user(Role.LA_ANALYST, "845", position=Position.OTHER, username="es-analyst")
    incomplete = tmp_path / "ssd-incomplete.zip"
    incomplete.write_bytes(zipped(records.ssd, leave_out="ssd_legal_status.csv"))
    whole = tmp_path / "ssd.zip"
    whole.write_bytes(zipped(records.ssd))

    sign_in(page, analyst)
    page.goto(f"/rounds/{round_.pk}/submit/")
    page.get_by_role("link", name="compute it from your case records").click()
    page.get_by_role("button", name="Upload and compute").click()
    assert page.locator(".govuk-error-summary").is_visible()
    accessible(page, "case-records-01-form-errors")

    page.get_by_label("Standard Safeguarding Dataset extracts").check()
    page.set_input_files("#id_file", str(incomplete))
    page.get_by_role("button", name="Upload and compute").click()
    assert "The records cannot be used" in page.content()
    assert "ssd_legal_status" in page.locator("#findings").inner_text()
    accessible(page, "case-records-02-cannot-be-used")

    page.get_by_role("link", name="Upload other records").click()
    page.get_by_label("Standard Safeguarding Dataset extracts").check()
    page.set_input_files("#id_file", str(whole))
    page.get_by_role("button", name="Upload and compute").click()
    figures = page.locator("#figures").inner_text()
    assert f"{records.figures['cin_end']:,}" in figures
    accessible(page, "case-records-03-computed")

    page.get_by_role("button", name="Submit as a new version of your return").click()
    version = ReturnVersion.objects.get(round=round_, la_code="845")
    assert version.status == VersionStatus.ACCEPTED
    assert page.url.endswith(f"/rounds/{round_.pk}/la/845/")
    accessible(page, "case-records-04-submitted")
