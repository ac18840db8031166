from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "netra.cases"
    label = "cases"

    def ready(self) -> None:
        from netra.reference.signals import reference_loaded

        reference_loaded.connect(_seed_templates, dispatch_uid="cases.seed_document_templates")


def _seed_templates(**_kwargs: object) -> tuple[str, int]:
    from .loaders import seed_document_templates

    return "letter templates created", seed_document_templates()
