"""Imports every area's policies, so that all are registered before the first request."""

from tartan.web.accounts import policies as accounts_policies
from tartan.web.audit import policies as audit_policies
from tartan.web.childdata import policies as childdata_policies
from tartan.web.collection import policies as collection_policies
from tartan.web.concerns import policies as concerns_policies
from tartan.web.evidence import policies as evidence_policies
from tartan.web.foi import policies as foi_policies
from tartan.web.governance import policies as governance_policies
from tartan.web.mail import policies as mail_policies
from tartan.web.prepared import policies as prepared_policies
from tartan.web.protocol import policies as protocol_policies
from tartan.web.reports import policies as reports_policies
from tartan.web.rights import policies as rights_policies
from tartan.web.sharing import policies as sharing_policies

AREAS = (
    accounts_policies,
    audit_policies,
    collection_policies,
    reports_policies,
    sharing_policies,
    governance_policies,
    concerns_policies,
    childdata_policies,
    mail_policies,
    prepared_policies,
    evidence_policies,
    protocol_policies,
    rights_policies,
    foi_policies,
)
