"""Zora v3 asks, a Safe's on-chain message signature (SignMessageLib), Hyperlane warp routes,
Gnosis MultiSigWallet owners and Kwenta account delegates, each read as its protocol says.

Calldata is eth_abi's encoding of the published signatures (ourzora/v3 ``AsksV1_1.sol`` /
``ZoraModuleManager.sol``; safe-global/safe-smart-account ``SignMessageLib.sol``;
hyperlane-xyz ``TokenRouter.sol``; gnosis/MultiSigWallet ``MultiSigWallet.sol``;
Kwenta/smart-margin ``Auth.sol``); deployments from ``data/evm_protocols.json``; parties are
generated (``tests/receiver_builders.py``).
"""

from __future__ import annotations

from typing import Any

import pytest

from aiegis_guard import Guard
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from aiegis_guard.verdict import Verdict
from tests.evm_builders import call, tx
from tests.receiver_builders import FRIEND, OWN, STRANGER, USDC, ZERO, addr, rules, word

ASKS = "0x6170b3c3a54c3d8c854934cbc314ed479b2b29a3"  # Zora AsksV1_1 (ourzora/v3 addresses/1.json)
MODULES = "0x850a7c6fe2cf48eea1393554c8a3ba23f20cc401"  # ZoraModuleManager
NFT = addr("nft-collection")
ETH = 10**18
_CREATE = "createAsk(address,uint256,uint256,address,address,uint16)"


def judged(payload: dict[str, Any], *trusted: str, own: str = OWN) -> Verdict:
    """``own``'s verdict, ``trusted`` allowlisted in every role (recipient, spender,
    operator, delegate)."""
    allow = [t.lower() for t in trusted]
    roles = ("evm", "evm_spenders", "evm_operators", "evm_delegates")
    policy = Policy.model_validate(
        {"wallet": {"evm": [own]}, "allowlist": dict.fromkeys(roles, allow)}
    )
    return Guard(policy, classifier=False).check_transaction(payload, chain="evm")


def sent(to: str, data: bytes, value: int = 0, sender: str = OWN) -> dict[str, Any]:
    return tx(to, data, value, **{"from": sender, "chainId": 1})


def ask(price: int, funds_to: str, to: str = ASKS, finders_fee_bps: int = 100) -> dict[str, Any]:
    return sent(to, call(_CREATE, NFT, 4321, price, ZERO, funds_to, finders_fee_bps))


@pytest.mark.parametrize(
    ("payload", "action", "expected"),
    [
        pytest.param(ask(32 * ETH, OWN), Action.ALLOW, set(), id="fair-ask-to-own"),
        pytest.param(ask(32 * ETH, FRIEND), Action.ALLOW, set(), id="fair-ask-to-allowlisted"),
        pytest.param(
            ask(32 * ETH, STRANGER), Action.BLOCK, {"tx.evm.order_gives_away"}, id="to-stranger"
        ),
        pytest.param(ask(1, OWN), Action.BLOCK, {"tx.evm.order_gives_away"}, id="one-wei-ask"),
        pytest.param(
            ask(32 * ETH, OWN, finders_fee_bps=10_000),
            Action.BLOCK,
            {"tx.evm.order_gives_away"},
            id="finder-takes-the-whole-price",
        ),
        pytest.param(
            ask(32 * ETH, OWN, finders_fee_bps=5_000),
            Action.ALLOW,
            set(),
            id="finder-takes-half",
        ),
        pytest.param(
            sent(ASKS, call("setAskPrice(address,uint256,uint256,address)", NFT, 7, 1, ZERO)),
            Action.BLOCK,
            {"tx.evm.order_gives_away"},
            id="price-lowered-to-dust",
        ),
        pytest.param(
            sent(ASKS, call("setAskPrice(address,uint256,uint256,address)", NFT, 7, ETH, ZERO)),
            Action.ALLOW,
            set(),
            id="price-changed",
        ),
        pytest.param(
            sent(ASKS, call("cancelAsk(address,uint256)", NFT, 7)), Action.ALLOW, set(), id="cancel"
        ),
    ],
)
def test_zora_ask_is_an_order_for_its_price_paid_to_its_funds_recipient(
    payload: dict[str, Any], action: Action, expected: set[str]
) -> None:
    """Issue 12 (effects_real_25 row 2630 was ALLOWed): an ask gives the NFT to whoever fills
    it for the price, paid to ``_sellerFundsRecipient``; dust or a stranger gives it away."""
    verdict = judged(payload, ASKS, FRIEND)
    assert verdict.action is action, verdict.effect_lines
    assert rules(verdict) == expected


