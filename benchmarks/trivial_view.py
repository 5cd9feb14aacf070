"""A view that does nothing: the baseline the story page's requests per second are compared to.

Kept apart from urls.py so the benchmark can know its path without importing the URLconf,
which needs Django set up."""

from django.http import HttpResponse

PATH = "/bench/trivial/"


def trivial(request):
    return HttpResponse("ok")
