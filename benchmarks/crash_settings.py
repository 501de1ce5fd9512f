"""Settings for benchmarks/crash_trials.py: the benchmark's settings and the crash window."""

from tartan.web.settings.bench import *  # noqa: F403
from tartan.web.settings.bench import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "crash_window"]
