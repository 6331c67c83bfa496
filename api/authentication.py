"""API token authentication: knox keeps only a token's hash (registry.tokens makes them). Its class decodes and looks up whatever
the header carries; a NUL or a byte that is not UTF-8 there must be a 401, not a server error."""

import re

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication
from rest_framework import exceptions

# knox writes 64 hexadecimal characters; tokens carried over from DRF's table have 40.
WELL_FORMED = re.compile(rb"[0-9a-f]{40,64}")


class HashedTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, token: bytes):
        if not WELL_FORMED.fullmatch(token):
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        return super().authenticate_credentials(token)


class HashedTokenScheme(OpenApiAuthenticationExtension):
    target_class = HashedTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Token")
