"""Reading SSDA903 tables: Excel's habits are fine, bad files and values get findings."""

from datetime import date

from tests.childlevel.builders import (
    EPISODE_COLUMNS,
    codes,
    episode_row,
    read_folder,
    write_ssda903,
)


def test_excel_habits_are_read(tmp_path):
    folder = tmp_path / "903"
    folder.mkdir()
    rows = [
        EPISODE_COLUMNS.lower(),  # lower-case column names
        episode_row("A1", "01/04/2024", "S", "C2", "U1"),
        "",
        " A2 , 1/4/2024 ,S,V2,N1,U1,PR1,02/05/2024 00:00,E4A,,,,",  # spaces, a time
        ",,,,,,,,,,,,",  # a blank row
    ]
    text = "\r\n".join(rows) + "\r\n"
    (folder / "Episodes.csv").write_bytes("\ufeff".encode() + text.encode("cp1252"))
    data, log = read_folder(folder)
    assert data is not None
    assert log.findings == []
    episodes = data.table("Episodes")
    assert episodes["CHILD"].to_list() == ["A1", "A2"]
    assert episodes["DECOM"].to_list() == [date(2024, 4, 1), date(2024, 4, 1)]
    assert episodes["DEC"].to_list() == [None, date(2024, 5, 2)]
    assert episodes["row"].to_list() == [2, 4]


def test_several_years_of_episodes_are_read_together_once(tmp_path):
    folder = tmp_path / "903"
    write_ssda903(folder, [episode_row("B1", "01/01/2023", "S", "C2", "U1", "01/06/2023", "X1")])
    (folder / "episodes.csv").rename(folder / "episodes_2023.csv")
    (folder / "Episodes 2023-24.csv").write_text(
        "\n".join(
            [
                EPISODE_COLUMNS,
                episode_row("B1", "01/01/2023", "S", "C2", "U1", "01/06/2023", "X1"),
                episode_row("B1", "01/06/2023", "P", "C2", "U3"),
            ]
        )
    )
    data, log = read_folder(folder)
    assert data is not None
    assert log.findings == []
    assert data.table("Episodes").height == 2


def test_bad_values_get_findings_with_file_row_and_column(tmp_path):
    folder = write_ssda903(
        tmp_path / "903",
        [
            episode_row("C1", "2024-04-01", "S", "C2", "U1"),  # ISO date: wrong format
            episode_row("C2", "01/04/24", "S", "C2", "U1"),  # two-digit year
            episode_row("", "01/04/2024", "S", "C2", "U1"),  # no child
            episode_row("C3", "01/04/2024", "Q", "Z9", "U1", "02/04/2024", "E99"),  # codes
            episode_row("C4", "10/04/2024", "S", "C2", "U1", "01/04/2024", "E4A"),  # backwards
            episode_row("C5", "01/04/2024", "S", "C2", "U1", "05/04/2024", ""),  # no reason
        ],
    )
    data, log = read_folder(folder)
    assert data is not None
    assert sorted(codes(log)) == [
        "C204",
        "C204",
        "C205",
        "C205",
        "C205",
        "C206",
        "C206",
        "C206",
        "C207",
        "C208",
    ]
    iso = next(f for f in log.findings if f.code == "C204")
    assert (iso.file, iso.row, iso.column) == ("episodes.csv", 2, "DECOM")
    assert "2024-04-01" in iso.message
    assert "dd/mm/yyyy" in iso.message
    # Rows without a usable DECOM or CHILD, and the backwards episode, are left out.
    assert sorted(data.table("Episodes")["CHILD"].to_list()) == ["C3", "C5"]


def test_a_folder_without_episodes_blocks(tmp_path):
    folder = tmp_path / "903"
    folder.mkdir()
    (folder / "header.csv").write_text("CHILD,SEX,DOB\nA,1,01/01/2015\n")
    data, log = read_folder(folder)
    assert data is None
    assert codes(log) == ["C201"]
    assert log.blocked
    data, log = read_folder(tmp_path / "missing")
    assert data is None
    assert codes(log) == ["C201"]


def test_a_binary_or_column_less_table_blocks(tmp_path):
    folder = tmp_path / "903"
    folder.mkdir()
    (folder / "episodes.csv").write_bytes(b"PK\x03\x04\x00\x00binary workbook")
    data, log = read_folder(folder)
    assert data is None
    assert codes(log) == ["C202"]
    (folder / "episodes.csv").write_text("CHILD,DECOM,RNE\nA,01/04/2024,S\n")
    data, log = read_folder(folder)
    assert data is None
    assert codes(log) == ["C203"]
    assert "LS" in log.findings[0].message
