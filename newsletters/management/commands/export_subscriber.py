import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from newsletters.addresses import clean_address
from newsletters.readers_data import export_subscriber


class Command(BaseCommand):
    help = "Print, as JSON, everything the newsletters hold about an email address."

    def add_arguments(self, parser):
        parser.add_argument("address")

    def handle(self, *args, address, **options):
        try:
            address = clean_address(address)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(json.dumps(export_subscriber(address), indent=2, ensure_ascii=False))
