from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsletters.models import Newsletter
from newsletters.readers_data import import_subscribers


class Command(BaseCommand):
    help = (
        "Subscribe the addresses in a file (one per line, or the first column of a CSV) to a "
        "newsletter, as confirmed readers who consented elsewhere. Addresses that unsubscribed "
        "or are suppressed stay out."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--consent",
            required=True,
            help="Where and how these readers agreed, kept as their consent record.",
        )

    def handle(self, *args, slug, file, consent, **options):
        newsletter = Newsletter.objects.filter(slug=slug).first()
        if newsletter is None:
            raise CommandError(f"No newsletter {slug!r}.")
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        addresses = [line.split(",")[0].strip().strip('"') for line in lines if line.strip()]
        if addresses and "@" not in addresses[0]:
            addresses = addresses[1:]  # a CSV header
        result = import_subscribers(newsletter=newsletter, addresses=addresses, note=consent)
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.added} added, {result.already} already subscribed, {result.kept_out} "
                f"kept out (unsubscribed or suppressed), {result.invalid} not addresses."
            )
        )
