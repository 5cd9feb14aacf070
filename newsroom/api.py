"""The read-only public API (`/api/v2/`), Wagtail's API v2 kept to what the public may see.

Two endpoints only: `pages`, the published stories and video libraries, and `videos`, the
public videos of the library. Wagtail's `images` and `documents` endpoints are left out on
purpose: they list every image outside restricted collections, embargoed stories' included,
with a link to the original. The full text and files of each item are in its ninjs and
NewsML-G2 documents (newsroom/delivery_views.py), which each item links to.

Each listing's queries are the same for 10 items as for 100: the base query asks the one
visibility rule inside SQL, and no field shown needs a query of its own per item."""

from django.conf import settings
from django.http import Http404
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet

from videos.models import Video

from .delivery import LARGEST_ID
from .models import NewsStoryPage, VideoLibraryPage
from .visibility import published


class BoundedPagination(WagtailPagination):
    """Wagtail's offset pagination, refusing an offset past any database integer rather than
    handing it to the database."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > LARGEST_ID:
            raise BadRequestError(f"offset cannot be higher than {LARGEST_ID}")
        return super().paginate_queryset(queryset, request, view)


class PublicEndpoint:
    renderer_classes = [JSONRenderer]
    pagination_class = BoundedPagination

    def initial(self, request, *args, **kwargs):
        """Before any view of the endpoint: parameters Wagtail reads unchecked are refused
        with 400, as any bad parameter. Its `site` failed on a host it did not know (500),
        and there is one site; a locale it does not know answered 404."""
        super().initial(request, *args, **kwargs)
        if "site" in request.GET:
            raise BadRequestError("site is not a parameter of this API: it serves one site")
        locale = request.GET.get("locale")
        if locale is not None and locale not in dict(settings.LANGUAGES):
            languages = ", ".join(code for code, _name in settings.LANGUAGES)
            raise BadRequestError(f"locale must be one of {languages}")

    def find_object(self, queryset, request):
        """A find that is no item's is not found, however it is spelt: Wagtail's own raises
        on an id that is not a number, or a path routing cannot read; PostgreSQL refuses a
        NUL character in a query."""
        if "\x00" in request.GET.get("html_path", ""):
            return None
        try:
            return super().find_object(queryset, request)
        except (ValueError, TypeError, OverflowError):
            return None


class PublicPagesAPIViewSet(PublicEndpoint, PagesAPIViewSet):
    # Searching is the site search's (/<lang>/search/), which knows how each language is
    # stemmed; Wagtail's search filter failed on these pages' visibility query (500).
    filter_backends = [f for f in PagesAPIViewSet.filter_backends if f is not SearchFilter]
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {
        "search",
        "search_operator",
        "site",
    }

    def get_base_queryset(self):
        """Wagtail's own (live, in this site's trees), then the one visibility rule, which
        also leaves out every page behind a restriction whatever the visitor unlocked."""
        pages = published(super().get_base_queryset())
        return pages.type(NewsStoryPage, VideoLibraryPage).select_related("locale")

    def get_queryset(self):
        return super().get_queryset().select_related("locale")


class PublicVideosAPIViewSet(PublicEndpoint, BaseAPIViewSet):
    model = Video
    name = "videos"
    # No ordering or search here: asked for, they are refused rather than ignored.
    known_query_parameters = frozenset(["limit", "offset", "fields", "format"])
    body_fields = [
        *BaseAPIViewSet.body_fields,
        "title",
        "description",
        "duration",
        "width",
        "height",
        "frame_rate",
        "video_codec",
        "location",
        "recorded_on",
        "credit",
        "copyright",
        "usage_terms",
        "created_at",
    ]
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "title",
        "duration",
        "created_at",
    ]

    def get_queryset(self):
        return Video.objects.public().order_by("id")

    def get_object(self):
        pk = self.kwargs.get("pk")
        if isinstance(pk, str) and pk.isdigit() and int(pk) > LARGEST_ID:
            raise Http404
        return super().get_object()


api_router = WagtailAPIRouter("publicapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("videos", PublicVideosAPIViewSet)
