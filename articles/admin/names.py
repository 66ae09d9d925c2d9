"""Sections' and tags' names in the editions other than the default, on their own forms."""

from django.contrib import admin
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from articles.models import SectionName, TagName
from desk.editions import EditionTextInline, edition_inlines


class SectionNameInline(EditionTextInline):
    model = SectionName
    verbose_name = "name in another edition"
    verbose_name_plural = "names in the other editions"
    fields = ["language", "name", "description"]


class TagNameInline(EditionTextInline):
    model = TagName
    verbose_name = "name in another edition"
    verbose_name_plural = "names in the other editions"
    fields = ["language", "name"]


class EditionNames:
    """Adds the names-per-edition inline (``edition_inline``) where there is more than one."""

    edition_inline = None

    def get_inlines(self, request, obj):
        return [*super().get_inlines(request, obj), *edition_inlines(self.edition_inline)]


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(EditionNames, TaggitTagAdmin):
    edition_inline = TagNameInline
