from django.urls import path

from legislation import views

app_name = "legislation"

urlpatterns = [
    path("", views.index, name="index"),
]
