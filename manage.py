#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netra.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        # Production mode's refusal (netra/production.py) lists what is missing: no traceback.
        if os.environ.get("NETRA_ENV", "").strip().lower() != "production":
            raise
        print(exc, file=sys.stderr)
        sys.exit(2)
