from django.urls import path

from . import views

app_name = "registry"

urlpatterns = [
    path("employees/", views.employee_search, name="employee-search"),
    path("agencies/<str:code>/employees/", views.employee_rows, name="employee-rows"),
    path("agencies/<str:code>/import/", views.agency_import, name="agency-import"),
    path("imports/<int:pk>/", views.import_job, name="import-job"),
    path("imports/<int:pk>/progress/", views.import_progress, name="import-progress"),
    path("imports/<int:pk>/apply/", views.import_apply, name="import-apply"),
]
