"""Backup and restore of the service: the whole database, and with it every stored file (the
service keeps uploads in the database, never on disk). The archive format is in archive.py."""
