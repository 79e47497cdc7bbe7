"""ERC-6909 claims (``protocols/erc6909.py``), Lido stETH share transfers
(``protocols/lido_shares.py``) and the OP Stack portal's ``depositTransaction``
(``protocols/op_portal.py``).

Calldata is eth_abi's encoding of the published signatures: EIP-6909 / Uniswap/v4-core
``ERC6909.sol``, lidofinance/lido-dao ``StETH.sol``, ethereum-optimism ``OptimismPortal2.sol``.
Every party is a generated address (``receiver_builders.addr``), never funded; the PoolManager,
stETH and the portals are the address book's.
"""

from __future__ import annotations

from typing import Any

import pytest

from aiegis_guard import Action, Guard
from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.chains.transaction import Approval, Receipt, Transfer
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.policy import Policy
from aiegis_guard.verdict import Verdict
from tests.evm_builders import call
from tests.receiver_builders import FRIEND, OWN, STRANGER, USDC, addr, operations, own_tx, rules

POOL_MANAGER = "0x000000000004444c5dc75cb358380d2e3de08a90"
STETH = "0xae7ab96520de3a18e5e111b5eaab095312d7fe84"
BASE_PORTAL = "0x49048044d57e1c92a77f79988d21fa8faf74e97e"
OP_PORTAL = "0xbeb5fc579115071764c7423a4f12edde41f106ed"
USDC_ID = int(USDC, 16)  # v4 claim id: uint160(currency)
MAX = 2**256 - 1
ETH = 10**18
_DEPOSIT_TX = "depositTransaction(address,uint256,uint64,bool,bytes)"


def judged(payload: dict[str, Any], *friends: str) -> Verdict:
    """OWN's verdict with ``friends`` allowlisted as recipients, spenders and operators."""
    allow = [f.lower() for f in friends]
    policy = Policy.model_validate(
        {
            "wallet": {"evm": [OWN]},
            "allowlist": {"evm": allow, "evm_spenders": allow, "evm_operators": allow},
        }
    )
    return Guard(policy, classifier=False).check_transaction(payload, chain="evm")


def set_operator(who: str, on: bool = True) -> bytes:
    return call("setOperator(address,bool)", who, on)


def approve6909(who: str, amount: int) -> bytes:
    return call("approve(address,uint256,uint256)", who, USDC_ID, amount)


def transfer6909(who: str, amount: int) -> bytes:
    return call("transfer(address,uint256,uint256)", who, USDC_ID, amount)


def portal_deposit(to: str, value: int, data: bytes = b"", creation: bool = False) -> bytes:
    return call(_DEPOSIT_TX, to, value, 100_000, creation, data)


