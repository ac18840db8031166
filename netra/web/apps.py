from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class WebConfig(AppConfig):
    name = "netra.web"
    label = "web"

    def ready(self) -> None:
        from netra.cache import create_cache_tables
        from netra.sanctions.hooks import provide_case_evidence

        from .case_file import authority_evidence

        # The evidence list in the authority's case file (sanctions may not import reports).
        provide_case_evidence(authority_evidence)

        # Once per `migrate` (and per test-database flush), after the sessions app's tables: the
        # shared cache is a table like the sessions, which every worker also shares.
        post_migrate.connect(
            create_cache_tables,
            sender=apps.get_app_config("sessions"),
            dispatch_uid="netra.cache.create_cache_tables",
        )
