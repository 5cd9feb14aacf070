"""The first demo story: the seed portal's news story, word for word.

Its quotations are quote blocks; the narrative around them is paragraphs, and the "he said"
that introduced each quotation is carried by the quote's speaker and role.
"""

STOLTENBERG = {"speaker": "Jens Stoltenberg", "role": "NATO Secretary General"}

SEED_STORY = {
    "slug": "secretary-general-discusses-swedens-accession-in-stockholm",
    "title": "Secretary General discusses Sweden’s NATO accession with Prime Minister Kristersson",
    "standfirst": (
        "In Stockholm, Jens Stoltenberg welcomed Türkiye’s decision to submit Sweden’s "
        "accession protocol to the Grand National Assembly and called for a speedy ratification."
    ),
    "date": "2023-10-24",
    "place": "Stockholm",
    "topics": ["Sweden", "Enlargement", "Counter-terrorism", "Critical infrastructure"],
    "people": [
        ("Jens Stoltenberg", "NATO Secretary General"),
        ("Ulf Kristersson", "Prime Minister of Sweden"),
        ("Recep Tayyip Erdoğan", "President of Türkiye"),
        ("Pål Jonson", "Minister for Defence of Sweden"),
        ("Tobias Billström", "Minister for Foreign Affairs of Sweden"),
        ("Kenneth G Forslund", "First Deputy Speaker of the Swedish Parliament"),
    ],
    "body": [
        (
            "paragraph",
            "<p>Secretary General Jens Stoltenberg met with Swedish Prime Minister Ulf "
            "Kristersson in Stockholm on Tuesday (24 October 2023) to discuss finalising "
            "Sweden’s NATO accession. The Secretary General welcomed the decision of Turkish "
            "President Recep Tayyip Erdoğan to submit the accession protocol to the Grand "
            "National Assembly.</p>",
        ),
        (
            "quote",
            {
                "text": "Following the submission of the ratification documents, I now count on "
                "a speedy ratification by the Turkish parliament.",
                **STOLTENBERG,
                "context": "",
            },
        ),
        ("video", None),
        (
            "paragraph",
            "<p>The Secretary General highlighted that Türkiye’s decision is in line with the "
            "agreement at the Vilnius summit in July, and stressed that Sweden had also "
            "fulfilled its commitments:</p>",
        ),
        (
            "quote",
            {
                "text": "Sweden has amended its constitution, changed its laws, expanded "
                "counter-terrorism cooperation, and resumed arms exports to Türkiye.",
                **STOLTENBERG,
                "context": "",
            },
        ),
        (
            "paragraph",
            "<p>Mr Stoltenberg noted that NATO has recommitted to the fight against terrorism, "
            "including by updating its action plan, and appointing an Assistant Secretary "
            "General to serve as his Special Coordinator for Counter-Terrorism.</p>",
        ),
        (
            "quote",
            {
                "text": "I am glad we have been able to address Türkiye’s legitimate security "
                "concerns in a way that enables Sweden’s membership to move forward. I look "
                "forward to welcoming Sweden as a full NATO Ally in the very near future.",
                **STOLTENBERG,
                "context": "",
            },
        ),
        (
            "paragraph",
            "<p>The two leaders also addressed recent damage to critical undersea "
            "infrastructure in the Baltic Sea.</p>",
        ),
        (
            "quote",
            {
                "text": "Allies and Sweden are working together to establish the facts, and NATO "
                "is strengthening our presence in the region.",
                **STOLTENBERG,
                "context": "on the damage to undersea infrastructure in the Baltic Sea",
            },
        ),
        ("paragraph", "<p>The Secretary General also said:</p>"),
        (
            "quote",
            {
                "text": "We discussed the situation in the Middle East, and Israel’s response to "
                "the horrific terrorist attack launched by Hamas. Israel has the right to "
                "defend itself in line with international law. The protection of civilians is "
                "essential, and I welcome efforts to ensure that humanitarian aid reaches Gaza. "
                "Iran and Hezbollah should not take advantage of the conflict. It is important "
                "that this situation does not escalate further.",
                **STOLTENBERG,
                "context": "",
            },
        ),
        (
            "paragraph",
            "<p>During his visit to Sweden, the Secretary General is also meeting with Defence "
            "Minister Pål Jonson, Foreign Minister Tobias Billström, and the First Deputy "
            "Speaker of the Swedish Parliament, Kenneth G Forslund.</p>",
        ),
        (
            "paragraph",
            "<p>On Wednesday (25 October 2023), Mr Stoltenberg will participate in the "
            "NATO-Industry Forum in Stockholm.</p>",
        ),
    ],
}
