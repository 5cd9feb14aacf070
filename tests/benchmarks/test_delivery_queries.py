"""The delivery benchmark run small: a listing costs the same queries for a few items as for
many, in every ninjs listing and API endpoint."""

from django.test import TestCase

from benchmarks.delivery_queries import (
    listing_urls,
    published_stories_with_videos,
    queries_per_request,
)

FEW, MANY = 2, 12


class QueriesPerListing(TestCase):
    @classmethod
    def setUpTestData(cls):
        published_stories_with_videos(MANY)

    def test_do_not_grow_with_the_page_size_in_any_endpoint(self):
        for endpoint in listing_urls(FEW):
            with self.subTest(endpoint):
                few = queries_per_request(listing_urls(FEW)[endpoint])
                many = queries_per_request(listing_urls(MANY)[endpoint])

                self.assertEqual(len(many), len(few), "\n".join(many))

    def test_a_listing_of_many_holds_them_all(self):
        listing = self.client.get(listing_urls(MANY)["ninjs_stories"]).json()

        self.assertEqual(len(listing["items"]), MANY)
