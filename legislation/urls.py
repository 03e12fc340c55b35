from django.urls import path

from legislation import views
from legislation.feeds import LegalChangesFeed

app_name = "legislation"

urlpatterns = [
    path("", views.index, name="index"),
    path("jurisdictions/", views.jurisdiction_list, name="jurisdiction-list"),
    path("jurisdictions/<str:code>/", views.jurisdiction_detail, name="jurisdiction-detail"),
    path("instruments/<slug:slug>/", views.instrument_detail, name="instrument-detail"),
    path("matrix/", views.matrix, name="matrix"),
    path("matrix.csv", views.matrix_csv, name="matrix-csv"),
    path("compare/", views.compare, name="compare"),
    path("map/", views.world_map, name="map"),
    path("feed/", LegalChangesFeed(), name="feed"),
    path("about/", views.about, name="about"),
]
