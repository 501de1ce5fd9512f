"""Start the test OpenID Connect provider in its own process, on a free port, for the run."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.web.mail_server import free_port
from tests.web.oidc_provider.serve import CLIENT_ID, CLIENT_SECRET

REPO = Path(__file__).resolve().parents[3]
CALLBACK = "http://testserver/accounts/council/callback/"

# The provider's people: each a council account, with what the provider asserts about it.
PEOPLE = [
    {"username": "verified", "email": "verified@council.example", "email_verified": True},
    {
        "username": "with-mfa",
        "email": "with-mfa@council.example",
        "email_verified": True,
        "amr": ["pwd", "mfa"],
    },
    {
        "username": "with-acr",
        "email": "with-acr@council.example",
        "email_verified": True,
        "acr": "urn:council:loa:high",
    },
    {"username": "unverified", "email": "unverified@council.example", "email_verified": False},
    {"username": "stranger", "email": "stranger@council.example", "email_verified": True},
    {"username": "leaver", "email": "leaver@council.example", "email_verified": True},
]
PASSWORD = "council-password"


@dataclass
class Provider:
    url: str
    process: subprocess.Popen[str]

    def settings(self) -> dict[str, Any]:
        return {
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/o/authorize/",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/o/token/",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/o/userinfo/",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/o/.well-known/jwks.json",
            "OIDC_RP_SIGN_ALGO": "RS256",
        }


def start(state: Path) -> Provider:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    (state / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    (state / "people.json").write_text(
        json.dumps([{**person, "password": PASSWORD} for person in PEOPLE])
    )
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.web.oidc_provider.serve", str(state), str(port), CALLBACK],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if line.strip() != "ready":
        process.kill()
        raise RuntimeError(f"the test OIDC provider did not start: {line!r}")
    return Provider(f"http://127.0.0.1:{port}", process)
