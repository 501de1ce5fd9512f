"""Programme governance records. Each area has its own module; Django finds them all here."""

from tartan.web.governance.models.directory import Participant
from tartan.web.governance.models.documents import Document
from tartan.web.governance.models.grants import (
    ConditionsAcceptance,
    Grant,
    GrantReturn,
    GrantTransfer,
    TransferStage,
)
from tartan.web.governance.models.meetings import (
    ActionStatus,
    ActionUpdate,
    Decision,
    Invitation,
    MeetingAction,
)
from tartan.web.governance.models.memoranda import (
    Memorandum,
    MemorandumStatus,
    NotSignedByAll,
    Party,
    Review,
    Signature,
    Termination,
    Variation,
    VariationKind,
)
from tartan.web.governance.models.public import Complaint, Office, SteeringSeat
from tartan.web.governance.models.reports import (
    HighlightReport,
    Meeting,
    MeetingKind,
    ProgressReport,
    Project,
)
from tartan.web.governance.models.settlements import Settlement, SettlementShare
from tartan.web.governance.models.subscriptions import (
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    PopulationFigure,
    Reminder,
    Subscription,
    SubscriptionYear,
)

__all__ = [
    "ActionStatus",
    "ActionUpdate",
    "Complaint",
    "ConditionsAcceptance",
    "Decision",
    "Document",
    "Grant",
    "GrantReturn",
    "GrantTransfer",
    "HighlightReport",
    "Invitation",
    "Invoice",
    "InvoiceLine",
    "InvoiceStatus",
    "Meeting",
    "MeetingAction",
    "MeetingKind",
    "Memorandum",
    "MemorandumStatus",
    "NotSignedByAll",
    "Office",
    "Participant",
    "Party",
    "PopulationFigure",
    "ProgressReport",
    "Project",
    "Reminder",
    "Review",
    "Settlement",
    "SettlementShare",
    "Signature",
    "SteeringSeat",
    "Subscription",
    "SubscriptionYear",
    "Termination",
    "TransferStage",
    "Variation",
    "VariationKind",
]
