from django.db import models


class KeyVersion(models.Model):
    """When a cache key was last invalidated, on the clock shared by every app instance.

    Used where no Redis is configured: each process keeps its own local page cache, and an entry
    is served only while none of its keys was invalidated after the entry was rendered. The row
    named by ``CLOCK`` is the clock itself. Rows are bumped in the transaction that makes the
    change, so a process never sees the change without the bump.
    """

    CLOCK = "~clock"

    key = models.CharField(max_length=200, unique=True)
    version = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.key}@{self.version}"
