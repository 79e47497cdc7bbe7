"""LFJ Liquidity Book router swaps, Synapse Router bridges, thirdweb drop claims, Manifold
lazy claims (``protocols/liquidity_book.py``, ``synapse.py``, ``drops.py``), Aerodrome LP tokens
(``solidly.py``) and the ERC-4626 vaults the address book names with their ``asset()``.

Calldata is encoded from the functions' published signatures (joe-docs version-V2.1
``ILBRouter.md``; synapse-contracts ``SynapseRouter.sol``; thirdweb-dev/contracts ``IDrop.sol``
/ ``IDrop1155.sol``; manifoldxyz ``ILazyPayableClaim.sol``); deployments are those of
``data/evm_protocols.json``, every other address is generated (``tests/receiver_builders.py``).
"""

from __future__ import annotations

import contextlib

import pytest

from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.errors import EvmDecodeError
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
    own_tx,
    receipts,
    rules,
)

LB_ROUTER = "0xb4315e873dbcf96ffd0acd8ea43f689d8c20fb30"  # LBRouter v2.1 (Arbitrum, Avalanche)
SYNAPSE = "0x7e7a0e201fd38d3adaa9523da6c109a07118c96a"  # SynapseRouter
MANIFOLD_1155 = "0x26bbea7803dcac346d5f5f135b57cf2c752a02be"
ETH = "0x" + "ee" * 20
DROP = addr("thirdweb-drop")
CREATOR = addr("manifold-creator")

# --- LFJ Liquidity Book --------------------------------------------------------------------

_PATH = "(uint256[],uint8[],address[])"
LB_EXACT_IN = f"swapExactTokensForTokens(uint256,uint256,{_PATH},address,uint256)"
LB_FOR_NATIVE = f"swapExactTokensForNATIVE(uint256,uint256,{_PATH},address,uint256)"
LB_NATIVE_IN = f"swapExactNATIVEForTokens(uint256,{_PATH},address,uint256)"
LB_EXACT_OUT = f"swapTokensForExactTokens(uint256,uint256,{_PATH},address,uint256)"
PATH = ([15], [2], [USDC, WETH])


@pytest.mark.parametrize(
    ("to", "action", "rule"),
    [
        pytest.param(OWN, Action.ALLOW, None, id="to-own"),
        pytest.param(FRIEND, Action.ALLOW, None, id="to-allowlisted"),
        pytest.param(STRANGER, Action.BLOCK, "tx.evm.swap_recipient", id="to-stranger"),
        pytest.param(LB_ROUTER, Action.BLOCK, "tx.evm.swap_recipient", id="to-router"),
    ],
)
def test_lb_swap_output_goes_to_to(to: str, action: Action, rule: str | None) -> None:
    """swapExactTokensForTokens: USDC from own to the router, at least the minimum of WETH to
    ``to``: a stranger (or the router, where nobody can take it) BLOCKs."""
    payload = own_tx(LB_ROUTER, call(LB_EXACT_IN, 1500 * 10**6, 41 * 10**16, PATH, to, 1))
    (give,) = gives(payload)
    assert (give.asset.address, give.amount, give.recipient) == (USDC, 1500 * 10**6, LB_ROUTER)
    (receipt,) = receipts(payload)
    assert (receipt.asset.address, receipt.amount) == (WETH, 41 * 10**16)
    verdict = judged(payload, LB_ROUTER, FRIEND)
    assert verdict.action is action
    assert rule is None or rule in rules(verdict)


def test_lb_swap_without_minimum_flags() -> None:
    """amountOutMin = 0 to own: any price accepted: FLAG."""
    payload = own_tx(LB_ROUTER, call(LB_EXACT_IN, 10**9, 0, PATH, OWN, 1))
    verdict = judged(payload, LB_ROUTER)
    assert verdict.action is Action.FLAG
    assert "tx.evm.swap_no_minimum" in rules(verdict)


