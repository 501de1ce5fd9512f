"""Children looked after items on hand-computed cases. Quarter: 2024-25 Q1 (April-June 2024)."""

from tartan.childlevel.cla_items import cla_items, marked_episodes
from tartan.periods import Period
from tests.childlevel.builders import codes, episode_row, read_folder, write_ssda903

Q1 = Period.parse("2024-25 Q1")

EPISODES = [
    # C1 in care over the quarter boundary: in care at the end, neither a start nor a ceasing.
    episode_row("C1", "01/11/2023", "S", "C2", "U1"),
    # C2 came in before the quarter and went home in it.
    episode_row("C2", "01/02/2024", "S", "C2", "U1", "15/04/2024", "E4A"),
    # C3 moved placement in the quarter (X1): still in care, no ceasing, no start.
    episode_row("C3", "10/01/2024", "S", "C2", "U1", "01/05/2024", "X1"),
    episode_row("C3", "01/05/2024", "P", "C2", "U3"),
    # C4 short breaks (V3), one ended and one open: counted nowhere.
    episode_row("C4", "05/04/2024", "S", "V3", "U1", "07/04/2024", "E8"),
    episode_row("C4", "20/06/2024", "S", "V3", "U1"),
    # C5 started to be looked after in the quarter.
    episode_row("C5", "10/05/2024", "S", "V2", "U4"),
    # C6 on short breaks became looked after in full (an L episode after X1): in care, but as
    # for the DfE no start, since no episode has reason S.
    episode_row("C6", "01/03/2024", "S", "V3", "U1", "20/05/2024", "X1"),
    episode_row("C6", "20/05/2024", "L", "C2", "U1"),
    # C7 moved from full care onto short breaks (X1): as for the DfE, no ceasing.
    episode_row("C7", "01/06/2023", "S", "C2", "U1", "01/06/2024", "X1"),
    episode_row("C7", "01/06/2024", "L", "V4", "U1"),
    # C8 ceased twice in the quarter: one child, counted by the last ceasing (adopted).
    episode_row("C8", "02/04/2024", "S", "V2", "U1", "20/04/2024", "E13"),
    episode_row("C8", "05/05/2024", "S", "E1", "A6", "10/06/2024", "E11"),
    # C9 adopted on the quarter's last day: ceased, and not in care at its end.
    episode_row("C9", "01/01/2022", "S", "E1", "A6", "30/06/2024", "E12"),
    # C10 came into care on the quarter's last day.
    episode_row("C10", "30/06/2024", "S", "L2", "U1"),
    # C11 ends with X1 but nothing follows: a data error, not a ceasing (C209).
    episode_row("C11", "01/01/2024", "S", "C2", "U1", "05/05/2024", "X1"),
]


def test_children_looked_after_starts_ceases_and_adoptions(tmp_path):
    data, log = read_folder(write_ssda903(tmp_path / "903", EPISODES))
    assert data is not None
    assert codes(log) == ["C209"]
    figures = cla_items(marked_episodes(data.table("Episodes")), Q1)
    assert figures == {
        "cla_end": 5,  # C1, C3, C5, C6, C10
        "cla_start": 3,  # C5, C8, C10
        "cla_cease": 3,  # C2, C8, C9
        "adopted": 2,  # C8, C9
    }


def test_the_previous_quarter_sees_the_same_children_from_the_other_side(tmp_path):
    data, _ = read_folder(write_ssda903(tmp_path / "903", EPISODES))
    assert data is not None
    q4 = Period.parse("2023-24 Q4")
    # At 31 March 2024: C1, C2, C3, C7, C9 and C11 (C6 was on short breaks).
    # Started January-March: C2, C3, C11 (C6's V3 start does not count).
    assert cla_items(marked_episodes(data.table("Episodes")), q4) == {
        "cla_end": 6,
        "cla_start": 3,
        "cla_cease": 0,
        "adopted": 0,
    }
