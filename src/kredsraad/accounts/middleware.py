import time

from django.conf import settings
from django.contrib.auth import logout


class IdleTimeoutMiddleware:
    """Signs a user out after SESSION_IDLE_TIMEOUT seconds without a request.

    The last activity is written at most once a minute, so most requests cost no session write.
    """

    session_key = "last_activity"
    resolution = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(self.session_key, now)
            if now - last > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                request.session["idle_logout"] = True
            elif now - last >= self.resolution or self.session_key not in request.session:
                request.session[self.session_key] = now
        return self.get_response(request)
