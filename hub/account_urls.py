from django.urls import path

from hub import account_views as views

app_name = "account"

urlpatterns = [
    path("reverify/", views.reverify, name="reverify"),
    path("leave/", views.leave, name="leave"),
    path("data/", views.data, name="data"),
    path("delete/", views.delete, name="delete"),
    path("deleted/", views.deleted, name="deleted"),
]
