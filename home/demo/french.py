"""The French translation of the demo content, keyed by the English text it translates.

The loader hands these to wagtail-localize as a translator would, so the French pages are
real translations: synchronised with their English source and editable in the admin."""

STOLTENBERG_ROLE = "Secrétaire général de l’OTAN"

FRENCH = {
    # Home page and news index
    "Home": "Accueil",
    "home": "accueil",
    "News, quotes and broadcast-quality video, free of charge.": (
        "Actualités, citations et vidéos de qualité broadcast, gratuitement."
    ),
    "News": "Actualités",
    "news": "actualites",
    "Stories from the newsroom, newest first.": (
        "Les articles de la rédaction, du plus récent au plus ancien."
    ),
    # Topics
    "Sweden": "Suède",
    "Enlargement": "Élargissement",
    "Counter-terrorism": "Lutte contre le terrorisme",
    "Critical infrastructure": "Infrastructures critiques",
    "Video": "Vidéo",
    "Media services": "Services aux médias",
    "Languages": "Langues",
    # Video library
    "Videos": "Vidéos",
    "videos": "videos",
    "Every video we publish: watch the preview, or download the broadcast master.": (
        "Toutes nos vidéos : regardez l’aperçu ou téléchargez le master en qualité broadcast."
    ),
    # The seed story
    "Secretary General discusses Sweden’s NATO accession with Prime Minister Kristersson": (
        "Le secrétaire général s’entretient de l’adhésion de la Suède à l’OTAN avec le "
        "Premier ministre Kristersson"
    ),
    "secretary-general-discusses-swedens-accession-in-stockholm": (
        "le-secretaire-general-evoque-l-adhesion-de-la-suede-a-stockholm"
    ),
    "In Stockholm, Jens Stoltenberg welcomed Türkiye’s decision to submit Sweden’s accession "
    "protocol to the Grand National Assembly and called for a speedy ratification.": (
        "À Stockholm, Jens Stoltenberg a salué la décision de la Türkiye de soumettre le "
        "protocole d’accession de la Suède à la Grande Assemblée nationale et a appelé à une "
        "ratification rapide."
    ),
    "Stockholm": "Stockholm",
    "Secretary General Jens Stoltenberg met with Swedish Prime Minister Ulf Kristersson in "
    "Stockholm on Tuesday (24 October 2023) to discuss finalising Sweden’s NATO accession. The "
    "Secretary General welcomed the decision of Turkish President Recep Tayyip Erdoğan to submit "
    "the accession protocol to the Grand National Assembly.": (
        "Le secrétaire général, Jens Stoltenberg, a rencontré le Premier ministre suédois, Ulf "
        "Kristersson, à Stockholm le mardi 24 octobre 2023 pour discuter de la finalisation de "
        "l’adhésion de la Suède à l’OTAN. Le secrétaire général a salué la décision du président "
        "turc, Recep Tayyip Erdoğan, de soumettre le protocole d’accession à la Grande Assemblée "
        "nationale."
    ),
    "Following the submission of the ratification documents, I now count on a speedy "
    "ratification by the Turkish parliament.": (
        "Maintenant que les documents de ratification ont été soumis, je compte sur une "
        "ratification rapide par le parlement turc."
    ),
    "Jens Stoltenberg": "Jens Stoltenberg",
    "NATO Secretary General": STOLTENBERG_ROLE,
    # The demo video's text (its description is the caption that follows)
    "Newsroom test pattern": "Mire d’essai de la rédaction",
    "[A 1 kHz tone plays over colour bars for four seconds.]": (
        "[Un signal de 1 kHz retentit sur des barres de couleur pendant quatre secondes.]"
    ),
    "Demo clip: colour bars and a 1 kHz test tone.": (
        "Séquence de démonstration : mire de barres de couleur et signal de test à 1 kHz."
    ),
    "The Secretary General highlighted that Türkiye’s decision is in line with the agreement at "
    "the Vilnius summit in July, and stressed that Sweden had also fulfilled its commitments:": (
        "Le secrétaire général a souligné que la décision de la Türkiye était conforme à "
        "l’accord conclu au sommet de Vilnius en juillet, et a insisté sur le fait que la Suède "
        "avait elle aussi rempli ses engagements :"
    ),
    "Sweden has amended its constitution, changed its laws, expanded counter-terrorism "
    "cooperation, and resumed arms exports to Türkiye.": (
        "La Suède a modifié sa constitution, changé ses lois, élargi sa coopération en matière "
        "de lutte contre le terrorisme et repris ses exportations d’armes vers la Türkiye."
    ),
    "Mr Stoltenberg noted that NATO has recommitted to the fight against terrorism, including by "
    "updating its action plan, and appointing an Assistant Secretary General to serve as his "
    "Special Coordinator for Counter-Terrorism.": (
        "M. Stoltenberg a fait observer que l’OTAN avait renouvelé son engagement dans la lutte "
        "contre le terrorisme, notamment en actualisant son plan d’action et en nommant un "
        "secrétaire général adjoint chargé d’exercer les fonctions de coordonnateur spécial "
        "pour la lutte contre le terrorisme."
    ),
    "I am glad we have been able to address Türkiye’s legitimate security concerns in a way that "
    "enables Sweden’s membership to move forward. I look forward to welcoming Sweden as a full "
    "NATO Ally in the very near future.": (
        "Je me réjouis que nous ayons pu répondre aux préoccupations légitimes de la Türkiye en "
        "matière de sécurité d’une manière qui permette de faire avancer l’adhésion de la "
        "Suède. J’ai hâte d’accueillir très prochainement la Suède en tant que membre à part "
        "entière de l’OTAN."
    ),
    "The two leaders also addressed recent damage to critical undersea infrastructure in the "
    "Baltic Sea.": (
        "Les deux dirigeants ont également évoqué les dommages subis récemment par des "
        "infrastructures sous-marines critiques en mer Baltique."
    ),
    "Allies and Sweden are working together to establish the facts, and NATO is strengthening "
    "our presence in the region.": (
        "Les Alliés et la Suède travaillent ensemble pour établir les faits, et l’OTAN renforce "
        "sa présence dans la région."
    ),
    "on the damage to undersea infrastructure in the Baltic Sea": (
        "à propos des dommages causés aux infrastructures sous-marines en mer Baltique"
    ),
    "The Secretary General also said:": "Le secrétaire général a également déclaré :",
    "We discussed the situation in the Middle East, and Israel’s response to the horrific "
    "terrorist attack launched by Hamas. Israel has the right to defend itself in line with "
    "international law. The protection of civilians is essential, and I welcome efforts to "
    "ensure that humanitarian aid reaches Gaza. Iran and Hezbollah should not take advantage of "
    "the conflict. It is important that this situation does not escalate further.": (
        "Nous avons discuté de la situation au Moyen-Orient et de la riposte d’Israël à "
        "l’effroyable attentat terroriste perpétré par le Hamas. Israël a le droit de se "
        "défendre dans le respect du droit international. La protection des civils est "
        "essentielle, et je salue les efforts déployés pour que l’aide humanitaire parvienne à "
        "Gaza. L’Iran et le Hezbollah ne doivent pas tirer parti du conflit. Il est important "
        "que la situation ne s’aggrave pas davantage."
    ),
    "During his visit to Sweden, the Secretary General is also meeting with Defence Minister Pål "
    "Jonson, Foreign Minister Tobias Billström, and the First Deputy Speaker of the Swedish "
    "Parliament, Kenneth G Forslund.": (
        "Au cours de sa visite en Suède, le secrétaire général rencontre également le ministre "
        "de la Défense, Pål Jonson, le ministre des Affaires étrangères, Tobias Billström, et le "
        "premier vice-président du Parlement suédois, Kenneth G Forslund."
    ),
    "On Wednesday (25 October 2023), Mr Stoltenberg will participate in the NATO-Industry Forum "
    "in Stockholm.": (
        "Le mercredi 25 octobre 2023, M. Stoltenberg participera au Forum OTAN-Industrie à "
        "Stockholm."
    ),
    # The other demo stories
    "Broadcast-quality video, free of charge, for every newsroom": (
        "Des vidéos de qualité broadcast, gratuites, pour toutes les rédactions"
    ),
    "broadcast-quality-video-free-of-charge": "videos-qualite-broadcast-gratuites",
    "Journalists can now download our video masters at full broadcast quality after creating a "
    "free account.": (
        "Les journalistes peuvent désormais télécharger nos vidéos en qualité broadcast après "
        "avoir créé un compte gratuit."
    ),
    "Brussels": "Bruxelles",
    "Every video on this site is available as a web preview to watch and as a broadcast master "
    "to download. Downloading is free: create an account with your email address, confirm it "
    "with the code we send you, and the masters are yours to use in your reporting.": (
        "Chaque vidéo de ce site peut être regardée en aperçu et téléchargée en qualité "
        "broadcast. Le téléchargement est gratuit : créez un compte avec votre adresse "
        "électronique, confirmez-la avec le code que nous vous envoyons, et les fichiers "
        "originaux sont à vous pour vos reportages."
    ),
    "Our aim is simple: the same pictures, at the same quality, for every newsroom, large or "
    "small.": (
        "Notre objectif est simple : les mêmes images, avec la même qualité, pour toutes les "
        "rédactions, grandes ou petites."
    ),
    "Newsroom video desk": "Service vidéo de la rédaction",
    "Multimedia team": "Équipe multimédia",
    "Each master comes with its shot list, its caption tracks and clear usage terms.": (
        "Chaque fichier original est accompagné de son découpage, de ses sous-titres et de "
        "conditions d’utilisation claires."
    ),
    "The newsroom publishes in English and French": (
        "La rédaction publie en anglais et en français"
    ),
    "newsroom-publishes-in-english-and-french": "la-redaction-publie-en-anglais-et-en-francais",
    "Stories, quotes and captions are translated so that readers can follow the news in either "
    "official language.": (
        "Articles, citations et légendes sont traduits pour que chacun puisse suivre "
        "l’actualité dans l’une ou l’autre langue officielle."
    ),
    "Every story is written in English and translated into French by our translators. Use the "
    "language switcher at the top of any page to read the same story in the other language.": (
        "Chaque article est rédigé en anglais puis traduit en français par nos traducteurs. "
        "Utilisez le sélecteur de langue en haut de chaque page pour lire le même article dans "
        "l’autre langue."
    ),
    "Follow the news by feed and newsletter": (
        "Suivez l’actualité par flux et par lettre d’information"
    ),
    "follow-the-news-by-feed-and-newsletter": "suivez-l-actualite-par-flux-et-lettre-d-information",
    "RSS and Atom feeds carry every new story, and the newsletter brings a summary to your "
    "inbox.": (
        "Les flux RSS et Atom diffusent chaque nouvel article, et la lettre d’information vous "
        "en apporte un résumé."
    ),
    "Add our RSS or Atom feed to your reader to see new stories as soon as they are published. "
    "Registered users can also subscribe to the newsletter from their account page.": (
        "Ajoutez notre flux RSS ou Atom à votre lecteur pour voir les nouveaux articles dès leur "
        "publication. Les utilisateurs inscrits peuvent aussi s’abonner à la lettre "
        "d’information depuis leur page de compte."
    ),
}
