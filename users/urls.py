from django.urls import include, path

from .views import (
    AcceptTermsView,
    AccountView,
    ConfirmEmailVerificationCodeView,
    DeleteAccountView,
    PasswordResetView,
    WelcomeView,
    download_my_data,
)

urlpatterns = [
    path("accounts/welcome/", WelcomeView.as_view(), name="account_welcome"),
    path("accounts/profile/", AccountView.as_view(), name="account_profile"),
    path("accounts/profile/delete/", DeleteAccountView.as_view(), name="account_delete"),
    path("accounts/profile/my-data.json", download_my_data, name="account_data"),
    path("accounts/terms/", AcceptTermsView.as_view(), name="account_accept_terms"),
    # Before allauth's own, which it replaces at the same address.
    path("accounts/password/reset/", PasswordResetView.as_view(), name="account_reset_password"),
    path(
        "accounts/confirm-email/",
        ConfirmEmailVerificationCodeView.as_view(),
        name="account_email_verification_sent",
    ),
    path("accounts/", include("allauth.urls")),
]
