"""Connext ``xcall``, CoW ComposableCoW conditional orders and Puffer withdrawal requests
(``protocols/connext.py``, ``composable_cow.py``, ``lrt_withdrawals.py``): where the value
lands, judged as any swap / order output, with the contract allowlisted (an allowlisted callee
must not excuse an output paid to a stranger).

Calldata is eth_abi's encoding of the published signatures (connext/monorepo BridgeFacet,
cowprotocol/composable-cow ComposableCoW + TWAPOrder.Data, PufferFinance/puffer-contracts
PufferWithdrawalManager); addresses are generated but for the deployments of
``data/evm_protocols.json``.
"""

from __future__ import annotations

import pytest
from eth_abi import encode

from aiegis_guard.chains.transaction import Call
from aiegis_guard.findings import Action
from tests.evm_builders import call
from tests.receiver_builders import (
    FRIEND,
    OWN,
    STRANGER,
    USDC,
    WETH,
    ZERO,
    addr,
    gives,
    judged,
    operations,
    own_tx,
    receipts,
    rules,
)

CONNEXT = "0x8898b472c54c31894e3b9bb83cea802a5d0e63c6"
COMPOSABLE_COW = "0xfdafc9d1902f4e0b84f65f49f244b32b31013b74"
TWAP = "0x6cf1e9ca41f7611def408122793c358a3d11e5a5"
PUFFER_MANAGER = "0xdda0483184e75a5579ef9635ed14baccf9d50283"
PUFETH = "0xd9a442856c234a39a81a089c06451ebaa4306a72"
ARBITRUM = 1634886255  # Connext domain id

_XCALL = "xcall(uint32,address,address,address,uint256,uint256,bytes)"
_XCALL_FEE = "xcall(uint32,address,address,address,uint256,uint256,bytes,uint256)"
_INTO_LOCAL = "xcallIntoLocal(uint32,address,address,address,uint256,uint256,bytes)"
_CREATE = "create((address,bytes32,bytes),bool)"
_CREATE_CTX = "createWithContext((address,bytes32,bytes),address,bytes,bool)"
_SET_ROOT = "setRoot(bytes32,(uint256,bytes))"
_TWAP_DATA = "(address,address,address,uint256,uint256,uint256,uint256,uint256,uint256,bytes32)"
AMOUNT = 5_000 * 10**6


def xcall(to: str, slippage: int = 30, delegate: str = OWN, sig: str = _XCALL) -> bytes:
    args = [ARBITRUM, to, USDC, delegate, AMOUNT, slippage, b""]
    return call(sig, *args, *([10**6] if sig == _XCALL_FEE else []))


@pytest.mark.parametrize(
    ("data", "action", "expected"),
    [
        pytest.param(xcall(OWN), Action.ALLOW, set(), id="to-own"),
        pytest.param(xcall(FRIEND), Action.ALLOW, set(), id="to-allowlisted-friend"),
        pytest.param(xcall(OWN, sig=_INTO_LOCAL), Action.ALLOW, set(), id="into-local-to-own"),
        pytest.param(xcall(OWN, sig=_XCALL_FEE), Action.ALLOW, set(), id="relayer-fee-form"),
        pytest.param(xcall(STRANGER), Action.BLOCK, {"tx.evm.swap_recipient"}, id="to-stranger"),
        pytest.param(
            xcall(STRANGER, sig=_INTO_LOCAL),
            Action.BLOCK,
            {"tx.evm.swap_recipient"},
            id="into-local-to-stranger",
        ),
        pytest.param(
            xcall(OWN, slippage=10_000),
            Action.FLAG,
            {"tx.evm.swap_no_minimum"},
            id="total-slippage",
        ),
        pytest.param(
            xcall(OWN, delegate=STRANGER),
            Action.FLAG,
            {"tx.evm.swap_no_minimum"},
            id="stranger-delegate-may-reset-slippage",
        ),
    ],
)
def test_connext_xcall_output_lands_with_to(
    data: bytes, action: Action, expected: set[str]
) -> None:
    """The bridged output goes to ``_to``, at least the amount less the slippage (an allowlisted
    diamond excuses no stranger recipient; a stranger delegate or total slippage: no minimum)."""
    payload = own_tx(CONNEXT, data)
    verdict = judged(payload, CONNEXT, FRIEND)
    assert verdict.action is action, verdict.effect_lines
    assert rules(verdict) == expected


def test_connext_minimum_and_give() -> None:
    """5,000 USDC (+ the relayer fee in the asset) given, ≥ 4,985 to the recipient at 30 bps."""
    payload = own_tx(CONNEXT, xcall(OWN, sig=_XCALL_FEE))
    assert [(g.amount, g.recipient) for g in gives(payload)] == [(AMOUNT + 10**6, CONNEXT)]
    assert [(r.amount, r.recipient) for r in receipts(payload)] == [(4_985 * 10**6, OWN)]


