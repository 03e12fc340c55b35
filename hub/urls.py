from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

handler400 = "hub.views.bad_request"
handler403 = "hub.views.permission_denied"
handler404 = "hub.views.page_not_found"
handler500 = "hub.views.server_error"

urlpatterns = [
    path("", include("hub.site_urls")),
    path("accounts/", include("hub.account_urls")),  # data rights and verification life cycle
    path("tools/", include("catalogue.urls")),
    path("training/", include("training.urls")),
    path("legislation/", include("legislation.urls")),
    path("", include("responsible.urls")),  # /assessments/ and /responsible-ai/
    path("community/", include("community.urls")),
    # Choosing a language only sets a cookie, so the form needs no CSRF token; pages then
    # carry no per-visitor token and stay cacheable.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("accounts/passkeys/", include("hub.webauthn_urls")),
]
