"""Imports every area's policies, so that all are registered before the first request."""

from tartan.web.accounts import policies as accounts_policies
from tartan.web.audit import policies as audit_policies
from tartan.web.collection import policies as collection_policies
from tartan.web.reports import policies as reports_policies

AREAS = (accounts_policies, audit_policies, collection_policies, reports_policies)