def test_connext_message_only_is_an_opaque_call_of_to() -> None:
    """``_asset`` 0: no value moves; calldata for a stranger's contract is an opaque call."""
    data = call(_XCALL, ARBITRUM, STRANGER, ZERO, OWN, 0, 0, b"\x01\x02")
    verdict = judged(own_tx(CONNEXT, data), CONNEXT)
    assert verdict.action is Action.FLAG
    assert "tx.evm.unknown_call" in rules(verdict)


def twap(receiver: str, limit: int = 3_000 * 10**6, n: int = 10) -> bytes:
    data = (WETH, USDC, receiver, 10**18, limit, 0, n, 3600, 0, bytes(32))
    return encode([_TWAP_DATA], [data])


def create(static_input: bytes, handler: str = TWAP, sig: str = _CREATE) -> bytes:
    params = (handler, bytes(32), static_input)
    if sig == _CREATE_CTX:
        return call(sig, params, addr("factory"), b"", True)
    return call(sig, params, True)


@pytest.mark.parametrize(
    ("data", "action", "expected"),
    [
        pytest.param(create(twap(OWN)), Action.ALLOW, set(), id="twap-to-own"),
        pytest.param(create(twap(ZERO)), Action.ALLOW, set(), id="twap-receiver-0-is-owner"),
        pytest.param(create(twap(FRIEND)), Action.ALLOW, set(), id="twap-to-allowlisted"),
        pytest.param(
            create(twap(OWN), sig=_CREATE_CTX), Action.ALLOW, set(), id="with-context-to-own"
        ),
        pytest.param(
            create(twap(STRANGER)),
            Action.BLOCK,
            {"tx.evm.order_gives_away"},
            id="twap-to-stranger",
        ),
        pytest.param(
            create(twap(OWN, limit=1)),
            Action.BLOCK,
            {"tx.evm.order_gives_away"},
            id="twap-dust-limit",
        ),
        pytest.param(
            create(twap(STRANGER), sig=_CREATE_CTX),
            Action.BLOCK,
            {"tx.evm.order_gives_away"},
            id="with-context-to-stranger",
        ),
    ],
)
def test_twap_is_one_order(data: bytes, action: Action, expected: set[str]) -> None:
    """A TWAP gives ``partSellAmount × n`` and gets ``minPartLimit × n`` to its receiver."""
    verdict = judged(own_tx(COMPOSABLE_COW, data), COMPOSABLE_COW, TWAP, FRIEND)
    assert verdict.action is action, verdict.effect_lines
    assert rules(verdict) == expected


def test_twap_amounts() -> None:
    """Ten parts of 1 WETH for at least 3,000 USDC each: 10 WETH for ≥ 30,000 USDC."""
    payload = own_tx(COMPOSABLE_COW, create(twap(ZERO)))
    assert [g.amount for g in gives(payload)] == [10 * 10**18]
    assert [(r.amount, r.recipient) for r in receipts(payload)] == [(30_000 * 10**6, OWN)]


def test_unknown_handler_is_never_silence() -> None:
    """A handler the decoder does not read decides which orders the account signs: an opaque
    call of the handler (FLAG), even with ComposableCoW allowlisted; allowlisted: passes."""
    data = create(b"\x00" * 64, handler=STRANGER)
    payload = own_tx(COMPOSABLE_COW, data)
    assert [op.target for op in operations(payload) if isinstance(op, Call)] == [STRANGER]
    assert judged(payload, COMPOSABLE_COW).action is Action.FLAG
    assert judged(payload, COMPOSABLE_COW, STRANGER).action is Action.ALLOW


def test_twap_handler_with_other_input_is_opaque() -> None:
    """Static input that is no TWAP ``Data``: the handler's reading is not ours, opaque."""
    payload = own_tx(COMPOSABLE_COW, create(b"\x01" * 10))
    assert judged(payload, COMPOSABLE_COW).action is Action.FLAG


@pytest.mark.parametrize(
    ("root", "action"),
    [
        pytest.param(b"\x42" * 32, Action.BLOCK, id="root-of-unseen-orders"),
        pytest.param(bytes(32), Action.ALLOW, id="zero-root-withdraws"),
    ],
)
def test_set_root_is_a_pre_signature(root: bytes, action: Action) -> None:
    """A Merkle root authorises orders the request does not show: a blind signature, as a
    CoW ``setPreSignature``; a zero root authorises nothing."""
    payload = own_tx(COMPOSABLE_COW, call(_SET_ROOT, root, (0, b"")))
    assert judged(payload, COMPOSABLE_COW).action is action


MANAGER = addr("manager")  # a withdrawal manager outside the book


