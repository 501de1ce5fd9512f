"""Production: behind HTTPS, secret key and hosts from the environment.

`manage.py check --deploy` is clean under these settings; the silenced checks, each with its
reason, are in SILENCED_SYSTEM_CHECKS below.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from tartan.web.settings.base import *  # noqa: F403
from tartan.web.settings.base import ALLOWED_HOSTS, SECRET_KEY

if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("set TARTAN_SECRET_KEY to a random string of at least 50 characters")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("set TARTAN_ALLOWED_HOSTS to the host names the service answers to")

DEBUG = False
SECURE_SSL_REDIRECT = os.environ.get("TARTAN_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SILENCED_SYSTEM_CHECKS: list[str] = []
