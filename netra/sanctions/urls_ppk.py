"""The PPK's pages (views_ppk) and the employee's record (views_record), under /sanctions/."""

from django.urls import path

from . import views_ppk, views_record

urlpatterns = [
    path("ppk/", views_ppk.inbox, name="ppk-inbox"),
    path("ppk/<int:pk>/sanction/", views_ppk.record, name="ppk-record"),
    path("ppk/<int:pk>/contest/", views_ppk.contest, name="ppk-contest"),
    path("ppk/<int:pk>/letter.pdf", views_ppk.letter_pdf, name="ppk-letter"),
    path("ppk/<int:pk>/decree.pdf", views_ppk.decree_pdf, name="ppk-decree"),
    # By number (they may hold slashes: REK/BKN/2024/0001) or by id.
    path("ppk/<path:ref>/", views_ppk.recommendation, name="ppk-recommendation"),
    path("employees/<int:pk>/", views_record.employee_record, name="ppk-employee-record"),
]