CASES = [
    pytest.param(POOL_MANAGER, set_operator(FRIEND), 0, Action.ALLOW, set(),
                 id="6909-operator-allowlisted"),
    pytest.param(POOL_MANAGER, set_operator(STRANGER), 0, Action.BLOCK,
                 {"tx.evm.set_approval_for_all"}, id="6909-operator-stranger"),
    pytest.param(POOL_MANAGER, set_operator(STRANGER, False), 0, Action.ALLOW, set(),
                 id="6909-operator-revoked"),
    pytest.param(POOL_MANAGER, approve6909(FRIEND, 2_500 * 10**6), 0, Action.ALLOW, set(),
                 id="6909-approve-allowlisted"),
    pytest.param(POOL_MANAGER, approve6909(STRANGER, MAX), 0, Action.BLOCK,
                 {"tx.evm.unlimited_approval"}, id="6909-approve-max-stranger"),
    pytest.param(POOL_MANAGER, approve6909(STRANGER, 0), 0, Action.ALLOW, set(),
                 id="6909-approve-zero-is-revoke"),
    pytest.param(POOL_MANAGER, transfer6909(FRIEND, 800 * 10**6), 0, Action.ALLOW, set(),
                 id="6909-transfer-allowlisted"),
    pytest.param(POOL_MANAGER, transfer6909(STRANGER, 800 * 10**6), 0, Action.FLAG,
                 {"tx.evm.unknown_recipient"}, id="6909-transfer-stranger"),
    pytest.param(POOL_MANAGER, transfer6909(OWN, 800 * 10**6), 0, Action.ALLOW, set(),
                 id="6909-transfer-own"),
    pytest.param(STETH, call("transferShares(address,uint256)", FRIEND, 40 * ETH), 0,
                 Action.ALLOW, set(), id="steth-shares-allowlisted"),
    pytest.param(STETH, call("transferShares(address,uint256)", STRANGER, 40 * ETH), 0,
                 Action.FLAG, {"tx.evm.unknown_recipient"}, id="steth-shares-stranger"),
    pytest.param(STETH, call("transferSharesFrom(address,address,uint256)", OWN, STRANGER,
                             40 * ETH), 0, Action.FLAG, {"tx.evm.unknown_recipient"},
                 id="steth-shares-from-own-stranger"),
    pytest.param(BASE_PORTAL, portal_deposit(OWN, 2 * ETH), 2 * ETH, Action.ALLOW, set(),
                 id="portal-to-own"),
    pytest.param(OP_PORTAL, portal_deposit(FRIEND, ETH // 2), ETH // 2, Action.ALLOW, set(),
                 id="portal-to-allowlisted"),
    pytest.param(BASE_PORTAL, portal_deposit(STRANGER, 6 * ETH), 6 * ETH, Action.BLOCK,
                 {"tx.evm.swap_recipient"}, id="portal-to-stranger"),
]  # fmt: skip


@pytest.mark.parametrize(("to", "data", "value", "action", "expected"), CASES)
def test_verdict(to: str, data: bytes, value: int, action: Action, expected: set[str]) -> None:
    """Own / allowlisted counterparties pass; a stranger operator, unlimited spender or L2
    recipient blocks; an explicit give to a stranger flags."""
    payload = own_tx(to, data, value)
    verdict = judged(payload, FRIEND, to)
    assert verdict.action is action, verdict.effect_lines
    assert rules(verdict) == expected


def test_operator_is_every_id_and_approve_one_id() -> None:
    """setOperator grants every id of the contract; approve one id, with its amount: a v4
    claim id is its currency (``uint160(currency)``), an id above 2**160 an id of the
    PoolManager."""
    (op,) = operations(own_tx(POOL_MANAGER, set_operator(STRANGER)))
    assert isinstance(op, Approval) and op.all_assets and op.spender == STRANGER
    (grant,) = operations(own_tx(POOL_MANAGER, approve6909(STRANGER, 7)))
    assert isinstance(grant, Approval)
    assert (grant.token_id, grant.amount, grant.unlimited) == (None, 7, False)
    assert grant.asset.address == USDC
    big = call("approve(address,uint256,uint256)", STRANGER, 2**160 + 5, 7)
    (grant,) = operations(own_tx(POOL_MANAGER, big))
    assert isinstance(grant, Approval)
    assert (grant.asset.address, grant.token_id) == (POOL_MANAGER, 2**160 + 5)


def limited(asset: str, decimals: int, per_tx: str) -> Guard:
    """OWN's guard with FRIEND allowlisted and ``per_tx`` whole units of ``asset``."""
    policy = Policy.model_validate(
        {
            "wallet": {"evm": [OWN]},
            "allowlist": {"evm": [FRIEND.lower()], "evm_spenders": [FRIEND.lower()]},
            "limits": [{"chain": "evm", "asset": asset, "decimals": decimals, "per_tx": per_tx}],
        }
    )
    return Guard(policy, classifier=False)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(transfer6909(FRIEND, 10**12), id="transfer"),
        pytest.param(call("transferFrom(address,address,uint256,uint256)", OWN, FRIEND, USDC_ID,
                          10**12), id="transfer-from-own"),
    ],
)  # fmt: skip
def test_claims_count_toward_their_currency_limit(data: bytes) -> None:
    """1 M USDC paid as v4 claims (redeemable 1:1) goes over a 100 USDC per-tx limit as the
    same USDC transfer does (F3 of review16); under the limit it passes."""
    guard = limited(USDC, 6, "100")
    verdict = guard.check_transaction(own_tx(POOL_MANAGER, data), chain="evm")
    assert verdict.action is Action.BLOCK and "tx.evm.over_limit" in rules(verdict)
    small = own_tx(POOL_MANAGER, transfer6909(FRIEND, 50 * 10**6))
    assert guard.check_transaction(small, chain="evm").action is Action.ALLOW


