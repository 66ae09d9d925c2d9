"""The signed links in readers' emails: confirm a sign-up, manage newsletters, unsubscribe.

There are no reader accounts: the link is the key. Each carries the subscriber's ``link_key``,
so erasing an address voids every link ever sent to it; a confirmation link also carries its
sign-up's nonce (one use) and expires with the sign-up after a week. A damaged or forged link
fails its signature and changes nothing.
"""

import datetime

from django.core import signing

CONFIRM_SALT = "newsletters.confirm"
MANAGE_SALT = "newsletters.manage"
UNSUBSCRIBE_SALT = "newsletters.unsubscribe"
SIGN_UP_LIFETIME = datetime.timedelta(days=7)


class BadLink(Exception):
    """The link is damaged, forged, or was made for something else."""


class ExpiredLink(BadLink):
    """A confirmation link older than a week: the sign-up has lapsed."""


def _dump(values, salt):
    return signing.dumps(values, salt=salt, compress=False)


def _load(token, salt, max_age=None):
    try:
        values = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise ExpiredLink from None
    except (signing.BadSignature, ValueError, TypeError):
        raise BadLink from None
    if not isinstance(values, list) or not values:
        raise BadLink
    return values


def confirmation_token(sign_up):
    return _dump([sign_up.pk, sign_up.nonce], CONFIRM_SALT)


def read_confirmation_token(token):
    """``(sign_up_pk, nonce)``."""
    values = _load(token, CONFIRM_SALT, max_age=SIGN_UP_LIFETIME)
    if len(values) != 2 or not isinstance(values[0], int):
        raise BadLink
    return values[0], str(values[1])


def manage_token(subscriber):
    return _dump([subscriber.pk, subscriber.link_key], MANAGE_SALT)


def read_manage_token(token):
    """``(subscriber_pk, link_key)``."""
    values = _load(token, MANAGE_SALT)
    if len(values) != 2 or not isinstance(values[0], int):
        raise BadLink
    return values[0], str(values[1])


def unsubscribe_token(subscriber, newsletter, edition=None):
    edition_pk = edition.pk if edition is not None else 0
    return _dump([subscriber.pk, subscriber.link_key, newsletter.pk, edition_pk], UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """``(subscriber_pk, link_key, newsletter_pk, edition_pk or None)``."""
    values = _load(token, UNSUBSCRIBE_SALT)
    if len(values) != 4 or not all(isinstance(value, int) for value in values[::2] + values[3:]):
        raise BadLink
    subscriber_pk, link_key, newsletter_pk, edition_pk = values
    return subscriber_pk, str(link_key), newsletter_pk, edition_pk or None
