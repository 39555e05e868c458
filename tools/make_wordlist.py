"""Regenerate resources/words/en-stems.txt: the Porter 2 stems of English dictionary words.

The near-duplicate check folds a misspelt word onto a word of the chart one typo away, but never
when both are real words ("loyal" / "local", "quota" / "quote"). This list says what is a real
word. Source: Webster's Second International (1934, public domain) as packaged by the PyPI
project english-words ("web2"), plus modern words it lacks (below). The file is one line of
sorted words per word length, read without parsing (rolemap/core/analysis/wordlist.py).
Run once by a developer:

    pip install english-words snowballstemmer && python tools/make_wordlist.py
"""

from __future__ import annotations

from pathlib import Path

import snowballstemmer
from english_words import get_english_words_set

from rolemap.core.analysis.wordlist import dumps

MODERN = """
online offline email emails app apps website webinar webinars podcast podcasts hashtag hashtags
livestream livestreams influencer influencers onboarding offboarding signup signups login logins
checkout dashboard dashboards chatbot chatbots smartphone smartphones download downloads upload
uploads username usernames password passwords newsletter newsletters startup startups inbox
analytics retarget retargeting rebrand rebranding upsell upselling crossell downsell
ecommerce fintech edtech blockchain crowdfunding freelancer freelancers wifi bluetooth
subscriber subscribers unsubscribe screenshot screenshots storyboard storyboards
""".split()


def main() -> None:
    stemmer = snowballstemmer.stemmer("english")
    words = {
        w for w in get_english_words_set(["web2"], lower=True, alpha=True) if 4 <= len(w) <= 24
    }
    words.update(MODERN)
    stems = sorted({stemmer.stemWord(w) for w in words} | words)
    out = Path(__file__).resolve().parent.parent / "resources" / "words" / "en-stems.txt"
    out.write_bytes(dumps(stems))
    print(f"{len(stems)} stems and words, {out.stat().st_size} bytes -> {out}")


if __name__ == "__main__":
    main()