def test_eth_claim_is_eth() -> None:
    """Claim id 0 is the native currency (v4 ``CurrencyLibrary.NATIVE``)."""
    data = call("transfer(address,uint256,uint256)", STRANGER, 0, 5 * ETH)
    (op,) = operations(own_tx(POOL_MANAGER, data))
    assert isinstance(op, Transfer) and op.asset.address is None and op.amount == 5 * ETH


def test_6909_transfer_off_the_book_is_opaque() -> None:
    """``transfer(address,uint256,uint256)`` on a contract outside the book moves a value
    nothing prices: an unknown call, FLAG even to an allowlisted receiver."""
    payload = own_tx(addr("any-contract"), call("transfer(address,uint256,uint256)", FRIEND, 1,
                                                10**24))  # fmt: skip
    verdict = judged(payload, FRIEND)
    assert verdict.action is Action.FLAG and "tx.evm.unknown_call" in rules(verdict)


def test_transfer_from_reads_the_sender() -> None:
    """transferFrom(sender, receiver, id, amount): the give is the sender's."""
    data = call("transferFrom(address,address,uint256,uint256)", STRANGER, OWN, USDC_ID, 5)
    (op,) = operations(own_tx(POOL_MANAGER, data))
    assert isinstance(op, Transfer)
    assert (op.sender, op.recipient, op.asset.address, op.amount) == (STRANGER, OWN, USDC, 5)
    assert judged(own_tx(POOL_MANAGER, data)).action is Action.ALLOW


def test_shares_are_stETH_of_an_unknown_amount() -> None:
    """transferShares gives stETH worth more than the shares named (the rate is not in the
    request): an unknown amount of stETH, never the smaller shares figure; the shares are a
    note."""
    decoded = decode_evm(own_tx(STETH, call("transferShares(address,uint256)", STRANGER, 3)))
    (op,) = decoded.operations
    assert isinstance(op, Transfer)
    assert (op.asset.address, op.sender, op.recipient, op.amount) == (STETH, OWN, STRANGER, None)
    assert "lido-shares:3" in decoded.notes


def test_shares_never_pass_under_a_stETH_limit() -> None:
    """9.5 shares (about 11 stETH) under a 10 stETH per-tx limit: refused as stETH of an
    unknown amount, not passed as 9.5 (F3 of review16)."""
    guard = limited(STETH, 18, "10")
    payload = own_tx(STETH, call("transferShares(address,uint256)", FRIEND, 95 * 10**17))
    verdict = guard.check_transaction(payload, chain="evm")
    assert verdict.action is Action.BLOCK and "tx.evm.over_period_limit" in rules(verdict)
    unlimited = judged(payload, FRIEND)
    assert unlimited.action is Action.ALLOW


def test_shares_elsewhere_are_opaque() -> None:
    """transferShares on another contract explains nothing: an unknown call, FLAG even to an
    allowlisted recipient."""
    other = addr("not-steth")
    payload = own_tx(other, call("transferShares(address,uint256)", FRIEND, 3))
    assert not [op for op in operations(payload) if isinstance(op, Transfer)]
    assert judged(payload, FRIEND).action is Action.FLAG


def test_portal_reads_the_l2_recipient_and_value() -> None:
    """depositTransaction: ``_value`` to ``_to`` on L2, the call's ETH already a give."""
    payload = own_tx(BASE_PORTAL, portal_deposit(STRANGER, 6 * ETH), 6 * ETH)
    (got,) = [op for op in operations(payload) if isinstance(op, Receipt)]
    assert (got.recipient, got.amount, got.asset.address) == (STRANGER, 6 * ETH, None)


