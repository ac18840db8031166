"""The civil-service authority's pages (BKN; KASN before the 2024 hand-over), under /sanctions/."""

from django.urls import path

from . import views_authority, views_authority_actions, views_handover

urlpatterns = [
    path("", views_authority.inbox_page, name="authority-inbox"),
    path("cases/<str:code>/", views_authority.case_page, name="authority-case"),
    path(
        "cases/<str:code>/documents/<int:document_id>.pdf",
        views_authority.document_pdf,
        name="authority-document",
    ),
    path(
        "cases/<str:code>/persons/<int:person_id>/recommend/",
        views_authority.recommend,
        name="authority-recommend",
    ),
    path(
        "recommendations/<int:pk>/block/",
        views_authority_actions.block,
        name="authority-block",
    ),
    path(
        "recommendations/<int:pk>/escalate/",
        views_authority_actions.escalate,
        name="authority-escalate",
    ),
    path(
        "recommendations/<int:pk>/contest/",
        views_authority_actions.answer_contest,
        name="authority-answer-contest",
    ),
    path("handover/", views_handover.handover_page, name="authority-handover"),
]
