from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "netra.reference"
    label = "reference"
