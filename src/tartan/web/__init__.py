"""The web service: collection rounds, checking, release, reports, the protocol and governance.

It stores files, versions, decisions and people and calls the library for everything else.
"""
