"""A draft newsletter issue with the demo stories, in English and (through wagtail-localize)
in French, ready to preview in the admin."""

NEWSLETTER_ISSUE = {
    "subject": "This week in the newsroom: Sweden’s accession, and video for every newsroom",
    "preheader": "The Secretary General in Stockholm, and our broadcast-quality video library.",
    "intro": (
        "Here are the stories our newsroom published this week.\n\n"
        "Every video comes as a web preview to watch and a broadcast master to download, free "
        "of charge once you have an account."
    ),
}

FRENCH_INTRO = (
    "Voici les articles que notre rédaction a publiés cette semaine.\n\n"
    "Chaque vidéo est proposée en aperçu à regarder et en master broadcast à télécharger, "
    "gratuitement une fois votre compte créé."
)


def _as_segment(text):
    """wagtail-localize hands a text field to translators as one segment, its line breaks
    written <br/>."""
    return text.replace("\n", "<br/>")


NEWSLETTER_ISSUE_FRENCH = {
    NEWSLETTER_ISSUE["subject"]: (
        "Cette semaine à la rédaction : l’adhésion de la Suède, et de la vidéo pour toutes les "
        "rédactions"
    ),
    NEWSLETTER_ISSUE["preheader"]: (
        "Le secrétaire général à Stockholm, et notre vidéothèque en qualité broadcast."
    ),
    _as_segment(NEWSLETTER_ISSUE["intro"]): _as_segment(FRENCH_INTRO),
}
