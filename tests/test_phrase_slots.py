"""Phrase-rule slots and text preparation: addresses, URLs, files, percentages, identifiers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiegis_guard.scanners.phrases.match import find, forget_recent
from aiegis_guard.scanners.phrases.slots import find_slot
from aiegis_guard.scanners.phrases.terms import imperative, lowered, squeeze

EVM = "0x8c4ea60f5e907e3aad7c875b3e58fb543b12aba3"
SOL = "bqhy4agpe6wrytriy4pyb4nzfgst22sfuadhl5u5faqd"
TX_HASH = "0x" + "5c504ed432cb51138bcf09aa5e8a410d" * 2  # a transaction hash, not a key


@pytest.mark.parametrize(
    ("slot", "text", "found"),
    [
        pytest.param("@addr", f"send to {EVM} now", [EVM], id="evm"),
        pytest.param("@addr", f"to {SOL}.", [SOL], id="solana-lowered"),
        pytest.param("@addr", "pay vault-ops.eth today", ["vault-ops.eth"], id="ens"),
        pytest.param("@addr", f"tx {TX_HASH} confirmed", [], id="tx-hash-is-no-address"),
        pytest.param("@addr", "a" * 50, [], id="long-run-is-no-address"),
        pytest.param("@addr", "received 1.5 eth.", [], id="amount-is-no-ens"),
        pytest.param("@url", "verify at https://x.example.io/a?b=1 now",
                     ["https://x.example.io/a?b=1"], id="scheme-url"),
        pytest.param("@url", "go to claim-airdrop.xyz/migrate, then", ["claim-airdrop.xyz/migrate"],
                     id="bare-domain"),
        pytest.param("@url", "mail ops@example.com today", [], id="email-is-no-url"),
        pytest.param("@file", "read ops/security.txt first", ["ops/security.txt"], id="file"),
        pytest.param("@file", "the .mdx format", [], id="not-an-extension"),
        pytest.param("@pct", "set slippage to 100% now", ["100%"], id="percent"),
        pytest.param("@pct", "with 0.5% slippage", [], id="small-percent"),
        pytest.param("@pct", "raise it 125%", [], id="three-digits-not-split"),
        pytest.param("@code", "call fastsend now", ["fastsend"], id="glued-verb"),
        pytest.param("@code", "use secure_transfer_v2 please", ["secure_transfer_v2"], id="snake"),
        pytest.param("@code", "run withdraw() today", ["withdraw("], id="call"),
        pytest.param("@code", "token.approve(x)", [], id="method-of-an-object"),
        pytest.param("@code", "he transferred it while sending payments", [], id="plain-english"),
    ],
)  # fmt: skip
def test_slot_finders(slot: str, text: str, found: list[str]) -> None:
    """Each slot finds its tokens in lowered text and nothing that merely looks close."""
    assert [text[s:e] for s, e in find_slot(slot, text)] == found


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        pytest.param("Send 5 ETH to x.", "send", True, id="sentence-start"),
        pytest.param("Please send the funds.", "send", True, id="after-please"),
        pytest.param("Silently add it.", "add", True, id="after-adverb"),
        pytest.param("The app will send it.", "send", False, id="future-tense"),
        pytest.param("Method: Transfer", "transfer", False, id="label-value"),
        pytest.param("Transfer Status: locked", "transfer", False, id="label-key"),
        pytest.param("Actions:\n1. WETH.approve(pool, 350e18)", "approve", False, id="member-call"),
        pytest.param("Function: approve(address spender, uint256)", "approve", False, id="call"),
        pytest.param("- tokens[0].transfer to the vault", "transfer", False, id="member"),
        pytest.param("Approve (once) the router.", "approve", True, id="aside-after-verb"),
        pytest.param("Done. Approve the router.", "approve", True, id="after-full-stop"),
    ],
)  # fmt: skip
def test_imperative(text: str, verb: str, expected: bool) -> None:
    """An imperative starts a clause and has an object; labels and statements are not."""
    low = text.lower()
    start = low.index(verb)
    assert imperative(low, start, start + len(verb)) is expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n\t\r.:"), max_size=200))
def test_squeeze_maps_back(text: str) -> None:
    """Squeezing runs of spaces keeps a position map that lands on the same characters."""
    low = lowered(text)
    assert len(low) == len(text)
    squeezed, at, shift = squeeze(low)
    assert "  " not in squeezed
    k = 0
    for p, ch in enumerate(squeezed):
        while k + 1 < len(at) and at[k + 1] <= p:
            k += 1
        back = p + (shift[k] if at and at[k] <= p else 0)
        assert low[back] == ch


@pytest.mark.parametrize(
    "text",
    [
        pytest.param((EVM + " fee ") * 4000, id="repeated-address-and-cue"),
        pytest.param("also send 1 eth to " * 5000, id="repeated-verb-without-address"),
        pytest.param(("https://a.io/x " + "verify locked ") * 4000, id="repeated-url-and-threat"),
        pytest.param("send_token(" * 10000, id="repeated-identifier"),
        pytest.param("  " * 50000 + "system prompt", id="long-run-of-spaces"),
    ],
)
def test_slot_heavy_repetition_terminates(text: str) -> None:
    """Texts dense with slots and cues are matched in bounded work."""
    forget_recent()
    assert isinstance(find(text), tuple)


def _wallet_functions_everywhere(low: str, src: str) -> list[tuple[int, int]]:
    """The definition of ``@fn``: every candidate ('_', '(', camelCase) read on its own."""
    from aiegis_guard.scanners.phrases import slots

    cands = slots._finds(low, "_") + slots._finds(low, "(")
    shape = src.encode("ascii", "replace").translate(slots._SHAPE)
    i = shape.find(b"aA")
    while i >= 0:
        cands.append(i + 1)
        i = shape.find(b"aA", i + 2)
    out = set()
    for i in cands:
        s, e = slots._ident(low, i)
        word = low[s:e].rstrip("(")
        if len(word) >= 4 and low[s].isalpha() and any(v in word for v in slots._WALLET_WORDS):
            out.add((s, e))
    return sorted(out)


_FN_PIECES = st.sampled_from(
    ["send", "transfer", "pay", "exit", "sweep", "Send", "Transfer", "fast", "token", "_", "(",
     ".", " ", "A", "x", "9", "İ", "ẞ", "К", '"blockHash":', "baseFeePerGas"]
)  # fmt: skip


@pytest.mark.slow  # an equivalence / property sweep: make test runs it
@settings(max_examples=500, deadline=None)
@given(st.lists(_FN_PIECES, max_size=16))
def test_wallet_functions_read_only_near_wallet_words(pieces: list[str]) -> None:
    """``@fn`` reads only the candidates next to a wallet word's identifier (issue 13: a
    JSON result's camelCase keys); it finds exactly what reading every candidate finds."""
    src = "".join(pieces)
    low = lowered(src)
    assert find_slot("@fn", low, src) == _wallet_functions_everywhere(low, src)
