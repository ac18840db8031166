from django.apps import AppConfig


class SanctionsConfig(AppConfig):
    name = "netra.sanctions"
    label = "sanctions"
