"""The rugs' index page names each LA, not its files."""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html

from tartan.marking import ProtectiveMarking
from tartan.rug.index import write_index


def test_the_index_lists_la_names_and_what_each_file_is(tmp_path: Path):
    files = [
        tmp_path / name
        for name in (
            "tartan_rug_886_2024-25_Q4.pdf",
            "tartan_rug_845_2024-25_Q4.html",
            "tartan_rug_845_2024-25_Q4.pdf",
            "tartan_rugs_2024-25_Q4.xlsx",
            "regional_overview_2024-25_Q4.pdf",
        )
    ]
    marking = ProtectiveMarking(produced_for="key staff", group="South East", synthetic=True)
    index = write_index(tmp_path, files, marking, "Rugs", {"845": "East Sussex", "886": "Kent"})
    links = lxml_html.fromstring(index.read_text()).xpath("//ul/li/a")
    assert [(a.text, a.get("href")) for a in links] == [
        ("Every rug and the overview: Excel workbook", "tartan_rugs_2024-25_Q4.xlsx"),
        ("Regional overview: PDF", "regional_overview_2024-25_Q4.pdf"),
        ("East Sussex (845): rug, PDF", "tartan_rug_845_2024-25_Q4.pdf"),
        ("East Sussex (845): rug, web page", "tartan_rug_845_2024-25_Q4.html"),
        ("Kent (886): rug, PDF", "tartan_rug_886_2024-25_Q4.pdf"),
    ]


def test_the_index_names_each_groups_workbook(tmp_path: Path):
    files = [
        tmp_path / "tartan_rugs_2024-25_Q4_South_East.xlsx",
        tmp_path / "tartan_rugs_2024-25_Q4_North_East.xlsx",
    ]
    marking = ProtectiveMarking(produced_for="benchmark", group="England", synthetic=True)
    index = write_index(tmp_path, files, marking, "Rugs")
    links = lxml_html.fromstring(index.read_text()).xpath("//ul/li/a/text()")
    assert links == [
        "Every rug of North East: Excel workbook",
        "Every rug of South East: Excel workbook",
    ]