def test_lb_native_sides_and_exact_out() -> None:
    """ForNATIVE pays the chain's coin; NATIVE in is the call's value (no token give); exact
    out gives at most amountInMax and names amountOut."""
    to_native = own_tx(LB_ROUTER, call(LB_FOR_NATIVE, 10**9, 5, PATH, OWN, 1))
    (receipt,) = receipts(to_native)
    assert receipt.asset.kind.value == "native"
    native_in = own_tx(LB_ROUTER, call(LB_NATIVE_IN, 7, ([15], [2], [WETH, USDC]), OWN, 1), 10**18)
    assert [g.asset.kind.value for g in gives(native_in)] == ["native"]
    assert receipts(native_in)[0].asset.address == USDC
    exact_out = own_tx(LB_ROUTER, call(LB_EXACT_OUT, 9, 10**9, PATH, STRANGER, 1))
    assert (gives(exact_out)[0].amount, receipts(exact_out)[0].amount) == (10**9, 9)
    assert judged(exact_out, LB_ROUTER).action is Action.BLOCK


@pytest.mark.parametrize(
    "path",
    [([], [], [USDC]), ([15, 20], [2], [USDC, WETH]), ([15], [2, 2], [USDC, WETH])],
    ids=["one-token", "bin-steps-too-many", "versions-too-many"],
)
def test_lb_malformed_path_is_no_silent_allow(path: tuple[list[int], list[int], list[str]]) -> None:
    """A path the router would reject (``verifyPathValidity``) is a typed decode error, and the
    guard does not pass the request."""
    payload = own_tx(LB_ROUTER, call(LB_EXACT_IN, 10**9, 5, path, OWN, 1))
    with pytest.raises(EvmDecodeError):
        decode_evm(payload)
    assert judged(payload, LB_ROUTER).action is not Action.ALLOW


def test_lb_truncated_calldata_is_a_typed_error_or_flag() -> None:
    """Truncated calldata: a DecodeError or an opaque call, never a crash or a silent ALLOW."""
    data = call(LB_EXACT_IN, 10**9, 5, PATH, OWN, 1)[:100]
    with contextlib.suppress(EvmDecodeError):
        decode_evm(own_tx(LB_ROUTER, data))
    assert judged(own_tx(LB_ROUTER, data), LB_ROUTER).action is not Action.ALLOW


def test_lb_signature_on_a_stranger_contract_is_an_unknown_call() -> None:
    """The same selector on a contract that is no LB router: also an unknown call (FLAG)."""
    other = addr("lb-lookalike")
    verdict = judged(own_tx(other, call(LB_EXACT_IN, 10**9, 5, PATH, OWN, 1)))
    assert verdict.action is Action.FLAG
    assert "tx.evm.unknown_call" in rules(verdict)


LB_PARAMS = (
    "(address,address,uint256,uint256,uint256,uint256,uint256,uint256,uint256,int256[],"
    "uint256[],uint256[],address,address,uint256)"
)
LB_ADD = f"addLiquidity({LB_PARAMS})"
LB_REMOVE = (
    "removeLiquidity(address,address,uint16,uint256,uint256,uint256[],uint256[],address,uint256)"
)


def _lb_params(to: str, refund_to: str) -> tuple[object, ...]:
    half = 5 * 10**17
    return (WETH, USDC, 15, 10**18, 3000 * 10**6, 0, 0, 2**23, 5, [0], [10**18], [half], to,
            refund_to, 1)  # fmt: skip


