"""Officer pages for reports, mounted under /cases/ until netra/cases/ has its own case views."""

from django.urls import path

from . import views_officer as views

app_name = "reports_officer"

urlpatterns = [
    path("temuan/new/", views.temuan_new, name="temuan-new"),
    path("<str:code>/", views.case_detail, name="case"),
    path("<str:code>/reports/<int:report_id>/reply/", views.reply, name="reply"),
    path(
        "<str:code>/evidence/<int:evidence_id>/<str:variant>/",
        views.evidence_file,
        name="evidence",
    ),
    path(
        "<str:code>/reports/<int:report_id>/identity/request/",
        views.identity_request,
        name="identity-request",
    ),
    path(
        "<str:code>/reveals/<int:reveal_id>/decide/", views.identity_decide, name="identity-decide"
    ),
    path("<str:code>/reports/<int:report_id>/identity/", views.identity_show, name="identity-show"),
]
