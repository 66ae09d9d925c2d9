from django.contrib import admin
from django.db import models

from authors.models import Author, AuthorText
from desk.editions import EditionTextInline, edition_inlines
from media.admin import image_tag


class AuthorTextInline(EditionTextInline):
    model = AuthorText
    verbose_name = "role and bio in another edition"
    verbose_name_plural = "role and bio in the other editions"
    fields = ["language", "role", "bio"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "is_desk", "photo_thumbnail", "user"]
    list_select_related = ["photo", "user"]
    list_filter = ["is_desk"]
    # Also what the byline autocomplete on articles searches.
    search_fields = ["name", "role"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["photo", "user"]
    # A bare "example.com" means the secure site, as it will from Django 6.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "slug", "role", "is_desk", "photo", "bio", "user"]}),
        ("Contact and links", {"fields": ["email", "website_url", "x_handle", "linkedin_url"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("photo__renditions")

    def get_inlines(self, request, obj):
        # The name is the person's in every edition; their role and bio are written per edition.
        return [*super().get_inlines(request, obj), *edition_inlines(AuthorTextInline)]

    @admin.display(description="photo")
    def photo_thumbnail(self, author):
        return image_tag(author.photo, width=48)
