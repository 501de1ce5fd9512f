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


# Every download of a collated view carries the same notice (HTML pages above; files here).


def _pdf_text(data: bytes) -> str:
    import subprocess

    out = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(out.stdout.decode().split())


def _workbook_lines(data: bytes) -> list[str]:
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    return [str(sheet["A4"].value or "") for sheet in book.worksheets]


def _download(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_every_download_of_an_open_quarter_says_draft(dbg, open_round):
    skipped = MEMBERS[-1]
    submit_all(open_round, dbg, skip=(skipped,))
    client = signed_in(dbg)
    name = f"{shipped_register()[skipped].name} ({skipped})"
    base = f"/reports/rounds/{open_round.pk}"
    for url in (f"{base}/overview.pdf", f"{base}/rugs/{MEMBERS[0]}.pdf"):
        text = _pdf_text(_download(client, url))
        assert "DRAFT: not signed off." in text, url
        assert f"No return yet from {name}" in text, url
        assert f"among the {len(MEMBERS) - 1} of {len(MEMBERS)} LAs with figures" in text, url
    lines = _workbook_lines(_download(client, f"{base}/rugs/{MEMBERS[0]}.xlsx"))
    assert lines
    assert all(line.startswith("DRAFT: not signed off.") for line in lines), lines
    assert all(name in line for line in lines)


def test_released_downloads_carry_no_draft_notice(dbg, released_round):
    client = signed_in(dbg)
    base = f"/reports/rounds/{released_round.pk}"
    assert "DRAFT" not in _pdf_text(_download(client, f"{base}/rugs/{MEMBERS[0]}.pdf"))
    assert "DRAFT" not in _pdf_text(_download(client, f"{base}/overview.pdf"))
    lines = _workbook_lines(_download(client, f"{base}/rugs/{MEMBERS[0]}.xlsx"))
    assert not any("DRAFT" in line for line in lines)
