"""A Django app for benchmarks/crash_trials.py only: it holds every upload for a moment just
before its audit event is written, so that a kill -9 lands between the two writes."""
