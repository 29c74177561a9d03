from django.conf import settings
from django.templatetags.static import static


def installation(request):
    """The installation's own name and logo for the header and every page title (settings
    KREDSRAAD_SITE_NAME and KREDSRAAD_SITE_LOGO), so no page shows the code name."""
    logo = settings.KREDSRAAD_SITE_LOGO
    if logo and not logo.startswith(("http://", "https://", "/")):
        logo = static(logo)
    # Not "site_name": Django's sign-in and password views put the domain under that name.
    return {"installation_name": settings.KREDSRAAD_SITE_NAME, "installation_logo": logo}
