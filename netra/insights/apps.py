from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "netra.insights"
    label = "insights"
