"""Readers' newsletter pages. The list, the archives and the editions' web pages are public
and cached like every page; the pages a reader reaches from an email are personal (the link
is their key): never cached, never indexed, and they send no Referer onwards.

The forms here are exempt from CSRF on purpose. The sign-up form sits on cached article pages,
which carry no per-reader token; a sign-up only sends a confirmation email, is throttled per
client and per address, and subscribes nobody until the mailbox's owner confirms. The other
forms act on the signed link in their address, which is the whole authorisation (RFC 8058 has
mail programs POST the unsubscribe link with no cookie at all), so a cookie would only turn
away readers who block cookies.
"""

from functools import wraps

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.csrf import csrf_exempt

from delivery.keys import add_keys, key
from newsletters import subscriptions, throttle, tokens
from newsletters.emails import visible_stories
from newsletters.forms import PreferencesForm, SignUpForm
from newsletters.invalidation import NEWSLETTERS, edition_key, newsletter_key
from newsletters.mail import mail_unavailable_reason
from newsletters.models import Edition, Newsletter, Subscription
from website.read_only import accepts_reader_posts

ARCHIVE_SIZE = 100


def personal(view):
    """A reader's own page: no cache anywhere, no search engine, no Referer with the token."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "no-referrer"
        return response

    return wrapper


def reader_form(view):
    return accepts_reader_posts(csrf_exempt(personal(view)))


def sign_up_box(page="", form=None, newsletters=None):
    """What the sign-up fragment shows: the newsletters on offer (one query), what is ticked,
    and a bound form's values and errors after a refused sign-up."""
    newsletters = list(subscriptions.offered_newsletters()) if newsletters is None else newsletters
    if form is not None and form.is_bound:
        ticked = {str(value) for value in form.data.getlist("newsletters")}
        email = form.data.get("email", "")
        page = form.data.get("page", page)
    else:
        digests = [n for n in newsletters if n.kind == Newsletter.Kind.DIGEST]
        ticked = {str((digests or newsletters)[0].pk)} if newsletters else set()
        email = ""
    return {
        "newsletters": newsletters,
        "ticked": ticked,
        "email": email,
        "page": page,
        "form": form,
        "consent": subscriptions.consent_text(),
    }


def index(request):
    add_keys(request, NEWSLETTERS)
    box = sign_up_box(page=request.path)
    return render(
        request,
        "newsletters/newsletter_list.html",
        {"newsletters": box["newsletters"], "sign_up": box},
    )


def link_problem(request, error, status=400):
    expired = isinstance(error, tokens.ExpiredLink)
    return render(request, "newsletters/link_problem.html", {"expired": expired}, status=status)


@reader_form
def subscribe(request):
    if request.method != "POST":
        return HttpResponseRedirect(reverse("newsletters:index"))
    if not throttle.allow_sign_up(request):
        response = render(request, "newsletters/too_many.html", status=429)
        response["Retry-After"] = str(throttle.seconds_left())
        return response
    if mail_unavailable_reason():
        return render(request, "newsletters/unavailable.html", status=503)
    newsletters = subscriptions.offered_newsletters()
    form = SignUpForm(request.POST, newsletters=newsletters)
    if not form.is_valid():
        box = sign_up_box(form=form, newsletters=list(newsletters))
        return render(request, "newsletters/sign_up.html", {"sign_up": box}, status=400)
    subscriptions.sign_up(
        address=form.cleaned_data["email"],
        newsletters=form.cleaned_data["newsletters"],
        page=form.cleaned_data["page"],
    )
    # The same answer whether or not the address was known: nobody learns who subscribes.
    return render(request, "newsletters/check_inbox.html", {"address": form.cleaned_data["email"]})


