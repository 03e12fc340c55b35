import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings")
application = get_wsgi_application()


def warm_up() -> None:
    """Import every view and compile the URL patterns now, while the process starts, instead of
    during its first request: that import took about 0.4 s of CPU, paid by whoever came first
    to each new process (after a deploy, and whenever gunicorn recycles a worker), and by a
    whole rush of them when it came first. No database access: a process still starts while
    PostgreSQL is away."""
    from django.conf import settings
    from django.urls import get_resolver, reverse
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 (the property imports the views)
    with translation.override(settings.LANGUAGE_CODE):
        reverse("hub:home")  # fills the resolver's reverse tables for every language prefix


warm_up()
