"""manage.py load_knowledge_base — load fixtures/ into the database (see knowledge_base/loader.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from knowledge_base.loader import KnowledgeBaseError, load_knowledge_base


class Command(BaseCommand):
    help = "Load every fixture file in dependency order, in one transaction. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--path", type=Path, help="Fixture directory (default: fixtures/).")
        parser.add_argument("--dry-run", action="store_true", help="Validate and report, then roll back.")

    def handle(self, *args, path=None, dry_run=False, **options):
        if path is not None and not path.is_dir():
            raise CommandError(f"{path} is not a directory.")
        try:
            report = load_knowledge_base(path, dry_run=dry_run)
        except KnowledgeBaseError as error:
            count = len(error.problems)
            raise CommandError(
                f"The knowledge base was not loaded ({count} problem{'s' if count != 1 else ''}; "
                f"nothing was changed):\n{error}"
            ) from None
        prefix = "Dry run, rolled back. " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(prefix + report.summary()))
