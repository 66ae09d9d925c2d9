from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from newsletters.addresses import clean_address
from newsletters.readers_data import erase_subscriber


class Command(BaseCommand):
    help = (
        "Erase an email address: its subscriptions, consent records and which emails it got. "
        "Editions keep their counts; a one-way hash is kept so that no import mails it again."
    )

    def add_arguments(self, parser):
        parser.add_argument("address")

    def handle(self, *args, address, **options):
        try:
            address = clean_address(address)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        found, deliveries = erase_subscriber(address)
        if found:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Erased {address}; {deliveries} sent email{'s' if deliveries != 1 else ''} "
                    "stay counted without it."
                )
            )
        else:
            self.stdout.write(f"Nothing held about {address}; it will not be imported again.")
