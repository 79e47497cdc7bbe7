"""The own key or seed phrase inside what is signed (calldata, instruction data, memos) is BLOCKed.

Keys are generated per run (never funded); the seed phrase is a checksum-valid BIP-39 phrase
from ``tests/vectors/wallet_keys.json``.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable
from typing import Any

import base58
import pytest
import spl as sx
from conftest import VECTORS
from eth_account import Account
from evm_builders import FRIEND, STRANGER, call, selector
from solders.instruction import AccountMeta
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import TransferParams
from solders.system_program import transfer as sol_transfer
from solders.transaction import Transaction
from web3 import Web3

from aiegis_guard.config import Config, LedgerBackend, LedgerSettings, ThreatSettings
from aiegis_guard.errors import GuardBlocked
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Allowlist, Policy, Wallet
from aiegis_guard.scanners import signed_secrets
from aiegis_guard.signers.evm_account import GuardedAccount
from aiegis_guard.signers.solana_keypair import GuardedKeypair

ACCOUNT = Account.create()
OWN = ACCOUNT.address.lower()
KEY = bytes(ACCOUNT.key)
OTHER_KEY = os.urandom(32)  # a random word: a hash, not an own key
AGENT = Keypair()
CONTRACT = "0x" + "ab" * 20
SEED = next(
    c["text"].split(": ", 1)[1]
    for c in json.loads((VECTORS / "wallet_keys.json").read_text())["cases"]
    if c["id"] == "bip39-12-plain"
)


def _guard(wallet: Wallet | None = None) -> Guard:
    config = Config(
        policy=Policy(allowlist=Allowlist(evm=frozenset({FRIEND})), wallet=wallet or Wallet()),
        threats=ThreatSettings(builtin=False),
        ledger=LedgerSettings(backend=LedgerBackend.MEMORY),
    )
    return Guard(config, classifier=False)


def _tx(data: bytes, sender: str | None = OWN, to: str = CONTRACT) -> dict[str, Any]:
    tx: dict[str, Any] = {"to": to, "value": 0, "data": "0x" + data.hex(), "chainId": 1}
    tx |= {"nonce": 1, "gas": 300_000, "maxFeePerGas": 10**10, "maxPriorityFeePerGas": 1}
    if sender:
        tx["from"] = sender
    return tx


def _secret_rules(verdict: Any) -> set[str]:
    return {f.rule_id for f in verdict.findings if f.rule_id.startswith("secret.")}


def _safe_exec(inner: bytes) -> bytes:
    sig = (
        "execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)"
    )
    zero = "0x" + "00" * 20
    return call(sig, CONTRACT, 0, inner, 0, 0, 0, 0, zero, zero, b"\x01" * 65)


EVM_LEAKS = [
    pytest.param(lambda: selector("verify()") + KEY, id="raw-after-selector"),
    pytest.param(lambda: call("verify(bytes32)", KEY), id="abi-bytes32"),
    pytest.param(lambda: call("verify(bytes)", KEY), id="abi-bytes"),
    pytest.param(lambda: call("verify(string)", "0x" + KEY.hex()), id="abi-string-0x-hex"),
    pytest.param(lambda: call("verify(string)", KEY.hex().upper()), id="abi-string-upper-hex"),
    pytest.param(
        lambda: call("verify(string)", base64.b64encode(KEY.hex().encode()).decode()),
        id="abi-string-base64-of-hex",
    ),
    pytest.param(lambda: call("verify(string)", SEED), id="abi-string-seed-phrase"),
    pytest.param(lambda: call("note(uint8,string)", 3, f"backup {SEED} ok"), id="abi-seed-2nd-arg"),
    pytest.param(lambda: selector("x()") + b"\x07" + KEY + b"\x01\x02", id="packed-unaligned-1"),
    pytest.param(lambda: selector("x()") + b"\x00" * 17 + KEY, id="packed-unaligned-17"),
    pytest.param(lambda: _safe_exec(call("verify(bytes32)", KEY)), id="nested-in-safe-exec"),
    pytest.param(
        lambda: call("multicall(bytes[])", [call("a()"), selector("b()") + b"\x00" * 3 + KEY]),
        id="nested-in-multicall-shifted",
    ),
    pytest.param(lambda: KEY, id="calldata-is-the-key"),
    pytest.param(lambda: call("verify(string)", "ff" + KEY.hex() + "00"), id="hex-glued"),
    pytest.param(lambda: call("verify(string)", "f" + KEY.hex()), id="hex-odd-nibble"),
    pytest.param(lambda: KEY.hex().encode(), id="calldata-is-ascii-hex"),
]


@pytest.mark.parametrize("build", EVM_LEAKS)
def test_own_key_in_calldata_is_blocked(build: Callable[[], bytes]) -> None:
    """A tx carrying the own key or a seed phrase anywhere in its calldata is BLOCKed."""
    verdict = _guard().check_transaction(_tx(build()))
    assert verdict.action is Action.BLOCK
    assert _secret_rules(verdict) & {"secret.evm_private_key", "secret.bip39_mnemonic"}
    assert KEY.hex() not in verdict.to_json().lower()


def test_own_key_known_from_wallet_config_without_from() -> None:
    """Without a ``from``, the ``[wallet]`` addresses are the own ones."""
    guard = _guard(Wallet(evm=frozenset({OWN})))
    verdict = guard.check_transaction(_tx(call("verify(bytes)", KEY), sender=None))
    assert verdict.action is Action.BLOCK
    assert "secret.evm_private_key" in _secret_rules(verdict)


def test_own_key_known_from_context() -> None:
    """Per-call own addresses (``context``) count as own."""
    verdict = _guard().check_transaction(
        _tx(selector("v()") + b"\x01" + KEY, sender=None), context={"own_evm": [OWN]}
    )
    assert verdict.action is Action.BLOCK


NEAR_MISSES = [
    pytest.param(lambda: call("verify(bytes32)", OTHER_KEY), id="random-word-is-a-hash"),
    pytest.param(lambda: selector("x()") + b"\x05" + OTHER_KEY, id="random-unaligned"),
    pytest.param(lambda: call("transfer(address,uint256)", FRIEND, 5), id="plain-transfer"),
    pytest.param(lambda: call("post(string)", "hello world, gm frens"), id="plain-string"),
]


@pytest.mark.parametrize("build", NEAR_MISSES)
def test_other_bytes_are_not_secrets(build: Callable[[], bytes]) -> None:
    """Hashes, random words and ordinary strings in calldata are not reported as secrets."""
    verdict = _guard().check_transaction(_tx(build(), to=FRIEND))
    assert not _secret_rules(verdict)


def test_high_entropy_beyond_budget_is_flagged(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the derivation budget the payload is FLAGged, never passed unread."""
    monkeypatch.setattr(signed_secrets, "MAX_DERIVATIONS", 8)
    verdict = _guard().check_transaction(_tx(selector("x()") + os.urandom(600), to=FRIEND))
    assert "tx.secret_scan_limit" in {f.rule_id for f in verdict.findings}
    assert verdict.action is not Action.ALLOW