@pytest.mark.parametrize(
    ("to", "refund_to", "action"),
    [
        pytest.param(OWN, OWN, Action.ALLOW, id="own-own"),
        pytest.param(STRANGER, OWN, Action.BLOCK, id="lb-tokens-to-stranger"),
        pytest.param(OWN, STRANGER, Action.BLOCK, id="refund-to-stranger"),
    ],
)
def test_lb_add_liquidity_pays_in_and_mints_to_to(to: str, refund_to: str, action: Action) -> None:
    """addLiquidity(params): both amounts from own to the router, LB tokens to ``to``, the rest
    refunded to ``refundTo`` (a stranger there receives a share of own's input: BLOCK)."""
    payload = own_tx(LB_ROUTER, call(LB_ADD, _lb_params(to, refund_to)))
    assert {(g.asset.address, g.amount) for g in gives(payload)} == {
        (WETH, 10**18),
        (USDC, 3000 * 10**6),
    }
    assert to in {r.recipient for r in receipts(payload)}
    assert judged(payload, LB_ROUTER).action is action


@pytest.mark.parametrize(("to", "action"), [(OWN, Action.ALLOW), (STRANGER, Action.BLOCK)])
def test_lb_remove_liquidity_pays_both_tokens_to_to(to: str, action: Action) -> None:
    """removeLiquidity(...): own's LB tokens in, at least the minima of both tokens to ``to``;
    ids and amounts of different lengths are a typed error."""
    payload = own_tx(LB_ROUTER, call(LB_REMOVE, WETH, USDC, 15, 5, 7, [2**23], [10**18], to, 1))
    assert {(r.asset.address, r.amount, r.recipient) for r in receipts(payload)} == {
        (WETH, 5, to),
        (USDC, 7, to),
    }
    assert judged(payload, LB_ROUTER).action is action
    bad = own_tx(LB_ROUTER, call(LB_REMOVE, WETH, USDC, 15, 5, 7, [1, 2], [10**18], OWN, 1))
    with pytest.raises(EvmDecodeError):
        decode_evm(bad)


# --- Synapse Router ----------------------------------------------------------------------

_QUERY = "(address,address,uint256,uint256,bytes)"
BRIDGE = f"bridge(address,uint256,address,uint256,{_QUERY},{_QUERY})"
SWAP = f"swap(address,address,uint256,{_QUERY})"
USDC_ARB = "0xaf88d065e77c8cc2239327c5edb3a432268e5831"
EMPTY = (ZERO, ZERO, 0, 0, b"")


@pytest.mark.parametrize(
    ("to", "action"),
    [
        pytest.param(OWN, Action.ALLOW, id="to-own"),
        pytest.param(FRIEND, Action.ALLOW, id="to-allowlisted"),
        pytest.param(STRANGER, Action.BLOCK, id="to-stranger"),
    ],
)
def test_synapse_bridge_destination_is_to(to: str, action: Action) -> None:
    """bridge(to, 42161, USDC, amount, origin, dest): USDC to the router, at least dest's
    minimum of its tokenOut to ``to`` on Arbitrum."""
    dest = (addr("adapter"), USDC_ARB, 998 * 10**7, 2, b"")
    payload = own_tx(SYNAPSE, call(BRIDGE, to, 42161, USDC, 10**10, EMPTY, dest))
    assert (gives(payload)[0].amount, gives(payload)[0].recipient) == (10**10, SYNAPSE)
    (receipt,) = receipts(payload)
    assert (receipt.asset.address, receipt.amount, receipt.recipient) == (USDC_ARB, 998 * 10**7, to)
    assert judged(payload, SYNAPSE, FRIEND).action is action


def test_synapse_bridge_eth_and_empty_destination_query() -> None:
    """ETH in (0xEeee…): the call's value, no token give; an empty destQuery names no token:
    the input stands for it, with no minimum."""
    payload = own_tx(SYNAPSE, call(BRIDGE, OWN, 10, ETH, 10**18, EMPTY, EMPTY), 10**18)
    assert [g.asset.kind.value for g in gives(payload)] == ["native"]
    (receipt,) = receipts(payload)
    assert (receipt.asset.kind.value, receipt.amount) == ("native", None)
    assert judged(payload, SYNAPSE).action is Action.ALLOW


