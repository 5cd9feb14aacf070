from django.urls import include, path

from .views import WelcomeView

urlpatterns = [
    path("accounts/welcome/", WelcomeView.as_view(), name="account_welcome"),
    path("accounts/", include("allauth.urls")),
]