TYPED = {
    "types": {
        "EIP712Domain": [{"name": "name", "type": "string"}],
        "Note": [{"name": "text", "type": "string"}, {"name": "owner", "type": "address"}],
    },
    "primaryType": "Note",
    "domain": {"name": "Notes"},
}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(KEY.hex, id="typed-string-hex"),
        pytest.param(lambda: SEED, id="typed-string-seed"),
    ],
)
def test_typed_data_string_field_with_own_secret(text: Callable[[], str]) -> None:
    """A typed-data string field holding the own key / a seed phrase is BLOCKed."""
    typed = {**TYPED, "message": {"text": text(), "owner": STRANGER}}
    verdict = _guard().check_typed_data(typed, context={"own_evm": [OWN]})
    assert verdict.action is Action.BLOCK
    assert _secret_rules(verdict)


def test_guarded_account_refuses_to_sign_its_own_key() -> None:
    """GuardedAccount never signs a transaction that carries its own key."""
    account = GuardedAccount(ACCOUNT, guard=_guard())
    with pytest.raises(GuardBlocked) as caught:
        account.sign_transaction(_tx(call("verify(bytes)", KEY), sender=None))
    assert KEY.hex() not in repr(caught.value).lower()


def test_web3_middleware_refuses_to_send_the_own_key() -> None:
    """Through the web3 middleware (eth-tester node): nothing reaches the chain."""
    from web3 import Web3
    from web3.providers.eth_tester import EthereumTesterProvider

    from aiegis_guard.signers.evm_middleware import guard_middleware

    w3 = Web3(EthereumTesterProvider())
    w3.eth.send_transaction({"from": w3.eth.accounts[0], "to": ACCOUNT.address, "value": 10**18})
    w3.middleware_onion.inject(guard_middleware(_guard()), name="aiegis", layer=0)
    tx = {**_tx(call("verify(bytes)", KEY), sender=None), "chainId": w3.eth.chain_id, "nonce": 0}
    tx |= {"to": Web3.to_checksum_address(CONTRACT), "data": bytes.fromhex(tx["data"][2:])}
    signed = ACCOUNT.sign_transaction(tx)
    with pytest.raises(GuardBlocked):
        w3.eth.send_raw_transaction(signed.raw_transaction)
    assert w3.eth.get_transaction_count(ACCOUNT.address) == 0


