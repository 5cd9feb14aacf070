"""The image sizes a story page renders, in one place so the prefetch and templates agree."""

STORY_IMAGE_FILTER = "width-960|format-webp"
HERO_IMAGE_FILTER = "fill-1280x720|format-webp"
CARD_IMAGE_FILTER = "fill-640x360|format-webp"
STORY_IMAGE_FILTERS = (STORY_IMAGE_FILTER,)
