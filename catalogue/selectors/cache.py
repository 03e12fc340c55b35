"""The catalogue's cache version and the keys of cached pages.

Every change to a tool, provider or term bumps one version number (``catalogue.signals``);
cached lists, facet counts and related tools are keyed by it, so they never outlive the
data they show.
"""

import hashlib
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import QueryDict

from catalogue.selectors.viewer import Viewer, access_level

CATALOGUE_VERSION_KEY = "catalogue:version"
LIST_CACHE_SECONDS = 60


def catalogue_version() -> int:
    """A number that changes whenever a tool, provider or term changes (see signals.py);
    cached list pages are keyed by it, so they never outlive the data they show."""
    version = cache.get(CATALOGUE_VERSION_KEY)
    if version is None:
        version = int(time.time() * 1000)
        cache.add(CATALOGUE_VERSION_KEY, version, None)
        version = cache.get(CATALOGUE_VERSION_KEY, version)
    return version


def catalogue_changed() -> None:
    try:
        cache.incr(CATALOGUE_VERSION_KEY)
    except ValueError:
        cache.set(CATALOGUE_VERSION_KEY, int(time.time() * 1000), None)


def list_cache_key(*, params: QueryDict, user: Viewer, language: str) -> str:
    """Same list for everyone with the same visibility level, language and query string."""
    items = sorted((k, v) for k in params for v in params.getlist(k))
    digest = hashlib.sha256(urlencode(items).encode()).hexdigest()[:32]
    return f"catalogue:list:{catalogue_version()}:{access_level(user)}:{language}:{digest}"


def whole_page_cache_key(list_key: str) -> str:
    """The whole page an anonymous visitor got for a list state, in this release."""
    return f"{list_key}:page:{settings.RELEASE}"
