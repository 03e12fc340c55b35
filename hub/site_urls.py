from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from hub import views
from hub.forms import HubPasswordResetForm, SignInForm

app_name = "hub"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/register/", views.register, name="register"),
    path("accounts/register/done/", views.register_done, name="register-done"),
    path("accounts/confirm/<str:token>/", views.confirm_email, name="confirm-email"),
    path("accounts/confirm-again/", views.resend_confirmation, name="resend-confirmation"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=SignInForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/security/", views.security, name="security"),
    path("accounts/security/verify/", views.mfa_verify, name="mfa-verify"),
    path("accounts/security/app/", views.totp_start, name="totp-start"),
    path("accounts/security/app/confirm/", views.totp_confirm, name="totp-confirm"),
    path("accounts/security/passkey-added/", views.passkey_recovery_codes, name="passkey-added"),
    path(
        "accounts/security/recovery-codes/",
        views.recovery_codes_renew,
        name="recovery-codes-renew",
    ),
    path(
        "accounts/security/remove/<str:kind>/<int:pk>/",
        views.second_factor_remove,
        name="second-factor-remove",
    ),
    path("accounts/sessions/<int:pk>/end/", views.session_end, name="session-end"),
    path("accounts/sessions/end-others/", views.sessions_end_others, name="sessions-end-others"),
    path(
        "accounts/password/change/",
        views.PasswordChangeView.as_view(success_url=reverse_lazy("hub:password-change-done")),
        name="password-change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password-change-done",
    ),
    path(
        "accounts/password/reset/",
        auth_views.PasswordResetView.as_view(
            form_class=HubPasswordResetForm,
            success_url=reverse_lazy("hub:password-reset-done"),
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password-reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("hub:password-reset-complete")
        ),
        name="password-reset-confirm",
    ),
    path(
        "accounts/password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
]
