import pytest

from tartan.governance.signing import (
    LA_ROLES,
    Party,
    PartyKind,
    SignatoryRole,
    Signed,
    SigningError,
    check_signature,
    missing_signatures,
)

KENT = Party("886", "Kent", PartyKind.LA)
MEDWAY = Party("887", "Medway", PartyKind.LA)
DFE = Party("dfe", "Department for Education", PartyKind.DFE)
LGA = Party("lga", "LGA", PartyKind.OTHER)


def test_each_la_signs_through_its_three_signatories():
    signed = [Signed("886", SignatoryRole.DCS), Signed("886", SignatoryRole.CHIEF_EXECUTIVE)]
    missing = missing_signatures([KENT, MEDWAY], signed, LA_ROLES)
    assert [m.text for m in missing] == [
        "Kent: Lead Member for Children's Services",
        "Medway: Director of Children's Services",
        "Medway: Chief Executive",
        "Medway: Lead Member for Children's Services",
    ]


def test_the_regional_lead_signs_for_every_la_but_not_for_the_dfe():
    signed = [Signed("886", SignatoryRole.REGIONAL_LEAD)]
    missing = missing_signatures([KENT, MEDWAY, DFE], signed, LA_ROLES)
    assert [m.text for m in missing] == ["Department for Education: DfE regional improvement lead"]
    signed.append(Signed("dfe", SignatoryRole.DFE_REGIONAL_LEAD))
    assert missing_signatures([KENT, MEDWAY, DFE], signed, LA_ROLES) == []


def test_a_memorandum_may_ask_las_for_fewer_signatories():
    signed = [Signed("886", SignatoryRole.DCS), Signed("lga", SignatoryRole.AUTHORISED)]
    assert missing_signatures([KENT, LGA], signed, [SignatoryRole.DCS]) == []


def test_roles_a_party_cannot_sign_in():
    check_signature(KENT, SignatoryRole.REGIONAL_LEAD, LA_ROLES, regional_lead_may_sign=True)
    with pytest.raises(SigningError, match="does not sign as"):
        check_signature(KENT, SignatoryRole.REGIONAL_LEAD, LA_ROLES, regional_lead_may_sign=False)
    with pytest.raises(SigningError):
        check_signature(DFE, SignatoryRole.DCS, LA_ROLES, regional_lead_may_sign=True)
    with pytest.raises(SigningError):
        check_signature(KENT, SignatoryRole.LEAD_MEMBER, [SignatoryRole.DCS], True)
