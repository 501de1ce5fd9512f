"""The printed overview is legible (issue 13.10): at least 8 pt, no name broken mid-word or
printed over its neighbour, the page used; and a draft says so on every page."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tartan.marking import ProtectiveMarking
from tartan.periods import Period
from tartan.reference.groups import shipped_groups
from tartan.rug.draft import Draft
from tartan.rug.html import column_parts, overview_fragment
from tartan.rug.model import build_overview
from tartan.rug.pdf import rugs_pdf
from tests.rug.pdf_words import overlapping, pdf_info, pdf_text, pdf_words

Q4 = Period.parse("2024-25 Q4")
MARKING = ProtectiveMarking(
    produced_for="key staff of member LAs",
    group="South East Data Benchmarking Group",
    synthetic=True,
)


@pytest.fixture(scope="module")
def overview(south_east_table):
    return build_overview(south_east_table, Q4, list(shipped_groups().default.members), MARKING)


@pytest.fixture(scope="module")
def printed(overview) -> bytes:
    return rugs_pdf([], overview)


def test_parts_are_even_and_at_most_seven():
    assert column_parts(19, 7) == [list(range(7)), list(range(7, 14)), list(range(14, 19))]
    assert column_parts(5, 7) == [list(range(5))]
    assert [len(p) for p in column_parts(15, 7)] == [5, 5, 5]


def test_every_word_is_at_least_8_pt_and_none_overlaps(printed):
    words = pdf_words(printed)
    assert min(word.points for word in words) >= 7.9
    assert overlapping(words) == []


def test_every_la_name_is_printed_whole(printed, overview):
    texts = [word.text for word in pdf_words(printed)]
    for name in overview.la_names:
        for part in name.split():
            assert part in texts, name  # a word of a name is never split into two


def test_the_pages_are_used(printed, overview):
    words = pdf_words(printed)
    pages = max(word.page for word in words)
    assert pdf_info(printed)["Pages"] == str(pages)
    assert pages <= 5
    # Every page but the last is filled to at least four fifths of its height (A4 landscape).
    for page in range(1, pages):
        lowest = max(word.y1 for word in words if word.page == page)
        assert lowest > 0.8 * 595, page


def test_the_screen_overview_is_one_table_and_the_printed_one_in_parts(overview):
    assert overview_fragment(overview).count("<table") == 1
    assert overview_fragment(overview, printed=True).count("<table") == 3


def test_a_draft_overview_says_so_on_every_page(overview):
    draft = replace(overview, draft=Draft(False, ("Kent (886)",), 18, 19))
    data = rugs_pdf([], draft)
    text = pdf_text(data)
    assert "DRAFT: not signed off. No return yet from Kent (886)." in text
    assert "among the 18 of 19 LAs with figures" in text
    words = pdf_words(data)
    pages = max(word.page for word in words)
    for page in range(1, pages + 1):
        assert any(w.text == "DRAFT:" and w.page == page for w in words), page
    assert pdf_info(data)["Tagged"] == "yes"
