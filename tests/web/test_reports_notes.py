"""Context notes on the web rug: a note shows on the row it was written on (11a or 11b)."""

from __future__ import annotations

from lxml import html as lxml_html

from tartan.web.accounts.roles import Role
from tests.web.conftest import signed_in


def _notes_by_row(page: bytes) -> dict[str, str]:
    tree = lxml_html.fromstring(page)
    notes = {}
    for tr in tree.xpath("//table[contains(@class, 'rug')]/tbody/tr"):
        number = tr.xpath("./td[1]")[0].text_content().strip()
        found = tr.xpath(".//span[@class='note']")
        if found:
            notes[number] = found[0].text_content().removeprefix("LA note: ")
    return notes


def test_a_note_on_11b_shows_on_11b_only(make_user, dbg, released_round):
    client = signed_in(make_user(Role.LA_KEY_STAFF, "845"))
    form = client.get(f"/rounds/{released_round.pk}/la/845/").content.decode()
    assert (
        '<option value="cpp_repeat:percent_2y">11b. Repeat child protection plans: within 2 years</option>'
        in form
    )
    for key, text in (
        ("cpp_repeat:percent_2y", "Within two years: a family moved in."),
        ("cla", "Siblings."),
    ):
        client.post(f"/rounds/{released_round.pk}/la/845/notes/", {"indicator": key, "text": text})
    page = client.get(f"/reports/rounds/{released_round.pk}/rugs/845/")
    assert _notes_by_row(page.content) == {
        "11b": "Within two years: a family moved in.",
        "12": "Siblings.",
    }
    listed = client.get(f"/rounds/{released_round.pk}/la/845/").content.decode()
    assert "11b. Repeat child protection plans: within 2 years" in listed


def test_a_note_on_a_row_the_rug_does_not_have_is_not_saved(make_user, dbg, released_round):
    client = signed_in(make_user(Role.LA_KEY_STAFF, "845"))
    client.post(
        f"/rounds/{released_round.pk}/la/845/notes/", {"indicator": "cpp_repeat:rate", "text": "x"}
    )
    page = client.get(f"/reports/rounds/{released_round.pk}/rugs/845/")
    assert _notes_by_row(page.content) == {}
