from django.conf import settings

from kredsraad.accounts.scoping import districts_visible_to


def site(request):
    """The footer link, and the districts for the header's switcher."""
    context = {"accessibility_statement_url": settings.ACCESSIBILITY_STATEMENT_URL}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context["user_districts"] = districts_visible_to(user)
    return context
