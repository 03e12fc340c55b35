from django.urls import path

from training import views

app_name = "training"

urlpatterns = [
    path("", views.course_list, name="course-list"),
    path("courses/<slug:slug>/", views.course_detail, name="course-detail"),
    path("sessions/<int:pk>/", views.session_detail, name="session-detail"),
    path("sessions/<int:pk>/enrol/", views.session_enrol, name="session-enrol"),
    path("enrolments/<int:pk>/cancel/", views.enrolment_cancel, name="enrolment-cancel"),
    path("enrolments/<int:pk>/accept/", views.offer_accept, name="offer-accept"),
    path("enrolments/<int:pk>/decline/", views.offer_decline, name="offer-decline"),
    path("enrolments/<int:pk>/calendar.ics", views.enrolment_ics, name="enrolment-ics"),
    path("offers/<str:token>/", views.offer_respond, name="offer-respond"),
    path("my/", views.my_training, name="my-training"),
    path("my/calendar/", views.calendar_token, name="calendar-token"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
    path("certificates/<str:code>/", views.certificate, name="certificate"),
    path("certificates/<str:code>/pdf/", views.certificate_pdf, name="certificate-pdf"),
    path("verify/", views.certificate_verify, name="certificate-lookup"),
    path("verify/<str:code>/", views.certificate_verify, name="certificate-verify"),
    path("teach/", views.teach_sessions, name="teach-sessions"),
    path("teach/sessions/<int:pk>/", views.roster, name="roster"),
    path("teach/sessions/<int:pk>/roster.csv", views.roster_csv, name="roster-csv"),
    path("teach/sessions/<int:pk>/email/", views.session_email, name="session-email"),
    path("teach/sessions/<int:pk>/cancel/", views.session_cancel, name="session-cancel"),
    path("teach/sessions/<int:pk>/edit/", views.session_edit, name="session-edit"),
    path("teach/sessions/<int:pk>/add/", views.enrolment_add, name="enrolment-add"),
    path("sessions/<int:pk>/contact/", views.contact_trainers, name="contact-trainers"),
]
