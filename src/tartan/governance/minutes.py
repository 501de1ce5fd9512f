"""A meeting's minutes, and an LA's evidence pack for Ofsted, as HTML and as tagged PDF
(WeasyPrint, PDF/UA-1 as the meeting pack is). Each carries the protective marking of the
reader it was produced for, at its head."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup
from weasyprint import HTML

from tartan.governance.documents import _environment, _page


@dataclass(frozen=True)
class MinutesDocument:
    title: str
    kind: str
    held_on: date
    dfe_senior: bool
    agenda: str
    minutes: str
    attended: list[str]
    apologies: list[str]
    decisions: list[str]
    actions: list[tuple[str, str, date, str]]  # action, owner, due, status
    marking: list[str]


@dataclass(frozen=True)
class EvidenceRound:
    period: str
    group: str
    submitted: bool
    released: bool
    rug_link: str = ""


@dataclass(frozen=True)
class EvidenceMeeting:
    title: str
    held_on: date
    kind: str
    people: list[str]


@dataclass(frozen=True)
class EvidenceReview:
    title: str
    scheduled_on: date
    reviewers: list[str]
    report: str
    follow_ups: list[tuple[str, str, date, str]]  # action, owner, due, status


@dataclass(frozen=True)
class EvidencePack:
    la_name: str
    la_code: str
    prepared_on: date
    rounds: list[EvidenceRound]
    meetings: list[EvidenceMeeting]
    reviews: list[EvidenceReview]
    actions: list[tuple[str, str, str, date, str]]  # meeting, action, owner, due, status
    marking: list[str] = field(default_factory=list)


def _render(template: str, **context: object) -> Markup:
    return Markup(_environment().get_template(template).render(**context))


def minutes_fragment(document: MinutesDocument) -> Markup:
    return _render("minutes_body.html.j2", doc=document)


def minutes_pdf(document: MinutesDocument) -> bytes:
    return _tagged(_page(f"Minutes: {document.title}", minutes_fragment(document)))


def evidence_fragment(pack: EvidencePack, links: bool = True) -> Markup:
    return _render("evidence_body.html.j2", pack=pack, links=links)


def evidence_pdf(pack: EvidencePack) -> bytes:
    title = f"Benchmarking and peer review evidence: {pack.la_name}"
    return _tagged(_page(title, evidence_fragment(pack, links=False)))


def _tagged(html: str) -> bytes:
    data = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    assert data is not None
    return data
