"""What programme staff do, as functions the views (and the management command) call.

Each change is one transaction; a rule broken raises ``GovernanceError`` (or the model's own
``NotSignedByAll``) with a message that says what to do.
"""


class GovernanceError(ValueError):
    """A change the memorandum or the rules of the programme do not allow."""