@pytest.mark.parametrize(
    ("adapter", "allowlisted", "action"),
    [
        pytest.param(STRANGER, (), Action.FLAG, id="stranger-adapter"),
        pytest.param(FRIEND, (FRIEND,), Action.ALLOW, id="allowlisted-adapter"),
        pytest.param(SYNAPSE, (), Action.ALLOW, id="router-itself"),
    ],
)
def test_synapse_swap_adapter_gets_the_tokens(
    adapter: str, allowlisted: tuple[str, ...], action: Action
) -> None:
    """Review17b B10: ``_adapterSwap`` pulls the caller's tokens to the query's swapAdapter and
    trusts what it returns: a stranger adapter (bridge's originQuery, swap's query) is an
    opaque call naming it (FLAG), even with a minimum; the router or an allowlisted one is
    judged by the trip."""
    origin = (adapter, USDC, 999 * 10**6, 2**40, b"\x01")
    dest = (ZERO, USDC_ARB, 990 * 10**6, 2**40, b"")
    bridge = own_tx(SYNAPSE, call(BRIDGE, OWN, 42161, USDC, 10**9, origin, dest))
    usdt = addr("usdt")
    swap = own_tx(SYNAPSE, call(SWAP, OWN, USDC, 10**9, (adapter, usdt, 999 * 10**6, 2**40, b"")))
    for payload in (bridge, swap):
        verdict = judged(payload, SYNAPSE, *allowlisted)
        assert verdict.action is action, rules(verdict)
        assert action is Action.ALLOW or "tx.evm.unknown_call" in rules(verdict)


def test_synapse_local_swap_to_a_stranger_blocks() -> None:
    """swap(to, token, amount, query): query's minimum of its tokenOut to ``to``."""
    query = (addr("adapter"), WETH, 5, 2, b"")
    payload = own_tx(SYNAPSE, call(SWAP, STRANGER, USDC, 10**9, query))
    assert receipts(payload)[0].recipient == STRANGER
    assert judged(payload, SYNAPSE).action is Action.BLOCK


# --- thirdweb drops ---------------------------------------------------------------------------

_PROOF = "(bytes32[],uint256,uint256,address)"
CLAIM = f"claim(address,uint256,address,uint256,{_PROOF},bytes)"
CLAIM_1155 = f"claim(address,uint256,uint256,address,uint256,{_PROOF},bytes)"
PUBLIC = ([], 0, 2**256 - 1, ZERO)


@pytest.mark.parametrize(
    ("receiver", "allowlisted", "action"),
    [
        pytest.param(OWN, True, Action.ALLOW, id="own-allowlisted-drop"),
        pytest.param(STRANGER, True, Action.BLOCK, id="stranger-allowlisted-drop"),
        pytest.param(OWN, False, Action.FLAG, id="own-stranger-drop"),
    ],
)
def test_thirdweb_claim_mints_to_receiver(receiver: str, allowlisted: bool, action: Action) -> None:
    """claim(receiver, 2, ETH, price, proof, data) paid with ETH: the drop's tokens to
    ``receiver``; a drop earns trust only by being allowlisted (else an unknown call)."""
    data = call(CLAIM, receiver, 2, ETH, 25 * 10**14, PUBLIC, b"")
    payload = own_tx(DROP, data, value=5 * 10**15)
    (receipt,) = receipts(payload)
    assert (receipt.asset.address, receipt.amount, receipt.recipient) == (DROP, 2, receiver)
    verdict = judged(payload, *([DROP] if allowlisted else [FRIEND]))
    assert verdict.action is action
    if not allowlisted:
        assert "tx.evm.unknown_call" in rules(verdict)


def test_thirdweb_claim_in_a_token_pays_quantity_times_price() -> None:
    """An ERC-20 currency: the drop pulls quantity * pricePerToken of it from own."""
    payload = own_tx(DROP, call(CLAIM, OWN, 3, USDC, 5 * 10**6, PUBLIC, b""))
    (give,) = gives(payload)
    assert (give.asset.address, give.amount, give.recipient) == (USDC, 15 * 10**6, DROP)
    assert judged(payload, DROP).action is Action.ALLOW


