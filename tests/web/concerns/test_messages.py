"""A worry's moves are told to its parties by email, without a word of the worry (issue 14.2-14.3)."""

from __future__ import annotations

import pytest

from tartan.web.mail.delivery import deliver_due

pytestmark = pytest.mark.django_db


def test_a_worry_moving_tells_its_parties_without_a_word_of_it(cast, mail_server):
    from tartan.web.concerns import services as concerns
    from tests.web.concerns.conftest import KENT, NATURE

    concerns.start(cast.dcs_es, la_code=KENT, text=NATURE, statutory_case=False)
    deliver_due()
    (message,) = mail_server.to(cast.dcs_kent.email)
    assert message["Subject"] == "A conversation you are part of has moved"
    text = message.get_body(("plain",)).get_content()
    for secret in (NATURE, "Kent", "East Sussex", "Caseloads"):
        assert secret not in text
        assert secret not in message.get_body(("html",)).get_content()
