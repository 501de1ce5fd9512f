"""Before release every collated view says DRAFT and names the LAs with no return (issue 13.10)."""

from __future__ import annotations

from lxml import html as lxml_html

from tartan.reference.register import shipped_register
from tartan.web.collection import services
from tests.web.conftest import MEMBERS, explain_all, signed_in, submit_all


def _notice(page: bytes) -> str:
    found = lxml_html.fromstring(page).xpath("//*[@id='draft-notice']")
    return " ".join(found[0].text_content().split()) if found else ""


def test_an_open_quarter_is_a_draft_naming_the_las_without_a_return(dbg, open_round):
    skipped = MEMBERS[-2:]
    submit_all(open_round, dbg, skip=tuple(skipped))
    client = signed_in(dbg)
    for url in (
        f"/reports/rounds/{open_round.pk}/overview/",
        f"/reports/rounds/{open_round.pk}/rugs/{MEMBERS[0]}/",
    ):
        notice = _notice(client.get(url).content)
        assert notice.startswith("! Warning DRAFT: not signed off."), url
        for code in skipped:
            assert f"{shipped_register()[code].name} ({code})" in notice, url
        present = len(MEMBERS) - len(skipped)
        assert f"among the {present} of {len(MEMBERS)} LAs with figures" in notice, url


def test_a_signed_off_quarter_is_still_a_draft_and_a_released_one_is_not(dbg, open_round):
    submit_all(open_round, dbg)
    explain_all(open_round, dbg)
    services.sign_off(open_round, dbg)
    client = signed_in(dbg)
    url = f"/reports/rounds/{open_round.pk}/overview/"
    notice = _notice(client.get(url).content)
    assert "DRAFT: signed off but not yet released." in notice
    assert "Every LA of the group has a return" in notice
    services.release(open_round, dbg, {})
    assert _notice(client.get(url).content) == ""
