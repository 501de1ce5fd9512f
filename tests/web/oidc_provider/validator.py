"""The claims the test provider asserts for each of its people (from the run's people.json):
an address, whether it is verified, and how the person authenticated (amr/acr)."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator


def person(username: str) -> dict[str, Any]:
    people = json.loads((settings.STATE / "people.json").read_text())
    return next(p for p in people if p["username"] == username)


class Validator(OAuth2Validator):
    oidc_claim_scope = None  # every claim below goes in the ID token and the userinfo

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        found = person(request.user.username)
        claims: dict[str, Any] = {
            "email": found["email"],
            "email_verified": found["email_verified"],
        }
        if found.get("amr"):
            claims["amr"] = found["amr"]
        if found.get("acr"):
            claims["acr"] = found["acr"]
        return claims
