"""Local use: `tartan serve` and the demo. Never for a server others can reach."""

from tartan.web.settings.base import *  # noqa: F403
from tartan.web.settings.base import SECRET_KEY

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-tartan"
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]

# Static files straight from the package (no collectstatic needed outside production).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
