"""API tokens of a person: made, listed and revoked here (the profile page, drf_create_token);
knox stores only their hash, and api.authentication checks them."""

from knox.models import AuthToken


def token_create(*, user) -> tuple[AuthToken, str]:
    """A new token for `user`; the text is returned once and never stored."""
    return AuthToken.objects.create(user=user)


def tokens_of(user):
    return AuthToken.objects.filter(user=user).order_by("-created")


def token_revoke(*, user, digest: str) -> int:
    return AuthToken.objects.filter(user=user, digest=digest).delete()[0]


def tokens_revoke_all(*, user) -> int:
    return AuthToken.objects.filter(user=user).delete()[0]
