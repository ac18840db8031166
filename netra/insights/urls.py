from django.urls import path

from . import views, views_internal

app_name = "insights"

urlpatterns = [
    path("data/", views.public_dashboard, name="dashboard"),
    path("data/export/", views.export, name="export"),
    path("data/dictionary/", views.data_dictionary, name="dictionary"),
    path("insights/office/", views_internal.office, name="office"),
    path("insights/compliance/", views_internal.compliance, name="compliance"),
]
