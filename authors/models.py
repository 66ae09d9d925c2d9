from django.conf import settings
from django.db import models
from django.utils.text import slugify

from website.addresses import slug_address


class AuthorQuerySet(models.QuerySet):
    def profile_of(self, user):
        """The author profile linked to ``user``'s desk account, or None."""
        if user is None or not user.is_authenticated:
            return None
        return self.filter(user=user).first()

    def staff_byline(self):
        """The newsroom's own byline (``NEWSROOM_SITE_NAME``) for stories no person signs.

        Made the first time a story is credited to it; a renamed site gets a byline of its new
        name, and stories keep the one they were published under.
        """
        name = settings.SITE_NAME
        author = self.filter(is_desk=True, user=None, name=name).order_by("pk").first()
        if author is not None:
            return author
        base = slugify(name) or "staff"
        slug, number = base, 1
        while self.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return self.create(name=name, slug=slug, is_desk=True)


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

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_address("authors:detail", self.slug)

    @property
    def x_url(self):
        return f"https://x.com/{self.x_handle}" if self.x_handle else ""


class AuthorText(models.Model):
    """An author's role and bio in one edition's language; without one, an edition shows the
    author's own. The name is the person's and stays the same in every edition."""

    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=12)
    role = models.CharField(max_length=200, blank=True)
    bio = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["author", "language"], name="one_author_text_per_language"
            ),
        ]

    def __str__(self):
        return f"{self.author} ({self.language})"
