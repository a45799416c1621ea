"""The LLM summarizer against a real OpenAI-compatible server on loopback.

The server answers ``POST /v1/chat/completions`` from the sentences it is sent: it
rewrites the first ones and cites them, or, in the faulty modes, invents a number or a
name, cites a sentence it was not given, drops citations, fails or answers junk. Every
faulty answer must fall back to the extractive summary.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsdesk.model import Article
from newsdesk.summarize import ExtractiveSummarizer
from newsdesk.summarize.llm import LLMError, LLMSettings, LLMSummarizer, check, prompt

ARTICLES = [
    Article(
        url="https://a.example/quake",
        title="Earthquake of magnitude 6.4 strikes Valdoria",
        outlet="A Wire",
        text=(
            "A magnitude 6.4 earthquake struck northern Valdoria on Tuesday, killing at least "
            "nine people and damaging 140 buildings in the city of Lirenza.\n\n"
            "The quake hit at 3:12 a.m. at a depth of 10 kilometers, the Valdorian Seismic "
            "Institute said in a statement.\n\n"
            "Rescue teams were searching collapsed homes in the old town through the night, "
            "and the government declared three days of mourning."
        ),
    ),
    Article(
        url="https://b.example/quake",
        title="Deadly quake rocks Valdoria",
        outlet="B Daily",
        text=(
            "At least nine people died when a strong earthquake shook Lirenza before dawn on "
            "Tuesday, officials said.\n\n"
            "Mayor Ines Carvalho said 140 buildings were damaged and 2,300 residents spent "
            "the night in shelters set up in schools.\n\n"
            "Aftershocks rattled the region for hours, keeping frightened families outdoors "
            "until the morning."
        ),
    ),
]


def _reply(mode: str, numbered: list[tuple[int, str]]) -> str:
    """The canned answer for a mode, built from the sentences the request carried."""
    (i, first), (j, second) = numbered[0], numbered[1]
    good = [f"{first} [{i}]", f"{second} [{j}]"]
    if mode == "good":
        return "\n".join(good)
    if mode == "paraphrase":
        return f"1. {first.replace('struck', 'hit')} [{i}][{j}]\n2. {second} [{j}]"
    if mode == "number":
        return "\n".join([good[0], f"The quake killed 47 people in Lirenza [{i}]"])
    if mode == "entity":
        return "\n".join([good[0], f"President Marco Ferreira visited Lirenza [{i}][{j}]"])
    if mode == "bad-id":
        return "\n".join([good[0], f"{second} [{len(numbered) + 5}]"])
    if mode == "unsupported":
        return "\n".join([good[0], f"Rescue dogs and volunteers cooked soup in Lirenza [{i}]"])
    if mode == "uncited":
        return "\n".join([good[0], second])
    raise AssertionError(mode)


class _Handler(BaseHTTPRequestHandler):
    mode = "good"
    requests: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        auth = self.headers.get("Authorization")
        type(self).requests.append({"path": self.path, "body": body, "auth": auth})
        if self.path != "/v1/chat/completions" or self.mode == "500":
            self.send_error(500 if self.mode == "500" else 404)
            return
        user = body["messages"][-1]["content"]
        numbered = [(int(n), s) for n, s in re.findall(r"^\[(\d+)\] (.*)$", user, re.M)]
        if self.mode == "junk":
            payload: dict = {"unexpected": True}
        else:
            message = {"role": "assistant", "content": _reply(self.mode, numbered)}
            payload = {"id": "x", "object": "chat.completion", "choices": [{"message": message}]}
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


def _summarizer(server: str, mode: str) -> LLMSummarizer:
    _Handler.mode = mode
    _Handler.requests = []
    settings = LLMSettings(url=server, model="tiny", api_key="sk-test", timeout=5)
    return LLMSummarizer(settings, max_sentences=3)


def test_good_answer_is_used_with_citations_mapped_to_articles(server: str) -> None:
    summary = _summarizer(server, "good").summarize(ARTICLES)
    request = _Handler.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["auth"] == "Bearer sk-test"
    assert request["body"]["model"] == "tiny"
    sent = re.findall(r"^\[(\d+)\] (.*)$", request["body"]["messages"][-1]["content"], re.M)
    assert len(sent) >= 3
    assert [s.text for s in summary] == [sent[0][1], sent[1][1]]
    by_id = {a.id: a for a in ARTICLES}
    for sentence in summary:
        assert sentence.text in by_id[sentence.article_id].text


def test_paraphrase_with_numbered_list_and_two_citations_passes(server: str) -> None:
    summary = _summarizer(server, "paraphrase").summarize(ARTICLES)
    assert len(summary) == 2
    assert " hit " in summary[0].text and not summary[0].text.startswith("1.")
    assert summary[0].article_id == ARTICLES[0].id


@pytest.mark.parametrize("mode", ["number", "entity", "bad-id", "unsupported", "uncited"])
def test_unfaithful_answers_fall_back_to_extractive(
    server: str, mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    summary = _summarizer(server, mode).summarize(ARTICLES)
    assert len(_Handler.requests) == 1
    assert summary == ExtractiveSummarizer(max_sentences=3).summarize(ARTICLES)
    assert "rejected" in caplog.text


@pytest.mark.parametrize("mode", ["500", "junk"])
def test_endpoint_failures_fall_back_to_extractive(
    server: str, mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    summary = _summarizer(server, mode).summarize(ARTICLES)
    assert summary == ExtractiveSummarizer(max_sentences=3).summarize(ARTICLES)
    assert server in caplog.text


def test_unreachable_endpoint_falls_back(caplog: pytest.LogCaptureFixture) -> None:
    settings = LLMSettings(url="http://127.0.0.1:9/v1", model="tiny", timeout=2)
    summary = LLMSummarizer(settings).summarize(ARTICLES)
    assert summary == ExtractiveSummarizer(max_sentences=3).summarize(ARTICLES)
    assert "127.0.0.1:9" in caplog.text


def test_check_names_the_fault() -> None:
    extracted = ExtractiveSummarizer(max_sentences=6, max_words=None).summarize(ARTICLES)
    assert "[1]" in prompt(extracted)
    with pytest.raises(LLMError, match="2,301"):
        check("Some 2,301 residents spent the night in shelters [1]", extracted, ARTICLES)
    with pytest.raises(LLMError, match="carvalho"):
        check("Governor Ana Carvalho spoke of the damage [1]", extracted, ARTICLES)
    # Numbers written differently from the source still match it.
    ok = check(
        "Mayor Ines Carvalho said 2300 residents spent the night in shelters [2]".replace(
            "[2]", f"[{_index(extracted, 'shelters')}]"
        ),
        extracted,
        ARTICLES,
    )
    assert ok[0].article_id == ARTICLES[1].id


def _index(extracted: list, word: str) -> int:
    return next(i for i, s in enumerate(extracted, 1) if word in s.text)
