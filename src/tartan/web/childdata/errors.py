"""Why the service refuses to do something with a child-level data request.

Each refusal carries the message the page shows and the status the page answers with: 409 when
the request is not in a state that allows it (approval without a DPIA among them), 400 when
what was sent is not acceptable (a field beyond the purpose, an extract that fails its checks).
"""

from __future__ import annotations


class ChildDataError(Exception):
    http_status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotNow(ChildDataError):
    """The request's status does not allow this step."""

    http_status = 409


class DpiaMissing(NotNow):
    """Approval asked for before a Data Protection Impact Assessment is attached."""


class FieldsOutsidePurpose(ChildDataError):
    """A field the request's purpose does not allow."""


class ExtractRefused(ChildDataError):
    """An uploaded extract that does not carry exactly what the request approved."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems
