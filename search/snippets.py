"""The snippet under each search result: a few lines of its text with the reader's words marked.

Words are matched as the search matched them: case and accents folded, then reduced to their
stem by the Snowball stemmer of the result's language, the algorithm PostgreSQL's `english`
and `french` configurations use. So a search for "ratifications" marks "ratification", and
"suede" marks "Suède". In a language Snowball has no stemmer for, whole words are matched.
"""

import re
import unicodedata
from functools import lru_cache
from html import escape
from itertools import islice

import snowballstemmer
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info

WORD = re.compile(r"\w+")
WORDS_BEFORE_THE_FIRST_MATCH = 8
SNIPPET_WORDS = 32
# Enough text for the first match of almost any story; the rest is not read.
MOST_CHARACTERS_READ = 20_000


def fold(word):
    """The word in lower case without its accents, as the unaccent dictionary makes it."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=16)
def _stemmer(language_code):
    algorithm = get_language_info(language_code)["name"].lower()
    if algorithm not in snowballstemmer.algorithms():
        return None
    return snowballstemmer.stemmer(algorithm)


class Highlighter:
    def __init__(self, words, language_code):
        self._stemmer = _stemmer(language_code)
        self._stems = {self._stem(word) for word in words}
        # A word is only stemmed if it begins as one of the stems does: stemming changes the
        # end of a word, so this skips most words of a text at the cost of a string compare.
        self._beginnings = tuple({stem[:2] for stem in self._stems})
        # The words of a text that may match, found by one regular expression: those that
        # begin as a stem does (in any case), and those with a letter outside ASCII in their
        # first two, whose folded beginning only `fold` can tell.
        self._candidates = re.compile(
            r"\b(?:{}|\w?[^\W\x00-\x7f])\w*".format(
                "|".join(re.escape(beginning) for beginning in self._beginnings)
            ),
            re.IGNORECASE,
        )
        # Each word's answer, for the rest of this search's snippets: news text repeats its
        # words, and a page of results has ten snippets.
        self._answers = {}

    def _stem(self, word):
        return self._stem_folded(fold(word))

    def _stem_folded(self, folded):
        return self._stemmer.stemWord(folded) if self._stemmer else folded

    def matches(self, word):
        answer = self._answers.get(word)
        if answer is None:
            folded = fold(word)
            answer = self._answers[word] = (
                folded.startswith(self._beginnings) and self._stem_folded(folded) in self._stems
            )
        return answer

    def snippet(self, text):
        """Escaped HTML: about SNIPPET_WORDS words of `text` from just before the first word
        that matches, each match in <mark>; the beginning of `text` if nothing matches.

        Each distinct word is asked about once, and only the words shown are located in the
        text: a page of results makes ten snippets, each of a whole story."""
        text = text[:MOST_CHARACTERS_READ]
        words = WORD.findall(text)
        if not words:
            return ""
        candidates = set(self._candidates.findall(text)) if self._stems else ()
        marked = {word for word in candidates if self.matches(word)}
        first = next((n for n, word in enumerate(words) if word in marked), None)
        start = 0 if first is None else max(0, first - WORDS_BEFORE_THE_FIRST_MATCH)
        shown = list(islice(WORD.finditer(text), start, start + SNIPPET_WORDS))
        parts = ["… " if start else ""]
        position = shown[0].start()
        for word in shown:
            parts.append(escape(text[position : word.start()]))
            # A word (\w+) holds no character that HTML escapes.
            parts.append(f"<mark>{word.group()}</mark>" if word.group() in marked else word.group())
            position = word.end()
        if start + SNIPPET_WORDS < len(words):
            parts.append(" …")
        else:
            parts.append(escape(text[position:]))
        # Every piece of text between words is escaped (by the standard library's escape,
        # which Django's wraps, without marking each piece safe).
        return mark_safe("".join(parts))