@pytest.mark.parametrize(
    ("manager", "recipient", "allow", "action"),
    [
        pytest.param(PUFFER_MANAGER, OWN, (PUFFER_MANAGER,), Action.ALLOW, id="book-to-own"),
        pytest.param(
            PUFFER_MANAGER, FRIEND, (PUFFER_MANAGER, FRIEND), Action.ALLOW, id="to-allowlisted"
        ),
        pytest.param(
            PUFFER_MANAGER, STRANGER, (PUFFER_MANAGER,), Action.BLOCK, id="book-to-stranger"
        ),
        pytest.param(PUFFER_MANAGER, OWN, (), Action.FLAG, id="book-manager-not-allowlisted"),
        pytest.param(MANAGER, OWN, (MANAGER,), Action.ALLOW, id="allowlisted-manager"),
        pytest.param(MANAGER, STRANGER, (MANAGER,), Action.BLOCK, id="allowlisted-to-stranger"),
    ],
)
def test_puffer_request_pays_recipient(
    manager: str, recipient: str, allow: tuple[str, ...], action: Action
) -> None:
    """``requestWithdrawal(amount, recipient)``: pufETH in, the payout to ``recipient`` (an
    allowlisted manager excuses no stranger recipient)."""
    payload = own_tx(manager, call("requestWithdrawal(uint128,address)", 5 * 10**18, recipient))
    verdict = judged(payload, *allow)
    assert verdict.action is action, verdict.effect_lines
    if manager == PUFFER_MANAGER:
        assert [(g.asset.address, g.amount) for g in gives(payload)] == [(PUFETH, 5 * 10**18)]


_EXECUTE_NCC = "execute_ncC(address,uint256,bytes)"
_EXECUTE_BATCH_Y6U = "executeBatch_y6U(address[],uint256[],bytes[])"
_SETUP_AND_ENABLE = "setupAndEnableModule(address,bytes)"
MODULE = addr("session-key-manager")


def _enable(module: str) -> bytes:
    return call("enableModule(address)", module)


@pytest.mark.parametrize(
    ("data", "action", "expected"),
    [
        pytest.param(
            call(_EXECUTE_NCC, OWN, 0, _enable(MODULE)), Action.ALLOW, set(), id="allowlisted"
        ),
        pytest.param(
            call(_EXECUTE_NCC, OWN, 0, _enable(STRANGER)),
            Action.BLOCK,
            {"tx.evm.safe_module_change"},
            id="stranger-module",
        ),
        pytest.param(
            call(
                _EXECUTE_BATCH_Y6U,
                [USDC, OWN],
                [0, 0],
                [call("transfer(address,uint256)", FRIEND, 10**6), _enable(STRANGER)],
            ),
            Action.BLOCK,
            {"tx.evm.safe_module_change"},
            id="payment-batch-hiding-a-module",
        ),
        pytest.param(
            call(
                _EXECUTE_BATCH_Y6U, [USDC], [0], [call("transfer(address,uint256)", FRIEND, 10**6)]
            ),
            Action.ALLOW,
            set(),
            id="payment-batch",
        ),
        pytest.param(
            call(_SETUP_AND_ENABLE, MODULE, call("initForSmartAccount(address)", OWN)),
            Action.ALLOW,
            set(),
            id="setup-allowlisted-module",
        ),
        pytest.param(
            call(_SETUP_AND_ENABLE, STRANGER, call("deploy(bytes32)", bytes(32))),
            Action.BLOCK,
            {"tx.evm.safe_module_change", "tx.evm.unknown_call"},
            id="setup-by-stranger-factory",
        ),
    ],
)
def test_biconomy_v2_calls_are_the_accounts(
    data: bytes, action: Action, expected: set[str]
) -> None:
    """Biconomy v2 ``execute_ncC`` / ``executeBatch_y6U`` carry the account's own calls (each
    judged); ``enableModule`` / ``setupAndEnableModule`` give a module authority over it."""
    verdict = judged(own_tx(OWN, data), MODULE, FRIEND)
    assert verdict.action is action, verdict.effect_lines
    assert rules(verdict) == expected


@pytest.mark.parametrize(
    ("owner", "action"),
    [
        pytest.param(STRANGER, Action.FLAG, id="names-a-stranger"),
        pytest.param(OWN, Action.ALLOW, id="names-own"),
        pytest.param(ZERO, Action.ALLOW, id="owner-0-is-the-caller"),
    ],
)
def test_withdrawal_queue_off_the_book_names_its_owner(owner: str, action: Action) -> None:
    """Lido's ``requestWithdrawals(amounts, owner)`` on a contract outside the book is opaque;
    an allowlisted callee does not excuse the stranger it names as the NFTs' owner (ether.fi's
    ``requestWithdraw`` off the book likewise)."""
    queue = addr("queue")
    payload = own_tx(queue, call("requestWithdrawals(uint256[],address)", [10**18], owner))
    assert judged(payload, queue).action is action


def test_create_on_another_contract_is_opaque() -> None:
    """The same ``create`` on a contract that is not ComposableCoW reads no order there."""
    other = addr("other-factory")
    payload = own_tx(other, create(twap(OWN)))
    assert not gives(payload)
    assert judged(payload).action is Action.FLAG
