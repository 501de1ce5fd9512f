"""Programme governance routes; every view declares its policy (tests/web/test_routes.py)."""

from django.urls import path

from tartan.web.governance import policies  # noqa: F401  (policies register)
from tartan.web.governance.views import (
    dashboard,
    directory,
    documents,
    grant_stages,
    grants,
    meetings,
    memoranda,
    public,
    reports,
    settlements,
    subscriptions,
)

app_name = "governance"

# Each group's public pages: (address after public/<group>/, view, name). The same pages at
# public/ alone are the default group's, under the names they had before groups had their own
# ("public-plans"); a group's carry the "group-" prefix. The contacts page alone keeps its older
# default address (directory/, below).
PUBLIC_PAGES = [
    ("", public.public_index, "public"),
    ("plans/", public.public_plans, "public-plans"),
    ("steering-group/", public.public_steering_group, "public-steering-group"),
    ("figures/", public.public_figures, "public-figures"),
    ("complaints/", public.complaint_new, "complaint-new"),
    ("complaints/sent/", public.complaint_sent, "complaint-sent"),
]
public_face = [path(f"public/{tail}", view, name=name) for tail, view, name in PUBLIC_PAGES] + [
    path(f"public/<slug:group_key>/{tail}", view, name=f"group-{name}")
    for tail, view, name in [*PUBLIC_PAGES, ("contacts/", directory.public_directory, "directory")]
]
urlpatterns = [
    path("", dashboard.index, name="index"),
    path("memoranda/", memoranda.memorandum_list, name="memoranda"),
    path("memoranda/new/", memoranda.memorandum_new, name="memorandum-new"),
    path("memoranda/<int:memorandum_id>/", memoranda.memorandum_detail, name="memorandum"),
    path(
        "memoranda/<int:memorandum_id>/parties/",
        memoranda.memorandum_parties,
        name="memorandum-parties",
    ),
    path(
        "memoranda/<int:memorandum_id>/signatures/new/",
        memoranda.signature_new,
        name="signature-new",
    ),
    path(
        "memoranda/<int:memorandum_id>/variations/new/",
        memoranda.variation_new,
        name="variation-new",
    ),
    path("memoranda/<int:memorandum_id>/reviews/new/", memoranda.review_new, name="review-new"),
    path("memoranda/<int:memorandum_id>/terminate/", memoranda.terminate, name="terminate"),
    path("memoranda/<int:memorandum_id>/history/", memoranda.history, name="history"),
    path("documents/<int:document_id>/", documents.document_download, name="document"),
    path("subscriptions/", subscriptions.subscription_list, name="subscriptions"),
    path("subscriptions/years/new/", subscriptions.year_new, name="year-new"),
    path("subscriptions/years/<int:year_id>/", subscriptions.year_detail, name="year"),
    path(
        "subscriptions/years/<int:year_id>/population/",
        subscriptions.population,
        name="population",
    ),
    path(
        "subscriptions/years/<int:year_id>/subscriptions/",
        subscriptions.year_subscriptions,
        name="year-subscriptions",
    ),
    path(
        "subscriptions/years/<int:year_id>/invoices/",
        subscriptions.year_invoices,
        name="year-invoices",
    ),
    path(
        "subscriptions/<int:subscription_id>/",
        subscriptions.subscription_detail,
        name="subscription",
    ),
    path(
        "subscriptions/<int:subscription_id>/details/",
        subscriptions.subscription_details,
        name="subscription-details",
    ),
    path(
        "subscriptions/<int:subscription_id>/invoice/",
        subscriptions.invoice_issue,
        name="invoice-issue",
    ),
    path("invoices/overdue/", subscriptions.overdue, name="overdue"),
    path("invoices/<int:invoice_id>/", subscriptions.invoice_detail, name="invoice"),
    path("invoices/<int:invoice_id>/pdf/", subscriptions.invoice_download, name="invoice-pdf"),
    path(
        "invoices/<int:invoice_id>/payment/", subscriptions.invoice_payment, name="invoice-payment"
    ),
    path("invoices/<int:invoice_id>/cancel/", subscriptions.invoice_cancel, name="invoice-cancel"),
    path("grants/", grants.grant_list, name="grants"),
    path("grants/new/", grants.grant_new, name="grant-new"),
    path("grants/<int:grant_id>/", grants.grant_detail, name="grant"),
    path("grants/<int:grant_id>/acceptances/new/", grants.acceptance_new, name="acceptance-new"),
    path("grants/<int:grant_id>/transfers/new/", grants.transfer_new, name="transfer-new"),
    path("settlements/", settlements.settlement_list, name="settlements"),
    path("settlements/new/", settlements.settlement_new, name="settlement-new"),
    path("settlements/<int:settlement_id>/", settlements.settlement_detail, name="settlement"),
    path("settlements/shares/<int:share_id>/settled/", settlements.share_settled, name="settled"),
    path("settlements/shares/<int:share_id>/statement/", settlements.statement, name="statement"),
    path("projects/", reports.project_list, name="projects"),
    path("projects/new/", reports.project_new, name="project-new"),
    path("projects/<int:project_id>/report/", reports.progress_new, name="progress-new"),
    path("meetings/", meetings.meeting_list, name="meetings"),
    path("meetings/new/", meetings.meeting_new, name="meeting-new"),
    path("meetings/<int:meeting_id>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:meeting_id>/invite/", meetings.invite, name="meeting-invite"),
    path("meetings/<int:meeting_id>/attendance/", meetings.attendance, name="meeting-attendance"),
    path("meetings/<int:meeting_id>/minutes/", meetings.minutes, name="meeting-minutes"),
    path("meetings/<int:meeting_id>/minutes.pdf", meetings.minutes_download, name="minutes-pdf"),
    path("meetings/<int:meeting_id>/decisions/", meetings.decision_new, name="decision-new"),
    path("meetings/<int:meeting_id>/actions/", meetings.action_new, name="action-new"),
    path("actions/<int:action_id>/update/", meetings.action_update, name="action-update"),
    path(
        "meetings/<int:meeting_id>/highlight/",
        reports.highlight_assemble,
        name="highlight-assemble",
    ),
    path("highlights/<int:highlight_id>/", reports.highlight_detail, name="highlight"),
    path("highlights/<int:highlight_id>/pdf/", reports.highlight_download, name="highlight-pdf"),
    path("highlights/<int:highlight_id>/pack/", reports.pack, name="pack"),
    path("highlights/<int:highlight_id>/pack/pdf/", reports.pack_download, name="pack-pdf"),
    path("directory/", directory.public_directory, name="directory"),
    path("directory/me/", directory.my_entry, name="my-entry"),
    path("directory/manage/", directory.directory_manage, name="directory-manage"),
    path("directory/manage/new/", directory.participant_new, name="participant-new"),
    path(
        "directory/<int:participant_id>/edit/", directory.participant_edit, name="participant-edit"
    ),
    path("directory/<int:participant_id>/consent/", directory.consent, name="consent"),
    # Grants both ways (issue 17 point 3).
    path("grants/mine/", grant_stages.la_grants, name="la-grants"),
    path("grants/<int:grant_id>/mine/", grant_stages.la_grant, name="la-grant"),
    path("grants/<int:grant_id>/accept/", grant_stages.accept_conditions, name="accept-conditions"),
    path(
        "grants/<int:grant_id>/purchase-orders/new/",
        grant_stages.purchase_order_new,
        name="purchase-order-new",
    ),
    path("grants/<int:grant_id>/returns/new/", grant_stages.return_ask, name="return-ask"),
    path(
        "transfers/<int:transfer_id>/invoice/", grant_stages.invoice_submit, name="invoice-submit"
    ),
    path("transfers/<int:transfer_id>/paid/", grant_stages.transfer_paid, name="transfer-paid"),
    path("grant-returns/<int:return_id>/file/", grant_stages.return_file, name="return-file"),
    # Each group's public face (issue 17 point 2): no sign-in. The addresses without a group
    # are the default group's, as they were before each group had its own.
    path("groups/", public.public_groups, name="public-groups"),
    *public_face,
    path("complaints/", public.complaint_list, name="complaints"),
    path("complaints/<int:complaint_id>/", public.complaint_detail, name="complaint"),
    path(
        "complaints/<int:complaint_id>/outcome/", public.complaint_outcome, name="complaint-outcome"
    ),
    path("steering-group/", public.seats, name="seats"),
    path("steering-group/new/", public.seat_new, name="seat-new"),
    path("steering-group/<int:seat_id>/end/", public.seat_end, name="seat-end"),
    path("projects/<int:project_id>/public/", public.project_public, name="project-public"),
]
