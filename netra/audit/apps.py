from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "netra.audit"
    label = "audit"