@reader_form
def confirm(request, token):
    try:
        sign_up = subscriptions.find_sign_up(token)
    except tokens.BadLink as error:
        return link_problem(request, error)
    if request.method != "POST":
        newsletters = list(sign_up.newsletters.all())
        return render(
            request,
            "newsletters/confirm.html",
            {"sign_up": sign_up, "newsletters": newsletters, "done": sign_up.confirmed_at},
        )
    confirmation = subscriptions.confirm_sign_up(token=token)
    subscribed = set(subscriptions.subscribed_newsletters(confirmation.subscriber))
    if confirmation.already_confirmed and not set(confirmation.newsletters) <= subscribed:
        return render(request, "newsletters/link_problem.html", {"used": True}, status=400)
    return render(
        request,
        "newsletters/confirmed.html",
        {
            "newsletters": confirmation.newsletters,
            "manage_token": tokens.manage_token(confirmation.subscriber),
        },
    )


@reader_form
def unsubscribe(request, token):
    try:
        link = subscriptions.read_unsubscribe_link(token)
    except tokens.BadLink as error:
        return link_problem(request, error)
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        via = Subscription.Via.ONE_CLICK if one_click else Subscription.Via.LINK
        link = subscriptions.unsubscribe(token=token, via=via)
        return render(
            request,
            "newsletters/unsubscribed.html",
            {"link": link, "manage_token": tokens.manage_token(link.subscriber)},
        )
    subscribed = link.newsletter in subscriptions.subscribed_newsletters(link.subscriber)
    context = {
        "link": link,
        "subscribed": subscribed,
        "manage_token": tokens.manage_token(link.subscriber),
    }
    return render(request, "newsletters/unsubscribe.html", context)


@reader_form
def manage(request, token):
    try:
        subscriber = subscriptions.subscriber_from_manage_token(token)
    except tokens.BadLink as error:
        return link_problem(request, error)
    held = subscriptions.subscribed_newsletters(subscriber)
    choices = (Newsletter.objects.filter(is_offered=True) | held).distinct()
    saved = False
    if request.method == "POST":
        form = PreferencesForm(request.POST, newsletters=choices)
        if form.is_valid():
            chosen = [] if "unsubscribe_all" in request.POST else form.cleaned_data["newsletters"]
            subscriptions.choose_newsletters(subscriber=subscriber, chosen=chosen)
            held = subscriptions.subscribed_newsletters(subscriber)
            form = PreferencesForm(initial={"newsletters": list(held)}, newsletters=choices)
            saved = True
    else:
        form = PreferencesForm(initial={"newsletters": list(held)}, newsletters=choices)
    return render(
        request,
        "newsletters/manage.html",
        {"form": form, "subscriber": subscriber, "saved": saved, "held": list(held)},
        status=200 if form.is_bound is False or form.is_valid() else 400,
    )


def archive(request, slug):
    newsletter = get_object_or_404(Newsletter, slug=slug)
    add_keys(request, newsletter_key(newsletter.pk), NEWSLETTERS)
    editions = newsletter.editions.filter(status=Edition.Status.SENT).order_by("-finished_at")
    return render(
        request,
        "newsletters/newsletter_archive.html",
        {
            "newsletter": newsletter,
            "editions": editions[:ARCHIVE_SIZE],
            "sign_up": sign_up_box(page=request.path),
        },
    )


def edition_detail(request, slug, pk):
    edition = get_object_or_404(
        Edition.objects.select_related("newsletter"),
        pk=pk,
        newsletter__slug=slug,
        status=Edition.Status.SENT,
    )
    stories = visible_stories(edition)
    add_keys(
        request,
        edition_key(edition.pk),
        newsletter_key(edition.newsletter_id),
        *(key("article", story.pk) for story in stories),
    )
    intro = [part.strip() for part in edition.intro.replace("\r\n", "\n").split("\n\n")]
    return render(
        request,
        "newsletters/edition_detail.html",
        {
            "edition": edition,
            "newsletter": edition.newsletter,
            "stories": stories,
            "intro_paragraphs": [part for part in intro if part],
            "sign_up": sign_up_box(page=request.path),
        },
    )
