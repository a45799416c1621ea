"""Text primitives shared by dedup, clustering and summarization.

Everything here works offline with no model: word tokens, stemming (a light
English suffix stripper; Snowball stemmers, from the pure-Python ``snowballstemmer``
package, for the other languages it covers), stopwords per language, sentence
splitting (nupunkt, which ships its Punkt parameters) and capitalized-phrase
"entities" with numbers: names and figures read the same in every language, so
they anchor articles across languages.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Mapping
from datetime import date
from functools import lru_cache
from itertools import chain

import numpy as np
import nupunkt

_WORD = re.compile(r"\w+(?:[’'.-]\w+)*")
_NUMBER = re.compile(r"\b\d[\d,.]*\d\b")
_SEPARATORS = re.compile(r"[,.]")
# Capital letters of the Latin (with its extensions: Ł, Ş, İ...), Greek and Cyrillic scripts.
_UPPER = re.escape("".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper()))
_CAPS = re.compile(
    rf"\b(?:[{_UPPER}][\w’'-]+|[A-Z]{{2,}})"
    rf"(?:\s+(?:of|de|del|la|the|and|y|von|van|der|du|des)?\s*[{_UPPER}][\w’'-]+)*"
)

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours out
    over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours said says say told mr mrs ms new one two
    year years week last first may per cent percent according would could us
    el la los las un una unos unas y o de del al en con por para que se su sus es son fue como
    más pero sin sobre entre también este esta esto ese esa lo le les ya muy
    der die das und ist im den dem des ein eine zu mit von auf für nicht sich auch
    le les des et est un une du au aux dans pour sur par pas qui que
    """.split()
)
# Function words of the other languages newsdesk reads (``terms(text, language)``): the
# commonest words of each, which carry no story. English and the short lists above stay
# stopwords in every language (quotes and names cross languages).
_LANGUAGE_STOPWORDS = {
    "de": """aber alle allem allen aller als also am an andere anderen auch auf aus bei beim
        bin bis bisher bist da dabei damit dann darauf darum das dass daß dem den denen denn
        der deren des dessen die dies diese diesem diesen dieser dieses doch dort du durch
        ein eine einem einen einer eines einige er es etwa euch für gegen gibt hab habe haben
        hat hatte hätte hier ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im in ins ist ja
        jetzt kann kein keine können könnte man mehr mein mit muss müssen nach nicht noch nun
        nur ob oder ohne schon sehr sei seien sein seine seinem seinen seiner seit sich sie
        sind so soll sollen sollte sondern sowie über um und uns unter viel vom von vor wann
        war waren warum was weil weiter welche wenn wer werden wie wieder will wir wird wurde
        wurden zu zum zur zwei jahr jahre jahren sagte sagt laut prozent bereits immer""",
    "es": """a al algo algunos ante antes aquí así aunque cada como con contra cual cuando de
        del desde donde dos durante e el ella ellas ellos en entre era eran es esa esas ese
        eso esos esta estaba estado estas este esto estos fue fueron ha había han hasta hay
        la las le les lo los más me mi mismo muy ni no nos o otra otras otro otros para pero
        poco por porque que quien se sea según ser si sido sin sino sobre son su sus también
        tiene tienen todo todos tras un una uno unos ya año años dijo además""",
    "fr": """à au aux avec avait avoir c ce cela celle ces cet cette comme d dans de des deux
        donc du elle elles en encore est et été être eu il ils j je l la le les leur leurs
        lui m ma mais me même mes moins n ne ni nos notre nous on ont ou où par pas peut plus
        pour qu que quel qui s sa sans se selon ses si son sont sous sur ta te tous tout
        très un une vers vous y a été année ans""",
    "it": """a ad al alla alle anche che chi ci come con cui da dal dalla dei del della delle
        di e è gli ha hanno i il in la le lo loro ma nel nella non o per più quando questo
        se si sono su sua suo tra un una uno anni""",
    "pt": """a ao aos as com como da das de do dos e é ela ele em entre era foi há isso já
        mais mas na nas no nos o os ou para pela pelo por que se sem ser seu sua são também
        um uma anos""",
    "tr": """acaba ama ancak artık aslında az bana bazı belki ben benim beri bile bir biri
        birkaç birçok biz bu buna bunda bundan bunu bunun çok çünkü da daha de değil diye
        en gibi göre hem hep her hiç için ile ise kadar ki kim mi mu mü nasıl ne neden o
        olan olarak oldu olduğu olduğunu olmak olması olur on ona ondan onu onun şey şu
        tarafından ve veya ya yani yıl yılında ayrıca sonra önce""",
    "pl": """a aby ale bardzo bez być był była było były by co czy dla do gdy go i ich ile
        im jak jako jednak jego jej jest jeszcze już ją kiedy która które którego której
        który których ma mają może na nad nie nich nim o od oraz po pod przed przez przy
        się są ta tak także tam te tego tej ten to tych tylko tym w we więc wszystko z za
        że żeby roku lat""",
    "ar": """في من على إلى عن أن إن التي الذي الذين هذا هذه ذلك تلك كان كانت ما لا لم لن
        قد ثم أو و مع بين بعد قبل عند كل حتى هو هي هم أي إذا كما وقد وفي ومن التى الى
        عام يوم""",
    "nl": """aan al als bij dat de den der die dit door een en er haar heeft het hij hun in
        is maar met naar niet nog of om onder ook op over te tot uit van voor was werd
        wordt zich zijn""",
}
# Snowball stemmers (``snowballstemmer``) by language code; English keeps ``stem``.
_SNOWBALL = dict(
    pair.split(":")
    for pair in """ar:arabic ca:catalan cs:czech da:danish de:german el:greek es:spanish
    fi:finnish fr:french hu:hungarian id:indonesian it:italian nl:dutch no:norwegian pl:polish
    pt:portuguese ro:romanian ru:russian sv:swedish tr:turkish""".split()
)
# Words that open sentences or name days/months: capitalized but not entities.
_NOT_ENTITIES = frozenset(
    """the a an this that these those he she it they we i in on at for but and or if when while
    after before as by with from of to his her their its our there here what who why how
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december mr mrs ms dr
    el la los las un una en de y der die das ein eine im am und es er sie wir le les une il
    elle ils dans pour lo gli nel bu ve""".split()
)
_SUFFIXES = (
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "ed",
    "es",
    "s",
)


