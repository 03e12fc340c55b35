from django.urls import path

from responsible import views

app_name = "responsible"

urlpatterns = [
    path("assessments/", views.assessment_list, name="assessment-list"),
    path("assessments/new/<slug:slug>/", views.assessment_start, name="assessment-start"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment-detail"),
    path("assessments/<int:pk>/worksheet/", views.assessment_edit, name="assessment-edit"),
    path("assessments/<int:pk>/print/", views.assessment_print, name="assessment-print"),
    path("assessments/<int:pk>/complete/", views.assessment_complete, name="assessment-complete"),
    path("assessments/<int:pk>/share/", views.assessment_share, name="assessment-share"),
    path(
        "assessments/<int:pk>/share/<int:share_pk>/remove/",
        views.assessment_unshare,
        name="assessment-unshare",
    ),
    path("assessments/<int:pk>/comment/", views.comment_add, name="comment-add"),
    path("assessments/<int:pk>/sign/", views.assessment_sign, name="assessment-sign"),
    path("assessments/<int:pk>/reopen/", views.assessment_reopen, name="assessment-reopen"),
    path(
        "responsible-ai/tools/<slug:slug>/propose/",
        views.proposal_create,
        name="proposal-create",
    ),
]
