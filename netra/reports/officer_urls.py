"""Officer pages of the reports, under the case's URL (/cases/<code>/...): the reports tab, replies,
evidence, the identity reveal; and recording a temuan. Mounted before netra/cases/urls.py, whose
``<code>/`` would otherwise take ``temuan/new/``."""

from django.urls import path

from . import views_officer as views

app_name = "reports_officer"

urlpatterns = [
    path("temuan/new/", views.temuan_new, name="temuan-new"),
    path("<str:code>/reports/", views.case_detail, name="case"),
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
