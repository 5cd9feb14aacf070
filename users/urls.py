from django.urls import include, path

from .views import AcceptTermsView, AccountView, DeleteAccountView, WelcomeView, download_my_data

urlpatterns = [
    path("accounts/welcome/", WelcomeView.as_view(), name="account_welcome"),
    path("accounts/profile/", AccountView.as_view(), name="account_profile"),
    path("accounts/profile/delete/", DeleteAccountView.as_view(), name="account_delete"),
    path("accounts/profile/my-data.json", download_my_data, name="account_data"),
    path("accounts/terms/", AcceptTermsView.as_view(), name="account_accept_terms"),
    path("accounts/", include("allauth.urls")),
]
