from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Global Hub curation"
admin.site.site_title = "Global Hub curation"
admin.site.index_title = "Catalogue, training, legislation and members"

handler400 = "hub.views.bad_request"
handler403 = "hub.views.permission_denied"
handler404 = "hub.views.page_not_found"
handler500 = "hub.views.server_error"

urlpatterns = [
    path("", include("hub.site_urls")),
    path("tools/", include("catalogue.urls")),
    path("training/", include("training.urls")),
    path("legislation/", include("legislation.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
