from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "netra.registry"
    label = "registry"
    verbose_name = _("Employee registry")

    def ready(self) -> None:
        from netra.reference.signals import reference_loaded

        reference_loaded.connect(_load_agencies, dispatch_uid="registry.load_agencies")


def _load_agencies(**_kwargs: object) -> tuple[str, int]:
    from .loaders import load_agencies

    return "agencies", load_agencies()
