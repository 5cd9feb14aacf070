"""On PostgreSQL: the text search configurations that search/backend.py indexes and searches
each language with. Nothing to do on SQLite, whose FTS5 tokenizer folds accents itself.

Each configuration copies a built-in one and puts the `unaccent` dictionary in front of its
dictionary for words with letters outside ASCII, so that accents are folded before the word
is stemmed: "Suède" and "suede" both become the French stem "sued". Words in plain ASCII
have nothing to fold and keep the built-in mapping.
"""

from django.db import migrations

CONFIGURATIONS = {
    # name: (copied from, dictionary after unaccent)
    "english_unaccent": ("english", "english_stem"),
    "french_unaccent": ("french", "french_stem"),
    # Autocomplete matches the beginning of words, so it folds accents but never stems.
    "simple_unaccent": ("simple", "simple"),
}


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for name, (template, dictionary) in CONFIGURATIONS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {template})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {dictionary}"
        )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    initial = True

    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_configurations, drop_configurations)]