def words(text: str) -> list[str]:
    """Lower-cased word tokens."""
    lowered = text.lower()
    # Lower-casing the text at once gives the same tokens when it maps every character to
    # one (no "İ" -> "i̇") and no capital sigma is there to turn final by its context.
    if len(lowered) == len(text) and "Σ" not in text:
        return _WORD.findall(lowered)
    return [w.lower() for w in _WORD.findall(text)]


def stem(word: str) -> str:
    """A light suffix-stripping stemmer: enough to match 'sanctions' with 'sanctioned'."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def base_language(language: str | None) -> str:
    """``de`` for ``de-DE``, ``de_AT`` or ``DE``; ``en`` when unknown."""
    return re.split(r"[-_]", language or "en", maxsplit=1)[0].lower() or "en"


@lru_cache(maxsize=64)
def _stopwords(language: str) -> frozenset[str]:
    return STOPWORDS | frozenset(_LANGUAGE_STOPWORDS.get(language, "").split())


@lru_cache(maxsize=64)
def _stemmer(language: str):  # noqa: ANN202 - a snowballstemmer stemmer, or None
    """The Snowball stemmer for a language, or None (English, uncovered, not installed)."""
    name = _SNOWBALL.get(language)
    if name is None:
        return None
    try:
        import snowballstemmer
    except ImportError:  # a stemmer is a refinement: words unstemmed still match
        return None
    return snowballstemmer.stemmer(name)


def terms(text: str, language: str | None = None) -> list[str]:
    """Content terms: stemmed words that are not stopwords or bare numbers, by the rules
    of ``language`` (an ISO code such as ``de`` or ``pt-BR``; English when unknown)."""
    return content_terms(words(text), language)


def content_terms(tokens: list[str], language: str | None = None) -> list[str]:
    """``terms`` of a text already split by ``words``: the terms of two texts one after
    the other are the two lists one after the other, so a caller that needs the terms of
    a text and of its start tokenizes it once."""
    lang = base_language(language)
    known = _TERMS.get(lang)
    if known is None or len(known) > _TERMS_KEPT:  # bounded: start afresh when full
        known = _TERMS[lang] = {}
    for w in set(tokens).difference(known):
        known[w] = _term(lang, w)
    return [t for t in map(known.__getitem__, tokens) if t is not None]


def chunk_terms(chunks: list[str], language: str | None = None) -> list[str]:
    """``terms(" ".join(chunks), language)`` for a text split on white space (no token
    spans white space), each chunk's terms kept from the last time it was met: "said,",
    "(AP)" and most words recur from article to article."""
    lang = base_language(language)
    known = _CHUNKS.get(lang)
    if known is None or len(known) > _TERMS_KEPT:
        known = _CHUNKS[lang] = {}
    for chunk in set(chunks).difference(known):
        known[chunk] = tuple(content_terms(words(chunk), lang))
    return list(chain.from_iterable(map(known.__getitem__, chunks)))


# The term (or None) of each token met, and the terms of each white-space chunk, by
# language: dictionary look-ups in place of tokenizing, the stopword and digit checks and
# the stemmer (pure-Python Snowball costs 20 times ``stem``), each time (the clusterer's
# share). Bounded: afresh when full. The only cache of the stems: a second one behind it
# (an lru_cache of 262,144 stems) held more memory than it saved time.
_TERMS: dict[str, dict[str, str | None]] = {}
_CHUNKS: dict[str, dict[str, tuple[str, ...]]] = {}
_TERMS_KEPT = 1 << 15


def _term(language: str, word: str) -> str | None:
    """A token's content term in ``language``, or None (a stopword, a number, one letter)."""
    if word in _stopwords(language) or word.isdigit() or len(word) <= 1:
        return None
    stemmer = _stemmer(language)
    return stem(word) if stemmer is None else stemmer.stemWord(word)


