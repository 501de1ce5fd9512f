"""The load benchmark: production behaviour (no debug) over plain HTTP on localhost."""

from tartan.web.settings.base import *  # noqa: F403

SECRET_KEY = "bench-only-not-secret-" + "x" * 40
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# The benchmark signs in many clients from one address in a burst; lockout is tested elsewhere.
AXES_ENABLED = False
