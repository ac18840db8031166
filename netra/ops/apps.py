from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running Netra for real: health, worker heartbeat and schedule, backups, the key check."""

    name = "netra.ops"
    label = "ops"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import checks  # noqa: F401 (registers the system checks)
        from .installation import ensure_installation_after_migrate

        post_migrate.connect(ensure_installation_after_migrate, sender=self)