def sentences(text: str) -> list[str]:
    """Sentences of a text, paragraph by paragraph (a sentence never spans paragraphs).

    nupunkt's splits are mended where they cut a sentence in two: inside a quotation
    (“We know. It finds everyone,” said Dr. Okafor: one sentence, or the summary would
    quote half of it with a dangling quote mark) and after an ordinal number ("am 13.
    September", "le 1. mai"), where the next piece starts with a month name or in lower
    case.
    """
    out: list[str] = []
    for paragraph in text.split("\n\n"):
        paragraph = " ".join(paragraph.split())
        if paragraph:
            pieces = [s.strip() for s in nupunkt.sent_tokenize(paragraph) if s.strip()]
            out.extend(_mend(pieces))
    return out


_ORDINAL_END = re.compile(r"(?:^|\s)\d{1,2}\.$")


def _mend(pieces: list[str]) -> list[str]:
    """Join split pieces back while a quotation is open or an ordinal ends the piece."""
    out: list[str] = []
    for piece in pieces:
        if out and (_open_quote(out[-1]) or _ordinal_cut(out[-1], piece)):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _open_quote(sentence: str) -> bool:
    """Whether a quotation opened in the sentence is still open at its end."""
    return sentence.count("“") > sentence.count("”") or (
        sentence.count('"') % 2 == 1 and not sentence.endswith('"')
    )


def _ordinal_cut(previous: str, piece: str) -> bool:
    """A piece cut after an ordinal ("13.") that goes on with a month or a lower-case word."""
    if not _ORDINAL_END.search(previous):
        return False
    first = piece.split(maxsplit=1)[0].strip(".,").lower()
    return first in _MONTHS or piece[:1].islower()


def entities(text: str) -> set[str]:
    """Capitalized phrases and numbers: a model-free stand-in for named entities."""
    phrases = _CAPS.findall(text)
    if len(_PHRASES) > _TERMS_KEPT:
        _PHRASES.clear()
    for phrase in set(phrases).difference(_PHRASES):
        _PHRASES[phrase] = _entity(phrase)
    found = set(map(_PHRASES.__getitem__, phrases))
    found.discard(None)
    # "2,300" and "2.300", "6.4" and "6,4": one number in English and in Spanish or German
    found.update(_SEPARATORS.sub("", n) for n in _NUMBER.findall(text) if len(n) >= 3)
    return found


# The entity each capitalized phrase met names (or None): names recur across articles.
_PHRASES: dict[str, str | None] = {}


def _entity(phrase: str) -> str | None:
    """The entity a capitalized phrase names, folded: without the sentence openers and
    month names before it; None when nothing (or one or two letters) is left."""
    tokens = phrase.split()
    while tokens and tokens[0].lower() in _NOT_ENTITIES:
        tokens = tokens[1:]
    if tokens and not (len(tokens) == 1 and len(tokens[0]) < 3):
        return fold(" ".join(tokens))
    return None


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan januar janvier enero gennaio janeiro ocak styczeń stycznia",
            "february feb februar février febrero febbraio fevereiro şubat luty lutego",
            "march mar märz mars marzo março mart marzec marca",
            "april apr avril abril aprile nisan kwiecień kwietnia",
            "may mai mayo maggio maio mayıs maj maja",
            "june jun juni juin junio giugno junho haziran czerwiec czerwca",
            "july jul juli juillet julio luglio julho temmuz lipiec lipca",
            "august aug août agosto ağustos sierpień sierpnia",
            "september sep sept septembre septiembre settembre setembro eylül wrzesień września",
            "october oct oktober octobre octubre ottobre outubro ekim październik października",
            "november nov novembre noviembre novembro kasım listopad listopada",
            "december dec dezember décembre diciembre dicembre dezembro aralık grudzień grudnia",
        ),
        1,
    )
    for name in names.split()
}
_MONTH = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
_TEXT_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<d2>\d{{1,2}})(?:\.|st|nd|rd|th|er|º)?\s+(?:de\s+)?(?P<m2>{_MONTH})\.?,?\s+(?:de\s+)?"
    rf"(?P<y2>(?:19|20)\d\d)|(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d))(?!\d)",
    re.I,
)
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")


