from django.urls import path

from catalogue import feeds, views
from catalogue.finder import views as finder_views

app_name = "catalogue"

urlpatterns = [
    path("", views.tool_list, name="tool-list"),
    path("compare/", views.tool_compare, name="tool-compare"),
    path("finder/", finder_views.finder, name="finder"),
    path("finder/reading/", finder_views.finder_reading, name="finder-reading"),
    path("finder/shortlist/", finder_views.finder_shortlist, name="finder-shortlist"),
    path("feed/", feeds.ToolFeed(), name="tool-feed"),
    path("export.csv", views.tool_export, {"fmt": "csv"}, name="tool-export-csv"),
    path("export.json", views.tool_export, {"fmt": "json"}, name="tool-export-json"),
    path("submit/", views.tool_submit, name="tool-submit"),
    path("submissions/", views.submission_list, name="submission-list"),
    path("shortlists/", views.shortlist_list, name="shortlist-list"),
    path("shortlists/<int:pk>/", views.shortlist_detail, name="shortlist-detail"),
    path("shortlists/<int:pk>/export.csv", views.shortlist_export, name="shortlist-export"),
    path("shortlists/<int:pk>/delete/", views.shortlist_delete, name="shortlist-delete"),
    path("shortlists/items/<int:pk>/", views.shortlist_item_update, name="shortlist-item-update"),
    path("<slug:slug>/", views.tool_detail, name="tool-detail"),
    path("<slug:slug>/shortlist/", views.shortlist_add, name="shortlist-add"),
]
