"""The worker's tasks. Each checks when it runs whether there is still something to do (a send
finished, a sign-up confirmed, a story unpublished), so running one twice, late, or on two
workers at once changes nothing more than running it once. The work is in the service modules.
"""

from django_tasks import task


@task()
def send_sign_up_email(sign_up_pk, attempt=0):
    from newsletters import reader_mail

    return reader_mail.send_sign_up_email(sign_up_pk, attempt=attempt)


@task()
def lapse_sign_up(sign_up_pk):
    from newsletters import subscriptions

    return subscriptions.lapse_sign_up(sign_up_pk)


@task()
def start_edition(edition_pk):
    from newsletters import sending

    return sending.start_edition(edition_pk)


@task()
def deliver_edition(edition_pk):
    from newsletters import delivering

    return delivering.deliver_batch(edition_pk)


@task()
def release_alert(edition_pk):
    from newsletters import alerts

    return alerts.release_alert(edition_pk)