def test_zora_ask_on_a_contract_off_the_book_is_not_allowed() -> None:
    """The same selector on a contract the book does not know is that contract's code."""
    assert judged(ask(32 * ETH, OWN, to=addr("fake-asks"))).action is not Action.ALLOW


def test_zora_fill_ask_buys_the_nft_for_the_caller() -> None:
    """``fillAsk`` pays the price (the call's ETH) and the NFT goes to ``msg.sender``."""
    data = call("fillAsk(address,uint256,address,uint256,address)", NFT, 9, ZERO, ETH, ZERO)
    verdict = judged(sent(ASKS, data, value=ETH), ASKS)
    assert verdict.action is Action.ALLOW, verdict.effect_lines
    gets = [e for e in verdict.effects if e["kind"] == "gets"]
    assert [e["asset_kind"] for e in gets] == ["nft"]


@pytest.mark.parametrize(
    ("module", "approved", "action"),
    [
        pytest.param(ASKS, True, Action.ALLOW, id="allowlisted-module"),
        pytest.param(STRANGER, True, Action.BLOCK, id="module-not-allowlisted"),
        pytest.param(STRANGER, False, Action.ALLOW, id="revoke"),
    ],
)
def test_zora_module_approval_is_an_operator_grant(
    module: str, approved: bool, action: Action
) -> None:
    """A module a user approves moves the user's tokens approved to the transfer helpers."""
    data = call("setApprovalForModule(address,bool)", module, approved)
    assert judged(sent(MODULES, data), ASKS).action is action
    batch = call("setBatchApprovalForModules(address[],bool)", [ASKS, module], approved)
    assert judged(sent(MODULES, batch), ASKS).action is action


SAFE = addr("msg-safe")
SIGNER = addr("msg-safe-owner")
SIGN_MESSAGE_LIB = "0xa65387f16b013cf2af4605ad8aa5ec25a2cba3a2"  # Safe 1.3.0 SignMessageLib
_EXEC = "execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)"


def safe_sign(message: bytes, lib: str = SIGN_MESSAGE_LIB) -> dict[str, Any]:
    """The Safe DELEGATECALLs ``lib.signMessage(message)``, sent by an owner."""
    sig = bytes(12) + bytes.fromhex(SIGNER[2:]) + bytes(32) + b"\x01"  # pre-validated (v=1)
    inner = call("signMessage(bytes)", message)
    data = call(_EXEC, lib, 0, inner, 1, 0, 0, 0, ZERO, ZERO, sig)
    return sent(SAFE, data, sender=SIGNER)


_SIWE = (
    "app.example.org wants you to sign in with your Ethereum account:\n"
    f"{SAFE}\n\nSign in.\n\nURI: https://app.example.org\nVersion: 1\nChain ID: 1\n"
    "Nonce: 8fd2a91c\nIssued At: 2026-12-07T14:00:00Z"
)
_TYPED = '{"types": {"EIP712Domain": []}, "primaryType": "Permit", "domain": {}, "message": {}}'


