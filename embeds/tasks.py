from django_tasks import task

from embeds.resolver import resolve_embed_now


@task()
def resolve_embed(url):
    """Resolve one embed link in the worker (see embeds.resolver)."""
    return resolve_embed_now(url)