def test_thirdweb_1155_claim_names_the_token_id() -> None:
    """IDrop1155: claim(receiver, tokenId, quantity, ...): the id minted to the receiver."""
    payload = own_tx(DROP, call(CLAIM_1155, STRANGER, 7, 1, ETH, 10**16, PUBLIC, b""), 10**16)
    (receipt,) = receipts(payload)
    assert (receipt.token_id, receipt.amount, receipt.recipient) == (7, 1, STRANGER)
    assert judged(payload, DROP).action is Action.BLOCK


# --- Manifold lazy claims ---------------------------------------------------------------------

_LAZY = "(address,uint256,uint16,uint32[],bytes32[][],address)"
MINT_BATCH = f"mintBatch{_LAZY}"
MINT_PROXY = f"mintProxy{_LAZY}"
MINT_ONE = "mint(address,uint256,uint32,bytes32[],address)"


@pytest.mark.parametrize(
    ("signature", "mint_for", "action"),
    [
        pytest.param(MINT_BATCH, OWN, Action.ALLOW, id="batch-own"),
        pytest.param(MINT_PROXY, STRANGER, Action.BLOCK, id="proxy-stranger"),
        pytest.param(MINT_PROXY, FRIEND, Action.ALLOW, id="proxy-allowlisted"),
    ],
)
def test_manifold_mint_goes_to_mint_for(signature: str, mint_for: str, action: Action) -> None:
    """mintBatch / mintProxy(creator, claim, 3, [], [], mintFor): 3 of the creator's tokens
    to ``mintFor``; own pays the value."""
    payload = own_tx(MANIFOLD_1155, call(signature, CREATOR, 9, 3, [], [], mint_for), 45 * 10**14)
    (receipt,) = receipts(payload)
    assert (receipt.asset.address, receipt.amount, receipt.recipient) == (CREATOR, 3, mint_for)
    assert judged(payload, MANIFOLD_1155, FRIEND, CREATOR).action is action


@pytest.mark.parametrize(
    ("creator", "allowlisted", "action"),
    [
        pytest.param(STRANGER, (), Action.FLAG, id="stranger-creator"),
        pytest.param(CREATOR, (CREATOR,), Action.ALLOW, id="allowlisted-creator"),
        pytest.param(OWN, (), Action.ALLOW, id="own-creator"),
    ],
)
@pytest.mark.parametrize("signature", [MINT_BATCH, MINT_PROXY])
def test_manifold_claim_cost_is_the_creators_call(
    signature: str, creator: str, allowlisted: tuple[str, ...], action: Action
) -> None:
    """Review17b B13: the extension also pulls the claim's ERC-20 cost, set by the creator
    on-chain and not in the call (``LazyPayableClaim.sol`` ``_transferFunds``): a claim of a
    creator nobody vouches for is an unknown call (FLAG) even minted to own; an allowlisted or
    own creator's claim is judged by its mint."""
    payload = own_tx(MANIFOLD_1155, call(signature, creator, 1, 500, [], [], OWN))
    verdict = judged(payload, MANIFOLD_1155, *allowlisted)
    assert verdict.action is action, rules(verdict)
    assert action is Action.ALLOW or "tx.evm.unknown_call" in rules(verdict)


def test_manifold_single_mint_of_a_stranger_creator_flags() -> None:
    """mint(creator, ...) without value: the cost is still the creator's to set (FLAG)."""
    data = call(MINT_ONE, STRANGER, 1, 0, [], OWN)
    verdict = judged(own_tx(MANIFOLD_1155, data), MANIFOLD_1155)
    assert verdict.action is Action.FLAG
    assert "tx.evm.unknown_call" in rules(verdict)