@pytest.mark.parametrize(
    ("message", "action", "expected"),
    [
        pytest.param(_SIWE.encode(), Action.ALLOW, set(), id="sign-in-text"),
        pytest.param(b"I accept the Terms of Service (2026-11).", Action.ALLOW, set(), id="terms"),
        pytest.param(bytes(range(32)), Action.BLOCK, {"tx.evm.blind_signature"}, id="hash"),
        pytest.param(
            b"Sign in to example.org\nNonce: 42", Action.BLOCK, {"tx.evm.blind_signature"},
            id="32-bytes-of-prose-are-a-hash-too",
        ),
        pytest.param(
            b"\x19\x01" + bytes(range(64)), Action.BLOCK, {"tx.evm.blind_signature"},
            id="eip712-digest-preimage",
        ),
        pytest.param(bytes(range(200)), Action.FLAG, {"tx.evm.opaque_message"}, id="binary"),
        pytest.param(_TYPED.encode(), Action.FLAG, {"tx.evm.opaque_message"}, id="typed-data-text"),
    ],
)  # fmt: skip
def test_safe_sign_message_is_judged_as_the_message_it_signs(
    message: bytes, action: Action, expected: set[str]
) -> None:
    """Issue 12 (row 2658 was ALLOWed): the official library's ``signMessage`` is the Safe's
    EIP-1271 signature of the message; 32 bytes are its approval of that hash (BLOCK, as
    ``eth_sign`` and ``approveHash``), what is not text is opaque (FLAG), text moves nothing."""
    verdict = judged(safe_sign(message), SIGN_MESSAGE_LIB, own=SAFE)
    assert verdict.action is action, verdict.effect_lines
    assert rules(verdict) == expected


def test_sign_message_called_not_delegated_signs_for_nobody() -> None:
    """A CALL to the library marks the hash in the library's own storage: nobody's signature."""
    verdict = judged(sent(SIGN_MESSAGE_LIB, call("signMessage(bytes)", bytes(32))))
    assert verdict.action is Action.ALLOW, verdict.effect_lines


def test_sign_message_in_a_clone_library_is_a_delegatecall() -> None:
    """Only the Safe's own deployments are read: a clone runs with the Safe's storage."""
    clone = addr("sign-message-lib-clone")
    message = b"I accept the Terms of Service."
    verdict = judged(safe_sign(message, clone), SIGN_MESSAGE_LIB, own=SAFE)
    assert verdict.action is Action.BLOCK and "tx.evm.delegatecall" in rules(verdict)


ROUTE = addr("hyperlane-route")
_REMOTE = "transferRemote(uint32,bytes32,uint256)"
_REMOTE_HOOK = "transferRemote(uint32,bytes32,uint256,bytes,address)"
GAS = 3 * 10**14


@pytest.mark.parametrize(
    ("data", "value", "action"),
    [
        pytest.param(call(_REMOTE, 8453, word(OWN), 2_500 * 10**6), GAS, Action.ALLOW, id="own"),
        pytest.param(call(_REMOTE, 10, word(OWN), ETH), ETH + GAS, Action.ALLOW, id="native-own"),
        pytest.param(
            call(_REMOTE_HOOK, 10, word(OWN), ETH, b"", ZERO), ETH + GAS, Action.ALLOW, id="hook"
        ),
        pytest.param(
            call(_REMOTE, 8453, word(STRANGER), 2_500 * 10**6), GAS, Action.BLOCK, id="stranger"
        ),
        pytest.param(
            call(_REMOTE, 10, word(STRANGER), ETH), ETH + GAS, Action.BLOCK, id="native-stranger"
        ),
        pytest.param(
            call(_REMOTE, 1399811149, bytes(range(32)), 10**6), GAS, Action.BLOCK,
            id="non-evm-recipient",
        ),
    ],
)  # fmt: skip
def test_hyperlane_transfer_remote_lands_with_its_bytes32_recipient(
    data: bytes, value: int, action: Action
) -> None:
    """A warp route's output goes to ``_recipient`` on ``_destination``: a stranger BLOCKs
    (``swap_recipient``), own passes on an allowlisted route."""
    verdict = judged(sent(ROUTE, data, value), ROUTE)
    assert verdict.action is action, verdict.effect_lines
    if action is Action.BLOCK:
        assert "tx.evm.swap_recipient" in rules(verdict)


def test_hyperlane_native_route_gives_the_amount_once() -> None:
    """HypNative takes the amount out of the call's value: the give is the call's ETH."""
    verdict = judged(sent(ROUTE, call(_REMOTE, 10, word(OWN), ETH), ETH + GAS), ROUTE)
    eth = [e["amount"] for e in verdict.effects if e["kind"] == "gives"]
    assert eth == [ETH + GAS]