# --- Solana -----------------------------------------------------------------------------

PROGRAM = Pubkey.from_string("Prog111111111111111111111111111111111111111")
SECRET64 = bytes(AGENT)  # seed || public key


def _sol_tx(*ixs: Any) -> Transaction:
    return Transaction.new_unsigned(sx.message(AGENT.pubkey(), list(ixs)))


def _unknown(data: bytes) -> Any:
    return sx.raw(PROGRAM, data, AccountMeta(AGENT.pubkey(), True, True))


SOLANA_LEAKS = [
    pytest.param(lambda: _unknown(b"\x02" + SECRET64), id="ix-data-keypair"),
    pytest.param(lambda: _unknown(b"\x02\x09" + SECRET64[:32]), id="ix-data-seed-only"),
    pytest.param(lambda: _unknown(b"\x01" + base58.b58encode(SECRET64)), id="ix-data-base58"),
    pytest.param(lambda: sx.memo(base58.b58encode(SECRET64), AGENT.pubkey()), id="memo-base58"),
    pytest.param(lambda: sx.memo(str(list(SECRET64)), AGENT.pubkey()), id="memo-json-array"),
    pytest.param(lambda: sx.memo(SEED, AGENT.pubkey()), id="memo-seed-phrase"),
]


@pytest.mark.parametrize("build", SOLANA_LEAKS)
def test_own_solana_secret_in_instruction_is_blocked(build: Callable[[], Any]) -> None:
    """The fee payer's secret key (or a seed phrase) in instruction data or a memo: BLOCK."""
    verdict = _guard().check_transaction(_sol_tx(build()), chain="solana")
    assert verdict.action is Action.BLOCK
    assert _secret_rules(verdict) & {"secret.solana_keypair", "secret.bip39_mnemonic"}


def test_guarded_keypair_refuses_to_sign_its_own_key() -> None:
    """GuardedKeypair never signs an instruction that carries its own secret key."""
    signer = GuardedKeypair(AGENT, _guard())
    with pytest.raises(GuardBlocked):
        signer.sign_transaction(_sol_tx(_unknown(b"\x02" + SECRET64[:32])))


def test_solana_near_miss_random_data() -> None:
    """Random instruction data is not a secret."""
    verdict = _guard().check_transaction(_sol_tx(_unknown(os.urandom(64))), chain="solana")
    assert not _secret_rules(verdict)


def test_repeated_texts_keep_their_findings() -> None:
    """A text met twice in one payload (a memo, then the run of its own bytes) is scanned
    once, yet reported per occurrence, exactly as when each text is scanned alone."""
    policy = Policy()
    texts = [SEED, SEED, SEED[2:], "invoice 42 paid", SEED]
    one_by_one = [f for t in texts for f in signed_secrets._text_secrets([t], policy)]
    assert signed_secrets._text_secrets(texts, policy) == one_by_one
    assert sum(1 for f in one_by_one if f.rule_id == "secret.bip39_mnemonic") >= 3


# generated, never funded; exactly three zero bytes each (at the start / at the end)
_ZKEY = Account.from_key(b"\x00\x00\x00" + bytes(b or 1 for b in os.urandom(29)))
_TKEY = Account.from_key(bytes(b or 1 for b in os.urandom(29)) + b"\x00\x00\x00")

ZERO_EDGE_LEAKS = [
    pytest.param(
        _ZKEY, lambda k: selector("x()") + bytes(40) + k, id="leading-zeros-after-padding"
    ),
    pytest.param(_ZKEY, lambda k: bytes(5) + k + bytes(9), id="leading-zeros-between-runs"),
    pytest.param(
        _TKEY, lambda k: selector("x()") + k + bytes(64), id="trailing-zeros-before-padding"
    ),
    pytest.param(_TKEY, lambda k: call("verify(bytes32)", k), id="trailing-zeros-abi-word"),
]


