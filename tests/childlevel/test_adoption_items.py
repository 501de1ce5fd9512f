"""A1, A2 and A3 on hand-computed cases. Quarter: 2024-25 Q1 (April-June 2024)."""

from tartan.childlevel.adoption_items import adoption_items
from tartan.childlevel.cla_items import marked_episodes
from tartan.childlevel.findings import FindingLog
from tartan.periods import Period
from tests.childlevel.builders import episode_row, read_folder, write_ssda903

Q1 = Period.parse("2024-25 Q1")

EPISODES = [
    # D1 entered 10 Jan 2023, placement order 1 Jun 2023, placed for adoption 1 Sep 2023,
    # adopted 15 May 2024; matched 1 Aug 2023. A1 234 days (under 14 months); A2 61 days.
    episode_row("D1", "10/01/2023", "S", "C2", "U1", "01/06/2023", "X1"),
    episode_row("D1", "01/06/2023", "L", "E1", "U1", "01/09/2023", "X1"),
    episode_row("D1", "01/09/2023", "P", "E1", "A6", "15/05/2024", "E11"),
    # D2 matched (1 Feb 2023) before the placement order (15 Mar 2023): A2 is 0. Entered
    # 1 Mar 2022, moved in 1 May 2023: exactly 14 months, so not "less than 14 months".
    # A1 426 days.
    episode_row("D2", "01/03/2022", "S", "C1", "U1", "15/03/2023", "X1"),
    episode_row("D2", "15/03/2023", "L", "E1", "U1", "01/05/2023", "X1"),
    episode_row("D2", "01/05/2023", "P", "E1", "A6", "30/06/2024", "E12"),
    # D3 placed with consent, no court authority: A1 61 days, not in A2.
    episode_row("D3", "01/10/2023", "S", "V2", "U1", "01/12/2023", "X1"),
    episode_row("D3", "01/12/2023", "P", "V2", "A4", "20/04/2024", "E11"),
    # D4 never placed for adoption (adopted from foster care): moved in = adopted, 1 May
    # 2024; entered 1 Feb 2023: A1 455 days (a leap February), not under 14 months.
    episode_row("D4", "01/02/2023", "S", "C2", "U1", "01/05/2024", "E11"),
    # D5 has a placement order but no AD1 row: A1 254 days, left out of A2 (C301).
    episode_row("D5", "01/05/2023", "S", "C2", "U1", "01/10/2023", "X1"),
    episode_row("D5", "01/10/2023", "L", "E1", "U1", "10/01/2024", "X1"),
    episode_row("D5", "10/01/2024", "P", "E1", "A6", "01/06/2024", "E11"),
    # D6: the folder starts mid-period (RNE P): A1 counts from the first episode supplied
    # (C302), 0 days; matched before that: A2 0.
    episode_row("D6", "01/04/2023", "P", "E1", "A6", "20/05/2024", "E11"),
    # Not adopted in the quarter: adopted in the previous one.
    episode_row("D7", "01/01/2022", "S", "E1", "A6", "28/03/2024", "E11"),
]
AD1 = [
    "D1,01/01/2022,01/05/2023,01/08/2023,0,2,MF,L0",
    "D2,01/01/2021,01/01/2023,01/02/2023,0,2,MF,L0",
    "D3,01/01/2023,01/11/2023,15/11/2023,0,1,F1,L4",
    "D6,01/01/2022,01/02/2023,01/03/2023,0,2,MM,L11",
    "D7,01/01/2020,01/01/2023,01/02/2023,0,2,MF,L0",
]


def test_adoption_timings(tmp_path):
    data, _ = read_folder(write_ssda903(tmp_path / "903", EPISODES, AD1))
    assert data is not None
    log = FindingLog()
    figures = adoption_items(marked_episodes(data.table("Episodes")), data.table("AD1"), Q1, log)
    assert figures == {
        "a1_days": 234 + 426 + 61 + 455 + 254 + 0,
        "a2_days": 61 + 0 + 0,  # D1, D2, D6
        "a2_children": 3,
        "a3_under_14m": 4,  # D1, D3, D5, D6
    }
    assert sorted((f.code, f.message.split()[1]) for f in log.findings) == [
        ("C301", "D5"),
        ("C302", "D6"),
    ]
