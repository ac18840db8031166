from django.core.management.base import BaseCommand

from netra.demo import api_examples


class Command(BaseCommand):
    help = (
        "Find a demo case for every case-handling API example (run on a fresh `build_demo` world "
        "with its defaults); --write updates netra/cases/data/api_examples.toml."
    )

    def add_arguments(self, parser):
        parser.add_argument("--write", action="store_true")

    def handle(self, *args, write, **options):
        codes, values = api_examples.find()
        for name, code in {**codes, **values}.items():
            self.stdout.write(f"{name}: {code}")
        if write:
            path = api_examples.EXAMPLES_FILE
            path.write_text(api_examples.rewrite(path.read_text("utf-8"), codes, values), "utf-8")
            self.stdout.write(f"written: {path}")