@pytest.mark.parametrize(("account", "build"), ZERO_EDGE_LEAKS)
def test_own_key_with_zero_bytes_next_to_padding(
    account: Any, build: Callable[[bytes], bytes]
) -> None:
    """A key holding three zero bytes that touch ABI padding is still a candidate window."""
    own = account.address.lower()
    verdict = _guard().check_transaction(_tx(build(bytes(account.key)), sender=own))
    assert verdict.action is Action.BLOCK
    assert "secret.evm_private_key" in _secret_rules(verdict)


def _naive_sparse(blob: bytes) -> list[int]:
    limit = signed_secrets.MAX_ZERO_BYTES
    return [
        o
        for o in range(len(blob) - 31)
        if blob[o : o + 32].count(0) <= limit
        and not any(len(set(blob[i : i + limit + 1])) == 1 for i in range(o, o + 32 - limit))
    ]


SPARSE = [
    pytest.param(b"", id="empty"),
    pytest.param(os.urandom(31), id="shorter-than-a-window"),
    pytest.param(os.urandom(200), id="random"),
    pytest.param(bytes(300), id="all-zero"),
    pytest.param(call("transfer(address,uint256)", STRANGER, 5), id="abi-transfer"),
    pytest.param(_safe_exec(call("verify(bytes32)", OTHER_KEY)), id="abi-nested"),
    pytest.param(b"\x00\x00\x00" + os.urandom(40) + b"\x00\x00\x00", id="three-zero-edges"),
    pytest.param(b"\x00" * 4 + os.urandom(32) + b"\x00" * 4, id="four-zero-edges"),
    pytest.param(bytes(b if i % 9 else 0 for i, b in enumerate(os.urandom(400))), id="scattered"),
    pytest.param(b"\x01\x00\x00\x00\x00\x01" * 30, id="short-runs"),
    pytest.param(call("approve(address,uint256)", STRANGER, 2**256 - 1), id="abi-unlimited"),
    pytest.param(os.urandom(20) + b"\xff" * 4 + os.urandom(20) + b"\x07" * 3, id="runs-at-edges"),
    pytest.param(b"\x00\x00\x00\xff\xff\xff" * 20, id="short-runs-of-two-bytes"),
]


@pytest.mark.parametrize("blob", SPARSE)
def test_sparse_windows_are_the_windows_the_filter_keeps(blob: bytes) -> None:
    """Runs found by regex give exactly the windows with at most MAX_ZERO_BYTES zeros and no
    run of more equal bytes."""
    assert signed_secrets._sparse_windows(blob) == _naive_sparse(blob)


ORDINARY_CALLDATA = [
    pytest.param(call("transfer(address,uint256)", STRANGER, 5 * 10**6), id="transfer"),
    pytest.param(call("approve(address,uint256)", STRANGER, 2**256 - 1), id="approve-unlimited"),
    pytest.param(
        call(
            "permit(address,address,uint256,uint256,uint8,bytes32,bytes32)",
            FRIEND,
            STRANGER,
            2**256 - 1,
            2**256 - 1,
            27,
            b"\x00" * 32,
            b"\x00" * 32,
        ),
        id="permit-max-no-signature",
    ),
]


@pytest.mark.parametrize("blob", ORDINARY_CALLDATA)
def test_ordinary_calldata_derives_no_window(blob: bytes) -> None:
    """Transfers and approvals, unlimited ones too, hold no window a key could be: the scan
    derives nothing for them (the derivation is the cost of the signed-bytes scan)."""
    deriver = signed_secrets._Deriver(frozenset({FRIEND.lower()}), frozenset())
    assert signed_secrets._raw_keys(blob, deriver, set()) == []
    assert deriver.budget == signed_secrets.MAX_DERIVATIONS


# --- caches: what the scan keeps between calls follows the policy and the payer ------------


def _memo_of_seed(payer: Keypair) -> Transaction:
    """A memo holding ``AGENT``'s seed as hex, paid by ``payer``."""
    return _sol_tx_paid(payer, sx.memo(SECRET64[:32].hex(), payer.pubkey()))


def _sol_tx_paid(payer: Keypair, *ixs: Any) -> Transaction:
    return Transaction.new_unsigned(sx.message(payer.pubkey(), list(ixs)))