def test_manifold_single_mint_and_elsewhere() -> None:
    """mint(...) mints one; the same selector on another contract is an unknown call naming the
    creator and mintFor (FLAG, no receipt)."""
    data = call(MINT_ONE, CREATOR, 9, 0, [], OWN)
    assert receipts(own_tx(MANIFOLD_1155, data, 10**15))[0].amount == 1
    other = addr("manifold-lookalike")
    payload = own_tx(other, data, 10**15)
    assert not receipts(payload)
    assert judged(payload, other).action is Action.FLAG


# --- ERC-4626 vaults of the book: the underlying named -----------------------------------------

STEAKHOUSE = "0xbeef01735c132ada46aa9aa4c54623caa92a64cb"  # Steakhouse USDC (MetaMorpho)
SUSDS = "0xa3931d71877c0e7a3148cb7eb4463524fec27fbd"
USDS = "0xdc035d45d973e3ec169d2276ddab16f1e407384f"


@pytest.mark.parametrize(("vault", "underlying"), [(STEAKHOUSE, USDC), (SUSDS, USDS)])
def test_book_vault_deposit_and_redeem_name_the_underlying(vault: str, underlying: str) -> None:
    """deposit(assets, own) gives the vault's ``asset()`` (the book's row); redeem(shares,
    stranger, own) pays it to the stranger: BLOCK."""
    deposit = own_tx(vault, call("deposit(uint256,address)", 10**9, OWN))
    (give,) = gives(deposit)
    assert (give.asset.address, give.amount) == (underlying, 10**9)
    assert judged(deposit, vault).action is Action.ALLOW
    redeem = own_tx(vault, call("redeem(uint256,address,address)", 10**9, STRANGER, OWN))
    (receipt,) = receipts(redeem)
    assert (receipt.asset.address, receipt.recipient) == (underlying, STRANGER)
    assert judged(redeem, vault).action is Action.BLOCK


# --- Aerodrome liquidity: the LP token is the pool the router's factory clones ------------------

AERODROME = "0xcf77a3ba9a5ca399b7c97c74d54e5b1beb874e43"  # Aerodrome Router (Base)
WETH_BASE = "0x4200000000000000000000000000000000000006"
USDC_BASE = "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913"
VAMM_WETH_USDC = "0xcdac0d6c6c59727a65f871236188350531885c43"  # published vAMM-WETH/USDC pool
ADD = "addLiquidity(address,address,bool,uint256,uint256,uint256,uint256,address,uint256)"
REMOVE = "removeLiquidity(address,address,bool,uint256,uint256,uint256,address,uint256)"


@pytest.mark.parametrize("order", ["weth-first", "usdc-first"])
def test_aerodrome_add_liquidity_mints_the_pools_lp_token(order: str) -> None:
    """addLiquidity(WETH, USDC, volatile, ...): the LP token is the published vAMM pool
    (poolFor: the factory's clone at keccak(token0, token1, stable)), whatever the order."""
    tokens = (WETH_BASE, USDC_BASE) if order == "weth-first" else (USDC_BASE, WETH_BASE)
    data = call(ADD, *tokens, False, 2 * 10**18, 64 * 10**8, 0, 0, OWN, 1)
    payload = own_tx(AERODROME, data, chain_id=8453)
    (receipt,) = receipts(payload)
    assert (receipt.asset.address, receipt.recipient) == (VAMM_WETH_USDC, OWN)
    assert judged(payload, AERODROME).action is Action.ALLOW


def test_aerodrome_stable_pool_and_remove_to_a_stranger() -> None:
    """The stable pool of the same pair is another address; removeLiquidity gives that LP token
    and pays both tokens to ``to`` (a stranger: BLOCK)."""
    data = call(REMOVE, WETH_BASE, USDC_BASE, True, 10**12, 0, 0, STRANGER, 1)
    payload = own_tx(AERODROME, data, chain_id=8453)
    (give,) = gives(payload)
    assert give.asset.address not in (VAMM_WETH_USDC, None)
    assert judged(payload, AERODROME).action is Action.BLOCK
