"""The demo's terms of use: short, plain, and clear about what registering allows."""

TERMS = {
    "title": "Terms of use",
    "slug": "terms-of-use",
    "body": (
        "<p>Registered users may download the broadcast-quality videos of this site free of "
        "charge and use them in news reporting, with the credit line given for each video.</p>"
        "<p>Videos may not be sold as they are, or used to suggest an endorsement.</p>"
        "<p>We keep your email address to let you sign in and, if you ask for it, to send you "
        "our newsletter. You can download your data or delete your account at any time from "
        "your account page.</p>"
    ),
}

TERMS_FRENCH = {
    "Terms of use": "Conditions d’utilisation",
    "terms-of-use": "conditions-d-utilisation",
    "Registered users may download the broadcast-quality videos of this site free of charge "
    "and use them in news reporting, with the credit line given for each video.": (
        "Les utilisateurs inscrits peuvent télécharger gratuitement les vidéos de qualité "
        "broadcast de ce site et les utiliser dans leurs reportages, avec la mention de crédit "
        "indiquée pour chaque vidéo."
    ),
    "Videos may not be sold as they are, or used to suggest an endorsement.": (
        "Les vidéos ne peuvent pas être vendues en l’état, ni utilisées pour suggérer un soutien."
    ),
    "We keep your email address to let you sign in and, if you ask for it, to send you our "
    "newsletter. You can download your data or delete your account at any time from your "
    "account page.": (
        "Nous conservons votre adresse électronique pour vous permettre de vous connecter et, "
        "si vous le demandez, pour vous envoyer notre lettre d’information. Vous pouvez "
        "télécharger vos données ou supprimer votre compte à tout moment depuis votre page de "
        "compte."
    ),
}
