# Varnish 7.1 in front of the newsroom's app instances (README "Caching").
#
#   cp deploy/varnish/newsroom.vcl DIR/
#   python deploy/varnish/write_backends.py 10.0.0.5:8000 10.0.0.6:8000 > DIR/backends.vcl
#   varnishd -a :8080 -f DIR/newsroom.vcl -p vcl_path=DIR
#
# varnishd compiles this file as user varnish and serves as vcache: DIR must be readable by
# them, which a checkout in a private home directory is not. The app instances come from
# "backends.vcl" on vcl_path (the one beside this file points at 127.0.0.1:8000). Purges by key come from the app (NEWSROOM_EDGE_PURGE_URLS) as
# "PURGE /" with an "xkey-purge: article-12 front" header, from the addresses in acl purgers.
vcl 4.1;

import std;
import xkey;
import directors;

include "backends.vcl";

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = newsroom.backend();
    if (req.restarts > 0 && req.http.x-newsroom-refetch) {
        # Back from vcl_hit: the copy is too stale to serve while the app is up.
        set req.grace = 0s;
    }
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "An xkey-purge header names the keys to purge"));
        }
        set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.x-purged));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Previews live in every edition (/uk/preview/...); the desk and healthz only unprefixed.
    if (req.url ~ "^/(admin|preview)/" || req.url ~ "^/[a-z]{2,3}(-[a-z0-9]+)?/preview/"
        || req.url ~ "^/healthz") {
        return (pass);
    }
    if (req.url ~ "^/(media|static)/") {
        # Uploads and static files never change at their address: kept long, whoever asks.
        unset req.http.Cookie;
        return (hash);
    }
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        # Signed in (the desk): always the app, never a shared copy.
        return (pass);
    }
    # An anonymous reader's other cookies (analytics, the CSRF cookie) never change a page.
    unset req.http.Cookie;
    # The edition is the address's alone (/uk/... for Ukrainian, unprefixed for the default):
    # a browser's language preference never reaches the app, so one copy serves every reader
    # of an address, and an edition's keys (front-uk) purge only its pages.
    unset req.http.Accept-Language;
    # Only the parameters the app reads make a different page (PAGE_PARAMETERS in
    # delivery/middleware.py): tracking ones and any other share the entry without them, so a
    # flood of made-up parameters cannot fill the cache.
    set req.url = regsuball(req.url, "([?&])(?!(?:before|fragment|p|page|q)=)[^&]*", "\1");
    set req.url = regsuball(req.url, "[?&]+$", "");
    set req.url = regsuball(req.url, "([?&])&+", "\1");
    set req.url = std.querysort(req.url);
    return (hash);
}

sub vcl_hit {
    if (obj.ttl >= 0s) {
        return (deliver);
    }
    # Stale: the app says how long it may be served while refetching (stale-while-revalidate,
    # which never outlives a go-live); longer only while the app is down (stale-if-error).
    if (std.healthy(req.backend_hint)) {
        if (obj.ttl + std.duration(obj.http.x-newsroom-swr + "s", 0s) > 0s) {
            return (deliver);
        }
        set req.http.x-newsroom-refetch = "1";
        return (restart);
    }
    return (deliver);
}

sub vcl_backend_response {
    if (bereq.url ~ "^/(media|static)/") {
        unset beresp.http.Set-Cookie;
        set beresp.grace = 1d;
        return (deliver);
    }
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || !beresp.http.Cache-Control ~ "s-maxage") {
        # Only what the app marked public with a lifetime is shared.
        # Remembered briefly as uncacheable, so concurrent requests go straight to the app.
        set beresp.uncacheable = true;
        set beresp.ttl = 10s;
        return (deliver);
    }
    set beresp.http.x-newsroom-swr = "0";
    if (beresp.http.Cache-Control ~ "stale-while-revalidate=[0-9]+") {
        set beresp.http.x-newsroom-swr = regsub(beresp.http.Cache-Control,
            ".*stale-while-revalidate=([0-9]+).*", "\1");
    }
    set beresp.grace = 0s;
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(regsub(beresp.http.Cache-Control,
            ".*stale-if-error=([0-9]+).*", "\1") + "s", 0s);
    }
    # Keeps the body for conditional refetches (ETag / Last-Modified): a 304 from the app.
    set beresp.keep = 1h;
    return (deliver);
}

sub vcl_backend_error {
    if (bereq.is_bgfetch) {
        # The stale copy stays in place rather than an error replacing it.
        return (abandon);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Edge-Cache = "hit";
    } else {
        set resp.http.X-Edge-Cache = "miss";
    }
    # The keys and our bookkeeping are for caches, not readers.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
    unset resp.http.x-newsroom-swr;
    unset resp.http.X-Cache;
    call strip_software_names;
}

sub vcl_synth {
    # Varnish's own answers (a refused purge, an error page) name it too.
    call strip_software_names;
}

sub strip_software_names {
    # Which software serves the site tells a scanner what to try, and a reader nothing.
    unset resp.http.Server;
    unset resp.http.X-Varnish;
    unset resp.http.Via;
}