def text_date(text: str) -> date | None:
    """The first full date a text writes ("March 24, 2017", "13. September 2019", "24 de
    marzo de 2017", "2017-03-24"), in any of the languages newsdesk reads; None without."""
    return next(_dates(text), None)


def text_dates(text: str) -> frozenset[date]:
    """Every full date a text writes (as ``text_date`` reads them)."""
    return frozenset(_dates(text))


def _dates(text: str) -> Iterator[date]:
    for match in _TEXT_DATE.finditer(text):
        g = match.groupdict()
        month = _MONTHS.get((g["m1"] or g["m2"] or "").lower()) or int(g["m3"] or 0)
        day, year = int(g["d1"] or g["d2"] or g["d3"]), int(g["y1"] or g["y2"] or g["y3"])
        try:
            yield date(year, month, day)
        except ValueError:  # "February 30": not a date, try the next one
            continue


def years(text: str) -> frozenset[int]:
    """The years (1950-2049) a text mentions."""
    return frozenset(int(y) for y in _YEAR.findall(text))


def fold(text: str) -> str:
    """Lower case without diacritics: "Erdoğan" and "Erdogan", "Zürich" and "Zurich" meet."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def shingles(text: str, size: int = 5) -> set[str]:
    """Word n-gram shingles of the normalized text (for MinHash)."""
    tokens = words(text)
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


class TermStats:
    """Document frequencies learned online, for IDF weights that grow with the stream."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.n_docs = 0

    def add(self, doc_terms: set[str]) -> None:
        self.df.update(doc_terms)
        self.n_docs += 1

    def frequencies(self, terms: Iterable[str]) -> list[int]:
        """The document frequency of each term."""
        get = self.df.get
        return [get(t, 0) for t in terms]

    def idf(self, term: str) -> float:
        return math.log((1 + self.n_docs) / (1 + self.frequencies([term])[0])) + 1.0

    def vector(self, doc_terms: list[str]) -> dict[str, float]:
        """L2-normalized TF-IDF vector (sublinear TF) as a sparse dict."""
        # ``idf`` inlined (the same arithmetic): the clusterer weighs every term of every
        # article here, and the call per term was a tenth of its time
        docs, log = 1 + self.n_docs, math.log
        counts = Counter(doc_terms)
        found = self.frequencies(counts)
        vec = {
            t: (1 + log(c)) * (log(docs / (1 + df)) + 1.0)
            for (t, c), df in zip(counts.items(), found, strict=True)
        }
        return normalize(vec)


class HashedTermStats(TermStats):
    """Document frequencies in a fixed table of counters, one picked by a stable hash of
    the term (CRC-32): memory set by ``buckets``, not by the vocabulary of an endless
    stream of names and typos, and the same counts in every process and on every warm
    start. Terms that share a counter add up; with 2**22 counters and a day's few hundred
    thousand terms, a rare term shares one with a common term about once in a thousand.
    """

    def __init__(self, buckets: int = 2**22) -> None:
        if buckets & (buckets - 1):
            raise ValueError(f"buckets must be a power of two, not {buckets}")
        self.n_docs = 0
        self._mask = buckets - 1
        self._table = np.zeros(buckets, dtype=np.uint32)

    def __len__(self) -> int:
        """The counters in use: about the number of distinct terms seen."""
        return int(np.count_nonzero(self._table))

    def _buckets(self, terms: Iterable[str]) -> np.ndarray:
        found = np.fromiter((zlib.crc32(t.encode()) for t in terms), dtype=np.uint32)
        return found & np.uint32(self._mask)

    def add(self, doc_terms: set[str]) -> None:
        np.add.at(self._table, self._buckets(doc_terms), 1)
        self.n_docs += 1

    def frequencies(self, terms: Iterable[str]) -> list[int]:
        return self._table[self._buckets(terms)].tolist()


def normalize(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(math.fsum([v * v for v in vec.values()]))
    return {t: v / norm for t, v in vec.items()} if norm else {}


def dot(a: Mapping[Hashable, float], b: Mapping[Hashable, float]) -> float:
    """Dot product of two sparse vectors, the cosine when both are unit vectors (the
    shared keys are found in C, not in a loop).

    ``fsum`` makes the result independent of the keys' order, which for sets of strings
    changes from run to run: the same stream always gives the same stories.
    """
    return math.fsum([a[t] * b[t] for t in a.keys() & b.keys()])
