from django.urls import path

from community import views

app_name = "community"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("me/", views.profile_edit, name="profile"),
    path("members/<int:pk>/connect/", views.member_connect, name="member-connect"),
    path("connections/", views.connections, name="connections"),
    path("requests/<int:pk>/answer/", views.request_answer, name="request-answer"),
    path("requests/<int:pk>/report/", views.request_report, name="request-report"),
    path("requests/<int:pk>/block/", views.request_block, name="request-block"),
    path("blocks/<int:pk>/unblock/", views.unblock, name="unblock"),
    path("tools/<slug:slug>/report/", views.field_report, name="field-report"),
    path("tools/<slug:slug>/ask/", views.tool_ask, name="tool-ask"),
    path("follow/", views.follow, name="follow"),
    path("following/", views.following, name="following"),
    path("unfollow/<str:token>/", views.unfollow, name="unfollow"),
]
