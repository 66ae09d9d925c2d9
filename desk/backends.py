from axes.backends import AxesStandaloneBackend


class LoginThrottlingBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for authentication that comes with a request.

    A call without one (a management command, a script, a test) is no login attempt anyone can
    repeat from outside; axes would refuse it outright, so it passes on to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