def test_own_key_follows_the_payer_call_by_call() -> None:
    """The same memo alternately paid by the agent (its own seed: BLOCK) and by another
    wallet (a stranger's key: not a secret.solana_keypair): nothing carries over."""
    guard, other = _guard(), Keypair()
    for _ in range(3):
        own = guard.check_transaction(_memo_of_seed(AGENT), chain="solana")
        assert own.action is Action.BLOCK
        assert "secret.solana_keypair" in _secret_rules(own)
        foreign = guard.check_transaction(_memo_of_seed(other), chain="solana")
        assert "secret.solana_keypair" not in _secret_rules(foreign)


def test_same_request_under_two_allowlists() -> None:
    """One memo + SOL transfer judged alternately with and without its recipient
    allowlisted (per-call context): two verdicts, never the other call's."""
    guard, friend = _guard(), Keypair().pubkey()
    pay = sol_transfer(TransferParams(from_pubkey=AGENT.pubkey(), to_pubkey=friend, lamports=5))
    tx = _sol_tx(sx.memo("invoice 42 paid", AGENT.pubkey()), pay)
    allowed = {"allow_solana": [str(friend)]}
    for _ in range(3):
        listed = guard.check_transaction(tx, chain="solana", context=allowed)
        unlisted = guard.check_transaction(tx, chain="solana")
        assert "tx.sol.unknown_recipient" not in {f.rule_id for f in listed.findings}
        assert "tx.sol.unknown_recipient" in {f.rule_id for f in unlisted.findings}


def test_policy_with_own_addresses_is_per_policy_and_bounded() -> None:
    """The policy copy holding a payload's own addresses: the policy itself when it already
    has them, else a copy of *that* policy (its allowlist kept), and at most 256 kept."""
    payer = str(AGENT.pubkey())
    has_it = Policy(wallet=Wallet(solana=frozenset({payer})))
    assert signed_secrets._with_own(has_it, [], [payer]) is has_it
    friend_a, friend_b = "0x" + "a1" * 20, "0x" + "b2" * 20
    a = Policy(allowlist=Allowlist(evm=frozenset({friend_a})))
    b = Policy(allowlist=Allowlist(evm=frozenset({friend_b})))
    for policy, friend in ((a, friend_a), (b, friend_b), (a, friend_a)):
        copy = signed_secrets._with_own(policy, [OWN], [payer])
        assert copy.allowlist.evm == {friend}
        assert OWN in copy.wallet.evm and payer in copy.wallet.solana
    for _ in range(300):
        signed_secrets._with_own(Policy(), [OWN], [str(Keypair().pubkey())])
    assert len(signed_secrets._WITH_OWN) <= 256


def _pieces(secret: bytes, width: int = 4) -> set[str]:
    """Every run of ``width`` bytes of the secret, as hex."""
    return {secret[i : i + width].hex() for i in range(len(secret) - width + 1)}


@pytest.mark.parametrize(
    ("judge", "secret"),
    [
        pytest.param(
            lambda: _guard().check_transaction(_sol_tx(_unknown(b"\x02" + SECRET64))),
            SECRET64[:32],
            id="solana-discriminator",
        ),
        pytest.param(
            lambda: _guard().check_transaction(_tx(KEY + os.urandom(8))),
            KEY,
            id="evm-selector",
        ),
        pytest.param(
            lambda: _guard().check_transaction(
                _tx(call("transfer(address,uint256)", STRANGER, int.from_bytes(KEY, "big")))
            ),
            KEY,
            id="erc20-amount-is-the-key",
        ),
        pytest.param(
            lambda: _guard().check_transaction(
                _tx(call("approve(address,uint256)", STRANGER, int.from_bytes(KEY, "big")))
            ),
            KEY,
            id="allowance-is-the-key",
        ),
    ],
)
def test_secret_read_off_signed_bytes_is_withheld(judge: Callable[[], Any], secret: bytes) -> None:
    """What the decoder reads off signed bytes that hold the own secret (an unknown call's
    selector or discriminator, an amount that *is* the key) is withheld: no verdict field,
    effect or effect line repeats a piece of the secret, in hex or in decimal."""
    verdict = judge()
    assert verdict.action is Action.BLOCK
    shown = json.dumps(verdict.to_dict()) + " ".join(verdict.effect_lines)
    assert not {p for p in _pieces(secret) if p in shown}
    assert str(int.from_bytes(secret, "big"))[:20] not in shown
    assert "withheld" in shown


