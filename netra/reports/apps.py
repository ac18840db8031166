from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "netra.reports"
    label = "reports"
