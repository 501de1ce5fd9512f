"""Settings split base/dev/prod (and test). Choose with DJANGO_SETTINGS_MODULE."""
