"""The load balancer's health probe, answered whatever host it names by IP address.

Load balancers probe each instance at its own address (``Host: 10.0.0.7:8000``), which is not one
of the site's host names, so Django's host check would turn every probe into a 400 and take the
instance out of the pool. Only ``/healthz`` is let through, and only for an IP address: a foreign
host *name* still gets the bad-request page, and no other path answers to an address.
"""

import ipaddress

from django.http.request import split_domain_port
from django.urls import resolve

HEALTH_PATH = "/healthz"


def names_an_ip_address(host):
    domain, _port = split_domain_port(host)
    try:
        ipaddress.ip_address(domain.strip("[]"))
    except ValueError:
        return False
    return True


class HealthProbeMiddleware:
    """Sits before CommonMiddleware, which is where the host is checked."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_PATH and names_an_ip_address(
            request.META.get("HTTP_HOST", "")
        ):
            # The probe's own view, so its answer (200 or 503) is defined in one place.
            return resolve(HEALTH_PATH).func(request)
        return self.get_response(request)
