from django.conf import settings
from django.core.management.base import BaseCommand

from registry.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mails focal points whose published initiatives are due for their yearly confirmation (run daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url", default=settings.SITE_URL,
            help="The site's address, for the links in the e-mails.",
        )

    def handle(self, *args, base_url: str, **options):
        sent = send_reminders(base_url=base_url)
        self.stdout.write(f"Reminders sent to {sent} institution(s).")