MALFORMED_LEAKS = [
    pytest.param(lambda: selector("transfer(address,uint256)") + b"\x01" * 5 + KEY, id="transfer"),
    pytest.param(lambda: selector("approve(address,uint256)") + KEY, id="approve-one-word"),
    pytest.param(lambda: selector("multicall(bytes[])") + b"\x00" * 31 + b"\x20" + KEY,
                 id="multicall-bad-offsets"),
]  # fmt: skip


@pytest.mark.parametrize("build", MALFORMED_LEAKS)
def test_own_key_in_undecodable_calldata_is_blocked(build: Callable[[], bytes]) -> None:
    """A known selector whose arguments do not decode still has its bytes read: the own key
    in them is BLOCKed, not only FLAGged as undecodable — in a dict and as typed data alike."""
    verdict = _guard().check_transaction(_tx(build()))
    assert verdict.action is Action.BLOCK
    assert {"tx.undecodable", "secret.evm_private_key"} <= set(verdict.rule_ids)
    assert KEY.hex() not in verdict.to_json().lower()
    broken = {"types": {"EIP712Domain": []}, "primaryType": "Missing", "message": {"k": KEY.hex()}}
    typed = _guard(Wallet(evm=frozenset({OWN}))).check_typed_data(broken)
    assert typed.action is Action.BLOCK
    assert KEY.hex() not in typed.to_json().lower()


def test_undecodable_calldata_without_a_key_is_only_flagged() -> None:
    verdict = _guard().check_transaction(_tx(selector("approve(address,uint256)") + OTHER_KEY))
    assert verdict.action is Action.FLAG
    assert verdict.rule_ids == ("tx.undecodable",)


def test_own_solana_seed_in_an_unparsable_transaction_is_blocked() -> None:
    """A Solana transaction cut short (its base64 does not parse) still has its bytes read."""
    raw = bytes(_sol_tx(_unknown(b"\x02\x09" + SECRET64[:32] + b"\x11" * 8)))[:-3]
    guard = _guard(Wallet(solana=frozenset({str(AGENT.pubkey())})))
    verdict = guard.check_transaction(base64.b64encode(raw).decode(), chain="solana")
    assert verdict.action is Action.BLOCK
    assert "tx.undecodable" in verdict.rule_ids
    assert base58.b58encode(SECRET64[:32]).decode() not in verdict.to_json()


def _cut_sol() -> bytes:
    return bytes(_sol_tx(_unknown(b"\x02\x09" + SECRET64[:32] + b"\x11" * 8)))[:-3]


CUT_SOLANA_FORMS = [
    pytest.param(lambda: base58.b58encode(_cut_sol()).decode(), id="base58"),
    pytest.param(lambda: base64.urlsafe_b64encode(_cut_sol()).decode().rstrip("="), id="urlsafe"),
    pytest.param(lambda: base64.encodebytes(_cut_sol()).decode(), id="wrapped-lines"),
    pytest.param(lambda: {"transaction": [base64.b64encode(_cut_sol()).decode(), "base64"]},
                 id="rpc-pair"),
    pytest.param(_cut_sol, id="bytes"),
]  # fmt: skip


@pytest.mark.parametrize("build", CUT_SOLANA_FORMS)
def test_own_solana_seed_in_any_form_of_a_broken_transaction(build: Callable[[], Any]) -> None:
    """Cut short, in any encoding or wrapper, with only its fee payer to say whose it is."""
    verdict = _guard().check_transaction(build(), chain="solana")
    assert verdict.action is Action.BLOCK
    assert "secret.solana_keypair" in _secret_rules(verdict)


def test_own_key_in_a_signed_raw_transaction_with_broken_calldata() -> None:
    """The signature names the sender when the calldata does not decode."""
    fields = {"value": 0, "gas": 90_000, "gasPrice": 10**9, "nonce": 0, "chainId": 1}
    data = selector("approve(address,uint256)") + KEY
    signed = ACCOUNT.sign_transaction(
        {**fields, "to": Web3.to_checksum_address(CONTRACT), "data": data}
    )
    verdict = _guard().check_transaction("0x" + bytes(signed.raw_transaction).hex())
    assert verdict.action is Action.BLOCK
    assert "secret.evm_private_key" in _secret_rules(verdict)
    assert KEY.hex() not in verdict.to_json().lower()


def test_own_key_in_calldata_given_as_a_list_of_ints() -> None:
    tx = _tx(selector("approve(address,uint256)") + KEY)
    tx["data"] = list(bytes.fromhex(tx["data"][2:]))
    assert _guard().check_transaction(tx).action is Action.BLOCK
