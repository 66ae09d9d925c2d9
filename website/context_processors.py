from website.identity import site_identity


def site(request):
    identity = site_identity(request)
    return {
        "site": identity,
        "site_name": identity["name"],
        # Query strings (cursors, tracking) never make a different canonical page.
        "canonical_url": identity["origin"] + request.path,
    }
