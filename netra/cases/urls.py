"""Officer case handling, mounted at /cases/ after the reports tab (netra/urls.py)."""

from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<str:code>/", views.case_page, name="case"),
    path("<str:code>/act/<str:action>/", views.act, name="act"),
    path("<str:code>/clarification/", views.invite, name="invite"),
    path("<str:code>/clarification/<int:hearing_id>/minutes/", views.minutes, name="minutes"),
    path("<str:code>/notes/", views.note, name="note"),
    path("<str:code>/persons/<int:person_id>/link/", views.link_person, name="link-person"),
    path("<str:code>/documents/", views.issue, name="issue"),
    path("<str:code>/documents/<int:document_id>.pdf", views.document_pdf, name="document"),
]
