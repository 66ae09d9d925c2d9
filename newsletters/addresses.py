"""Readers' email addresses: what is accepted, and the one form two spellings share.

``Reader@Example.ORG`` and ``reader@example.org`` reach the same mailbox in practice, and a
domain can be written in Unicode (``bücher.example``) or in its ASCII form
(``xn--bcher-kva.example``). Sign-ups, imports, suppressions and webhooks all look an
address up by its key, so none of them can be slipped past with another spelling.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy

INVALID = gettext_lazy("Enter an email address such as name@example.org.")
MAX_LENGTH = 254
validate_email = EmailValidator(message=INVALID)


def clean_address(value):
    """The address as the reader typed it, trimmed, with its domain in lower case; or a
    ValidationError a form can show."""
    value = (value or "").strip()
    if not value or len(value) > MAX_LENGTH or "\n" in value or "\r" in value:
        raise ValidationError(INVALID, code="invalid")
    validate_email(value)
    local, _, domain = value.rpartition("@")
    try:
        domain.lower().encode("idna")
    except UnicodeError:
        raise ValidationError(INVALID, code="invalid") from None
    return f"{local}@{domain.lower()}"


def address_key(address):
    """One spelling for every spelling of the same mailbox: lower case, ASCII domain."""
    local, _, domain = address.strip().rpartition("@")
    try:
        ascii_domain = domain.lower().encode("idna").decode("ascii")
    except UnicodeError:
        ascii_domain = domain.lower()
    return f"{local.lower()}@{ascii_domain}"


def address_hash(address):
    """What the suppression list keeps: never mailing an address again needs no copy of it."""
    return hashlib.sha256(address_key(address).encode("utf-8")).hexdigest()
