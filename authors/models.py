from django.conf import settings
from django.db import models

from website.addresses import slug_address


class Author(models.Model):
    """Someone (or a desk) whose name appears in bylines."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    role = models.CharField(max_length=200, blank=True, help_text='e.g. "News Editor"')
    bio = models.TextField(blank=True)
    photo = models.ForeignKey(
        "media.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_desk = models.BooleanField(
        "is a desk",
        default=False,
        help_text='A desk such as "The news desk" rather than a person.',
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text="The account this person uses in the editorial desk.",
    )
    email = models.EmailField(blank=True)
    website_url = models.URLField("website", blank=True)
    x_handle = models.CharField("X handle", max_length=50, blank=True, help_text="Without the @.")
    linkedin_url = models.URLField("LinkedIn", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_address("authors:detail", self.slug)

    @property
    def x_url(self):
        return f"https://x.com/{self.x_handle}" if self.x_handle else ""