WALLET = addr("multisig-wallet")
OWNER = addr("multisig-owner")


def submit(to: str, value: int, data: bytes) -> dict[str, Any]:
    inner = call("submitTransaction(address,uint256,bytes)", to, value, data)
    return sent(WALLET, inner, sender=OWNER)


@pytest.mark.parametrize(
    ("payload", "action", "expected"),
    [
        pytest.param(
            submit(USDC, 0, call("transfer(address,uint256)", FRIEND, 10**9)), Action.ALLOW,
            set(), id="pays-allowlisted",
        ),
        pytest.param(
            submit(USDC, 0, call("transfer(address,uint256)", STRANGER, 10**9)), Action.FLAG,
            {"tx.evm.unknown_recipient"}, id="pays-stranger",
        ),
        pytest.param(
            submit(WALLET, 0, call("addOwner(address)", STRANGER)), Action.BLOCK,
            {"tx.evm.account_owner_change"}, id="add-owner-stranger",
        ),
        pytest.param(
            submit(WALLET, 0, call("replaceOwner(address,address)", OWNER, STRANGER)),
            Action.BLOCK, {"tx.evm.account_owner_change"}, id="replace-owner-stranger",
        ),
        pytest.param(
            submit(WALLET, 0, call("addOwner(address)", FRIEND)), Action.ALLOW, set(),
            id="add-owner-allowlisted",
        ),
        pytest.param(
            submit(WALLET, 0, call("removeOwner(address)", OWNER)), Action.FLAG,
            {"tx.evm.unknown_call"}, id="remove-owner-undecoded",
        ),
    ],
)  # fmt: skip
def test_multisig_wallet_submission_is_the_wallets_call(
    payload: dict[str, Any], action: Action, expected: set[str]
) -> None:
    """``submitTransaction`` is the wallet's call (executed once confirmed): decoded as the
    wallet's, its owner changes judged by who gains them."""
    verdict = judged(payload, FRIEND, own=WALLET)
    assert verdict.action is action, verdict.effect_lines
    assert rules(verdict) == expected


ACCOUNT = addr("kwenta-account")


@pytest.mark.parametrize(
    ("data", "action"),
    [
        pytest.param(call("addDelegate(address)", FRIEND), Action.ALLOW, id="allowlisted-bot"),
        pytest.param(call("addDelegate(address)", STRANGER), Action.BLOCK, id="stranger"),
        pytest.param(call("removeDelegate(address)", STRANGER), Action.ALLOW, id="remove"),
    ],
)
def test_kwenta_delegate_is_an_authority_over_the_account(data: bytes, action: Action) -> None:
    """A delegate trades with the account's margin: a power judged by who gains it."""
    verdict = judged(sent(ACCOUNT, data, sender=OWNER), FRIEND, own=ACCOUNT)
    assert verdict.action is action, verdict.effect_lines


def test_delegate_on_another_contract_still_names_its_grantee() -> None:
    """An administration standard: a grant to a stranger BLOCKs on any contract; a removal
    off own / allowlisted code is an unknown call (FLAG)."""
    other = addr("not-my-account")
    assert judged(sent(other, call("addDelegate(address)", STRANGER))).action is Action.BLOCK
    removal = judged(sent(other, call("removeDelegate(address)", STRANGER)))
    assert removal.action is Action.FLAG


def test_allowance_module_add_delegate_is_no_grant() -> None:
    """The same selector on the Safe AllowanceModule: a delegate without an allowance spends
    nothing (``setAllowance`` is the grant), whoever it is."""
    module = "0xcfbfac74c26f8647cbdb8c5caf80bb5b32e43134"  # safe-modules AllowanceModule
    verdict = judged(sent(module, call("addDelegate(address)", STRANGER)))
    assert verdict.action is Action.ALLOW, verdict.effect_lines
    assert not [e for e in verdict.effects if e["kind"] == "authority"]
