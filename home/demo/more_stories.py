"""Three short stories about the newsroom itself, so that listings are not empty."""

MORE_STORIES = [
    {
        "slug": "broadcast-quality-video-free-of-charge",
        "title": "Broadcast-quality video, free of charge, for every newsroom",
        "standfirst": (
            "Journalists can now download our video masters at full broadcast quality after "
            "creating a free account."
        ),
        "date": "2023-10-20",
        "place": "Brussels",
        "topics": ["Video", "Media services"],
        "body": [
            (
                "paragraph",
                "<p>Every video on this site is available as a web preview to watch and as a "
                "broadcast master to download. Downloading is free: create an account with "
                "your email address, confirm it with the code we send you, and the masters "
                "are yours to use in your reporting.</p>",
            ),
            (
                "quote",
                {
                    "text": "Our aim is simple: the same pictures, at the same quality, for "
                    "every newsroom, large or small.",
                    "speaker": "Newsroom video desk",
                    "role": "Multimedia team",
                    "context": "",
                },
            ),
            (
                "paragraph",
                "<p>Each master comes with its shot list, its caption tracks and clear usage "
                "terms.</p>",
            ),
        ],
    },
    {
        "slug": "newsroom-publishes-in-english-and-french",
        "title": "The newsroom publishes in English and French",
        "standfirst": (
            "Stories, quotes and captions are translated so that readers can follow the news "
            "in either official language."
        ),
        "date": "2023-10-18",
        "place": "Brussels",
        "topics": ["Languages", "Media services"],
        "body": [
            (
                "paragraph",
                "<p>Every story is written in English and translated into French by our "
                "translators. Use the language switcher at the top of any page to read the "
                "same story in the other language.</p>",
            ),
        ],
    },
    {
        "slug": "follow-the-news-by-feed-and-newsletter",
        "title": "Follow the news by feed and newsletter",
        "standfirst": (
            "RSS and Atom feeds carry every new story, and the newsletter brings a summary to "
            "your inbox."
        ),
        "date": "2023-10-16",
        "place": "Brussels",
        "topics": ["Media services"],
        "body": [
            (
                "paragraph",
                "<p>Add our RSS or Atom feed to your reader to see new stories as soon as they "
                "are published. Registered users can also subscribe to the newsletter from "
                "their account page.</p>",
            ),
        ],
    },
]
