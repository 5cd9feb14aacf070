"""The image sizes Python code asks for; templates name the same specs in their {% image %} tags."""

HERO_IMAGE_FILTER = "fill-1280x720|format-webp"
