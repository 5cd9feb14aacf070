from django.urls import path

from . import views

urlpatterns = [
    path("newsletter/", views.SubscribeView.as_view(), name="newsletter_subscribe"),
    path(
        "newsletter/check-your-inbox/",
        views.CheckInboxView.as_view(),
        name="newsletter_check_inbox",
    ),
    path(
        "newsletter/confirm/<str:token>/",
        views.ConfirmView.as_view(),
        name="newsletter_confirm",
    ),
    path(
        "newsletter/unsubscribe/<str:token>/",
        views.UnsubscribeView.as_view(),
        name="newsletter_unsubscribe",
    ),
    path(
        "newsletter/subscribe-again/<str:token>/",
        views.ResubscribeView.as_view(),
        name="newsletter_resubscribe",
    ),
    path(
        "accounts/newsletter/",
        views.AccountNewsletterView.as_view(),
        name="newsletter_account",
    ),
]
