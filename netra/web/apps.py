from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class WebConfig(AppConfig):
    name = "netra.web"
    label = "web"

    def ready(self) -> None:
        from netra.cache import create_cache_tables

        # Once per `migrate` (and per test-database flush), after the sessions app's tables: the
        # shared cache is a table like the sessions, which every worker also shares.
        post_migrate.connect(
            create_cache_tables,
            sender=apps.get_app_config("sessions"),
            dispatch_uid="netra.cache.create_cache_tables",
        )
