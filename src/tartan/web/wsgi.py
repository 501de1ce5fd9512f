"""Production entry point: `gunicorn tartan.web.wsgi` (static files through WhiteNoise)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tartan.web.settings.prod")
application = get_wsgi_application()
