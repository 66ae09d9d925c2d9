"""A story's translations on the desk: Translate…, the list's edition column and filter, and the
translations each story has, with their states. The rules are articles/translating.py's."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html_join

from articles import translating
from articles.admin.display import status_badges
from articles.models import Article
from website.editions import edition_languages, is_multilingual

# What a translation's badge needs, and no more: the list never reads their bodies.
TRANSLATION_FIELDS = (
    "pk",
    "headline",
    "language",
    "translation_key",
    "status",
    "published_at",
    "embargo_until",
    "withdrawn_at",
)


def edition_choices(codes=None):
    codes = edition_languages() if codes is None else codes
    return [(code, translating.edition_name(code)) for code in codes]


class TranslateForm(forms.Form):
    language = forms.ChoiceField(
        label="Translate into",
        widget=forms.RadioSelect,
        help_text="A new draft in that edition starts from this story's words, picture, "
        "section, tags and byline; rewrite it there, then take it through review as any story.",
    )

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        language = self.fields["language"]
        # Any other edition is accepted, so that one translated since the form was opened gets
        # the service's answer ("already has a translation"); only the others are offered.
        language.choices = edition_choices(
            [code for code in edition_languages() if code != article.language]
        )
        language.widget.choices = edition_choices(translating.languages_to_translate_into(article))


class EditionFilter(admin.SimpleListFilter):
    title = "edition"
    parameter_name = "edition"

    def lookups(self, request, model_admin):
        return edition_choices()

    def queryset(self, request, queryset):
        if self.value() in edition_languages():
            return queryset.filter(language=self.value())
        return queryset


def translation_links(translations):
    """Each translation as a link to its form, with its edition and state."""
    return format_html_join(
        " ",
        '<a class="desk-translation" href="{}" title="{}">{}</a> {}',
        (
            (
                reverse("admin:articles_article_change", args=[other.pk]),
                other.headline,
                other.language.upper(),
                status_badges(other),
            )
            for other in translations
        ),
    )


class ArticleTranslations:
    """Translate… and translations in the list and on the form of ArticleAdmin."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/translate/",
                self.admin_site.admin_view(self.translate_view),
                name=f"{name}_translate",
            ),
            *super().get_urls(),
        ]

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        if is_multilingual():
            shown[1:1] = ["edition", "translations"]
        return shown

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        if is_multilingual():
            filters.insert(1, EditionFilter)
        return filters

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if is_multilingual():
            # One query for the page's translations, however many rows it shows.
            articles = list(changelist.result_list)
            found = {}
            rows = Article.objects.filter(
                translation_key__in={article.translation_key for article in articles}
            ).only(*TRANSLATION_FIELDS)
            for row in rows:
                found.setdefault(row.translation_key, []).append(row)
            order = {code: position for position, code in enumerate(edition_languages())}
            for article in articles:
                others = [o for o in found.get(article.translation_key, []) if o.pk != article.pk]
                article.desk_translations = sorted(
                    others, key=lambda o: order.get(o.language, len(order))
                )
        return changelist

    @admin.display(description="edition", ordering="language")
    def edition(self, article):
        return translating.edition_name(article.language)

    @admin.display(description="translations")
    def translations(self, article):
        others = getattr(article, "desk_translations", None)
        if others is None:
            others = [
                o for o in translating.existing_translations(article).values() if o.pk != article.pk
            ]
        return translation_links(others) if others else "—"

    def translations_context(self, request, article):
        """What the form shows of the story's translations, and whether Translate… is there."""
        if not is_multilingual() or article is None or article.pk is None:
            return {}
        existing = translating.existing_translations(article)
        others = [existing[code] for code in edition_languages() if code in existing]
        others = [other for other in others if other.pk != article.pk]
        missing = [code for code in edition_languages() if code not in existing]
        return {
            "edition_name": translating.edition_name(article.language),
            "translation_links": translation_links(others) if others else "",
            "can_translate": bool(missing) and translating.can_translate(request.user),
        }

    def translate_view(self, request, object_id):
        """Choose an edition, and a new draft of the story starts there."""
        if not is_multilingual():
            raise Http404("This newsroom has a single edition.")
        article = self._article_or_404(request, object_id)
        if not translating.can_translate(request.user):
            raise PermissionDenied
        form = TranslateForm(request.POST or None, article=article)
        if request.method == "POST" and form.is_valid():
            language = form.cleaned_data["language"]
            try:
                made = translating.translate(article, language, request.user)
            except ValidationError as error:
                form.add_error("language", error)
            else:
                self.message_user(
                    request,
                    f"Translation into {translating.edition_name(language)} started: a draft, "
                    "with this story's words to rewrite. The original is unchanged.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:articles_article_change", args=[made.pk])
                )
        context = {
            **self._desk_context(request, article, f"Translate “{article}”"),
            "form": form,
            "edition_name": translating.edition_name(article.language),
            **self.translations_context(request, article),
        }
        return TemplateResponse(request, "admin/articles/article/translate.html", context)
