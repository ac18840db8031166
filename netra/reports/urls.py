from django.urls import URLPattern, path

from . import views

app_name = "reports"

urlpatterns: list[URLPattern] = [
    path("", views.report_form, name="new"),
    path("places/", views.places, name="places"),
    path("check/", views.check, name="check"),
    path("people/", views.person_suggest, name="person-suggest"),
    path("follow/", views.follow, name="follow"),
    path("follow/message/", views.follow_message, name="follow-message"),
    path("receipt.pdf", views.receipt_pdf, name="receipt-pdf"),
]
