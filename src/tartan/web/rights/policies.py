"""Who may exercise people's rights over the service's data (memorandum 5.5.5).

Anyone signed in downloads what the service holds about themselves. Administrators answer a
subject-access request for anyone (an account or a directory entry) and erase a directory
entry where retention allows. An LA's key staff take their own LA's portability export; an
analyst, another LA's people, the DBG, the DfE, partners and programme staff do not.
"""

from __future__ import annotations

from typing import Any

from tartan.web.accounts.roles import Role
from tartan.web.permissions import policy


def is_administrator(user: Any) -> bool:
    return bool(user.has_role(Role.ADMINISTRATOR))


@policy("export_own_data")
def export_own_data(user: Any, obj: Any = None) -> bool:
    return bool(user.is_authenticated and user.is_active)


@policy("manage_rights_requests")
def manage_rights_requests(user: Any, obj: Any = None) -> bool:
    return is_administrator(user)


@policy("export_person_data")
def export_person_data(user: Any, obj: Any = None) -> bool:
    return is_administrator(user)


@policy("erase_directory_entry")
def erase_directory_entry(user: Any, obj: Any = None) -> bool:
    return is_administrator(user)


@policy("export_la_data")
def export_la_data(user: Any, organisation: Any) -> bool:
    return (
        bool(user.has_role(Role.LA_KEY_STAFF))
        and organisation is not None
        and user.la_code is not None
        and user.la_code == organisation.la_code
    )
