"""Who may change or delete an image, as decided by the apps that show it.

Media knows nothing of what uses an image. An app that shows images registers a guard here
(``register_guard``) and listens to ``image_changed`` to note a change in its own records; the
image admin asks ``refusal()`` before it offers a change or a delete.
"""

from django.dispatch import Signal

CHANGE = "change"
DELETE = "delete"

_guards = []

# Sent by the image admin after a person changed an existing image:
# image, user, and changed (the labels of the fields that changed).
image_changed = Signal()


def register_guard(guard):
    """Add ``guard(user, image, action)``: it returns why ``user`` may not take ``action``
    (CHANGE or DELETE) on ``image``, or None when it has no objection."""
    if guard not in _guards:
        _guards.append(guard)
    return guard


def refusal(user, image, action):
    """The first guard's reason to refuse, or None when every guard allows it."""
    for guard in _guards:
        if reason := guard(user, image, action):
            return reason
    return None
