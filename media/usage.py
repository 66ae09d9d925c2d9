"""Who may change or delete an image, as decided by the apps that show it.

Media knows nothing of what uses an image. An app that shows images connects to
``image_action_asked`` (returning why a person may not take an action, or None) and listens to
``image_changed`` to note a change in its own records; the image admin asks ``refusal()`` before
it offers a change or a delete.
"""

from django.dispatch import Signal

CHANGE = "change"
DELETE = "delete"

# Sent with user, image and action (CHANGE or DELETE); a receiver returns why ``user`` may not
# take ``action`` on ``image``, or None when it has no objection.
image_action_asked = Signal()

# Sent by the image admin after a person changed an existing image:
# image, user, and changed (the labels of the fields that changed).
image_changed = Signal()


def refusal(user, image, action):
    """The first reason an app gives to refuse, or None when every app allows it."""
    answers = image_action_asked.send(sender=type(image), user=user, image=image, action=action)
    return next((reason for _, reason in answers if reason), None)
