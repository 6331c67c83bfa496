from django.core.management.base import BaseCommand, CommandError

from accounts.tokens import token_create, tokens_revoke_all
from registry.models import User


class Command(BaseCommand):
    """Named and shaped like Django REST framework's command, so scripts that made tokens with it
    keep working; the token is now stored hashed and expires (REST_KNOX)."""

    help = "Creates an API token for a user and prints it once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("-r", "--reset", action="store_true", help="Revoke the user's other tokens first.")

    def handle(self, *args, username: str, reset: bool, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if reset:
            tokens_revoke_all(user=user)
        self.stdout.write(f"Generated token {token_create(user=user)[1]} for user {username}")
