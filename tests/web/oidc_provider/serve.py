"""Set up and run the test OpenID Connect provider: ``python -m tests.web.oidc_provider.serve
STATE_DIR PORT REDIRECT_URI``. STATE_DIR holds key.pem and people.json (written by the test
fixture); the client ``tartan`` with secret ``tartan-secret`` is registered for REDIRECT_URI."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

CLIENT_ID = "tartan"
CLIENT_SECRET = "tartan-secret"


class Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    state, port, redirect_uri = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    os.environ["OIDC_PROVIDER_STATE"] = str(state)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.web.oidc_provider.settings"
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    for person in json.loads((state / "people.json").read_text()):
        User.objects.create_user(person["username"], person["email"], person["password"])
    Application.objects.create(
        name="tartan",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=redirect_uri,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    server = make_server(
        "127.0.0.1", port, get_wsgi_application(), server_class=Server, handler_class=QuietHandler
    )
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