def test_portal_creation_is_opaque() -> None:
    """A deployment on L2 names no recipient: an opaque call on a portal not allowlisted."""
    payload = own_tx(BASE_PORTAL, portal_deposit("0x" + "00" * 20, ETH, b"\x60\x80", True), ETH)
    assert not [op for op in operations(payload) if isinstance(op, Receipt)]
    verdict = judged(payload)
    assert verdict.action is Action.FLAG and "tx.evm.unknown_call" in rules(verdict)


def test_portal_l2_call_with_data_is_opaque() -> None:
    """An L2 call with data into a contract the request does not show is not explained."""
    payload = own_tx(BASE_PORTAL, portal_deposit(addr("l2-app"), ETH, b"\x12\x34\x56\x78"), ETH)
    assert "tx.evm.unknown_call" in rules(judged(payload, BASE_PORTAL))
    approve = call("approve(address,uint256)", STRANGER, MAX)  # as own's L2 account
    payload = own_tx(BASE_PORTAL, portal_deposit(addr("l2-token"), 0, approve))
    verdict = judged(payload, BASE_PORTAL)  # the same grant as on L1 (F2 of review16)
    assert verdict.action is Action.BLOCK and "tx.evm.unlimited_approval" in rules(verdict)
    plain = own_tx(BASE_PORTAL, portal_deposit(FRIEND, ETH), ETH)
    assert judged(plain, FRIEND, BASE_PORTAL).action is Action.ALLOW


_EXECUTE = "execute(address,uint256,bytes)"  # an account's own-authorised call (7702 delegate)


@pytest.mark.parametrize(
    ("inner", "action", "rule"),
    [
        pytest.param(call("transfer(address,uint256)", STRANGER, 10**12), Action.FLAG,
                     "tx.evm.unknown_recipient", id="execute-transfer-stranger"),
        pytest.param(call("approve(address,uint256)", STRANGER, MAX), Action.BLOCK,
                     "tx.evm.unlimited_approval", id="execute-approve-stranger"),
    ],
)  # fmt: skip
def test_portal_call_to_the_caller_itself_is_kept(inner: bytes, action: Action, rule: str) -> None:
    """``_to`` = the caller: its L2 account (an EIP-7702 delegate, a smart account) runs the
    call as itself; it is decoded as the same self-call on L1 is, never dropped as a no-op
    (F2 of review16)."""
    drain = call(_EXECUTE, addr("l2-usdc"), 0, inner)
    payload = own_tx(BASE_PORTAL, portal_deposit(OWN, 0, drain))
    verdict = judged(payload, BASE_PORTAL)
    assert verdict.action is action and rule in rules(verdict)
    l1 = judged(own_tx(OWN, drain))
    assert l1.action is action and rule in rules(l1)


def test_lookalike_portal_is_opaque() -> None:
    """The same selector on another contract is no portal: opaque, never a bridge."""
    fake = addr("fake-portal")
    payload = own_tx(fake, portal_deposit(OWN, ETH), ETH)
    assert not [op for op in operations(payload) if isinstance(op, Receipt)]
    assert judged(payload).action is Action.FLAG


@pytest.mark.parametrize(
    ("to", "data"),
    [
        pytest.param(POOL_MANAGER, set_operator(STRANGER)[:-1], id="6909-operator-cut"),
        pytest.param(POOL_MANAGER, transfer6909(STRANGER, 5)[:40], id="6909-transfer-cut"),
        pytest.param(STETH, call("transferShares(address,uint256)", STRANGER, 3)[:30],
                     id="shares-cut"),
        pytest.param(BASE_PORTAL, portal_deposit(STRANGER, ETH)[:100], id="portal-cut"),
    ],
)  # fmt: skip
def test_truncated_calldata_is_a_decode_error(to: str, data: bytes) -> None:
    """Calldata cut short raises the typed error; the guard never allows it."""
    with pytest.raises(EvmDecodeError):
        decode_evm(own_tx(to, data))
    assert judged(own_tx(to, data), FRIEND, to).action is not Action.ALLOW
