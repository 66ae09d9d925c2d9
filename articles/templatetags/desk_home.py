from django import template

from articles.admin.home import sections_for

register = template.Library()


@register.inclusion_tag("admin/articles/_desk_home.html", takes_context=True)
def desk_home(context):
    request = context["request"]
    user = request.user
    return {
        "sections": sections_for(user) if user.has_perm("articles.view_article") else [],
        "can_add": user.has_perm("articles.add_article"),
    }
