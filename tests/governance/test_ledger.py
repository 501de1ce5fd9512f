from datetime import date

from tartan.governance.ledger import Entry, ledger


def test_received_transferred_and_a_running_balance():
    made = ledger(
        [
            Entry(date(2023, 9, 1), "Transfer to Kent", transferred_pence=2000000),
            Entry(date(2023, 6, 1), "s31 grant", received_pence=10000000),
            Entry(date(2023, 9, 1), "Top-up", received_pence=500000),
        ]
    )
    assert [line.entry.description for line in made.lines] == [
        "s31 grant",
        "Top-up",
        "Transfer to Kent",
    ]
    assert [line.balance_pence for line in made.lines] == [10000000, 10500000, 8500000]
    assert (made.received_pence, made.transferred_pence, made.balance_pence) == (
        10500000,
        2000000,
        8500000,
    )
    assert ledger([]).balance_pence == 0
