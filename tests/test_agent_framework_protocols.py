"""What agent frameworks build (table 18's classes): Superfluid streams through the
CFAv1Forwarder, WOW bonding-curve trades, Basename registrations, Compound III on Base and
SPL stake-pool deposits into Sanctum's deployments of the program (JupSOL).

Calldata is eth_abi's encoding of the published signatures (superfluid-finance/
protocol-monorepo ``CFAv1Forwarder.sol``; Coop-Records/wow ``Wow.sol``; base-org/basenames
``RegistrarController.sol``; compound-finance/comet ``CometMainInterface.sol``); Solana
instructions follow solana-program-library ``stake-pool/program/src/instruction.rs``
(``DepositSol`` = 14, its ten accounts). Deployed addresses are the projects' (the address
book); every party is a generated, never-funded address or key.
"""

from __future__ import annotations

import struct
from typing import Any

import pytest
import spl as sx
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.token.associated import get_associated_token_address

from aiegis_guard import Guard
from aiegis_guard.chains.solana.decode import decode_solana
from aiegis_guard.chains.transaction import Receipt, Transfer
from aiegis_guard.checksums import keccak256
from aiegis_guard.findings import Action
from aiegis_guard.policy import Allowlist, Policy
from tests.evm_builders import call
from tests.receiver_builders import (
    FRIEND,
    OWN,
    STRANGER,
    addr,
    gives,
    judged,
    operations,
    own_tx,
    rules,
)

ETH = 10**18
FORWARDER = "0xcfa132e353cb4e398080b9700609bb008eceb125"  # networks.json cfaV1Forwarder
SUPER_TOKEN = addr("usdcx")
CONTROLLER = "0x4ccb0bb02fcaba27e82a56646e81d8c5bc4119a5"  # Basenames RegistrarController
BASE_REGISTRAR = "0x03c4738ee98ae44591e1a4a4f3cab6641d95dd9a"
L2_RESOLVER = "0xc6d566a56a1aff6508b41f6c90ff131615583bcd"
COMET_BASE = "0xb125e6687d4313864e53df431d5425969c15eb2f"  # cUSDCv3 on Base
USDC_BASE = "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913"
WETH_BASE = "0x4200000000000000000000000000000000000006"
SPARK_USDC = "0x7bfa7c4f149e7415b73bdedfe609237e29cbf34a"  # MetaMorpho vault on Base
WOW_TOKEN = addr("wow-token")
UNBOUNDED, ELSEWHERE = "tx.evm.unbounded_give", "tx.evm.swap_recipient"
GRANT = "tx.evm.unlimited_approval"
_CREATE = "createFlow(address,address,address,int96,bytes)"
_UPDATE = "updateFlow(address,address,address,int96,bytes)"
_BUY = "buy(address,address,address,string,uint8,uint256,uint160)"
_SELL = "sell(uint256,address,address,string,uint8,uint256,uint160)"
_REQUEST = "(string,address,uint256,address,bytes[],bool)"
RATE = 385_802_469_135  # wad per second: about 1,000 a month
YEAR = 31_557_600


def _flow(to: str, rate: int = RATE, fn: str = _CREATE) -> bytes:
    return call(fn, SUPER_TOKEN, OWN, to, rate, b"")


STREAMS = [
    pytest.param(_flow(FRIEND), Action.ALLOW, set(), id="create-to-allowlisted"),
    pytest.param(_flow(STRANGER), Action.BLOCK, {UNBOUNDED}, id="create-to-stranger"),
    pytest.param(_flow(STRANGER, fn=_UPDATE), Action.BLOCK, {UNBOUNDED}, id="update-to-stranger"),
    pytest.param(call("setFlowrate(address,address,int96)", SUPER_TOKEN, STRANGER, RATE),
                 Action.BLOCK, {UNBOUNDED}, id="set-flowrate-to-stranger"),
    pytest.param(call("setFlowrateFrom(address,address,address,int96)", SUPER_TOKEN, OWN,
                      FRIEND, RATE), Action.ALLOW, set(), id="set-flowrate-from-own-to-friend"),
    pytest.param(call("setFlowrate(address,address,int96)", SUPER_TOKEN, STRANGER, 0),
                 Action.ALLOW, set(), id="flowrate-zero-deletes"),
    pytest.param(call("deleteFlow(address,address,address,bytes)", SUPER_TOKEN, OWN, STRANGER,
                      b""), Action.ALLOW, set(), id="delete-moves-nothing"),
    pytest.param(_flow(STRANGER, rate=-RATE), Action.ALLOW, set(), id="negative-rate-reverts"),
    pytest.param(call("grantPermissions(address,address)", SUPER_TOKEN, STRANGER),
                 Action.BLOCK, {GRANT}, id="operator-stranger"),
    pytest.param(call("revokePermissions(address,address)", SUPER_TOKEN, STRANGER),
                 Action.ALLOW, set(), id="operator-revoked"),
    pytest.param(call("updateFlowOperatorPermissions(address,address,uint8,int96)", SUPER_TOKEN,
                      STRANGER, 4, RATE), Action.ALLOW, set(), id="operator-delete-only"),
    pytest.param(call("updateFlowOperatorPermissions(address,address,uint8,int96)", SUPER_TOKEN,
                      STRANGER, 1, RATE), Action.BLOCK, {GRANT},
                 id="operator-may-create"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "action", "expected"), STREAMS)
def test_superfluid_stream(data: bytes, action: Action, expected: set[str]) -> None:
    """A stream from own has no end: all of the super token to its receiver (allowlisted
    passes, a stranger blocks); deleting one or revoking an operator moves nothing; an
    operator that may create streams is an unlimited grant."""
    verdict = judged(own_tx(FORWARDER, data, chain_id=8453), FRIEND)
    assert verdict.action is action, verdict.effect_lines
    assert rules(verdict) == expected


def test_superfluid_stream_is_a_give_without_amount() -> None:
    """createFlow decodes to the super token given, no amount (no bound), sender to receiver."""
    (flow,) = operations(own_tx(FORWARDER, _flow(STRANGER)))
    assert isinstance(flow, Transfer)
    assert (flow.via, flow.sender, flow.recipient, flow.amount) == (
        "superfluid.flow",
        OWN,
        STRANGER,
        None,
    )
    assert flow.asset.address == SUPER_TOKEN


def test_superfluid_selector_elsewhere_is_an_unknown_call() -> None:
    """The same createFlow on a contract that is not the forwarder stays an unknown call."""
    verdict = judged(own_tx(addr("not-the-forwarder"), _flow(FRIEND)), FRIEND)
    assert verdict.action is Action.FLAG
    assert "tx.evm.unknown_call" in rules(verdict)


def _buy(recipient: str, refund: str, least: int = 10**24) -> bytes:
    return call(_BUY, recipient, refund, "0x" + "00" * 20, "", 0, least, 0)


def _sell(recipient: str, tokens: int = 5 * 10**23, least: int = 6 * 10**15) -> bytes:
    return call(_SELL, tokens, recipient, "0x" + "00" * 20, "", 1, least, 0)


WOW = [
    pytest.param(_buy(OWN, OWN), ETH // 50, Action.ALLOW, set(), id="buy-to-own"),
    pytest.param(_buy(STRANGER, OWN), ETH, Action.BLOCK, {ELSEWHERE}, id="buy-to-stranger"),
    pytest.param(_buy(OWN, STRANGER), ETH, Action.BLOCK, {ELSEWHERE}, id="refund-to-stranger"),
    pytest.param(_sell(OWN), 0, Action.ALLOW, set(), id="sell-to-own"),
    pytest.param(_sell(STRANGER), 0, Action.BLOCK, {ELSEWHERE}, id="sell-to-stranger"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "value", "action", "expected"), WOW)
def test_wow_trade(data: bytes, value: int, action: Action, expected: set[str]) -> None:
    """A buy's tokens, its refund and a sell's ETH are outputs: own's pass on the allowlisted
    token, any paid to a stranger blocks."""
    verdict = judged(own_tx(WOW_TOKEN, data, value, chain_id=8453), WOW_TOKEN)
    assert verdict.action is action, verdict.effect_lines
    assert rules(verdict) == expected


def test_wow_buy_reads_minimum_and_token() -> None:
    """buy: at least ``minOrderSize`` of the token itself to ``recipient``; a token the policy
    does not name stays an unknown call."""
    payload = own_tx(WOW_TOKEN, _buy(OWN, OWN, least=123), ETH // 50)
    (got,) = [op for op in operations(payload) if isinstance(op, Receipt)]
    assert (got.asset.address, got.recipient, got.amount) == (WOW_TOKEN, OWN, 123)
    assert judged(payload).action is Action.FLAG


def _register(owner: str, name: str = "ledgerly", fn: str = "register") -> bytes:
    request = (name, owner, YEAR, L2_RESOLVER, [], True)
    if fn == "register":
        return call(f"register({_REQUEST})", request)
    return call(f"discountedRegister({_REQUEST},bytes32,bytes)", request, b"\x01" * 32, b"")


def test_basename_registered_for_own_passes() -> None:
    """The name's NFT (id keccak256(label)) to own, paid to the Basenames controller: ALLOW."""
    payload = own_tx(CONTROLLER, _register(OWN), 2 * 10**15, chain_id=8453)
    assert judged(payload).action is Action.ALLOW
    (name,) = [op for op in operations(payload) if isinstance(op, Receipt)]
    assert name.asset.address == BASE_REGISTRAR
    assert name.token_id == int.from_bytes(keccak256(b"ledgerly"), "big")


@pytest.mark.parametrize("fn", ["register", "discountedRegister"])
def test_basename_registered_for_a_stranger_flags(fn: str) -> None:
    """A name registered for another owner: what own pays for given to them (FLAG)."""
    payload = own_tx(CONTROLLER, _register(STRANGER, fn=fn), 10**16, chain_id=8453)
    verdict = judged(payload)
    assert verdict.action is Action.FLAG
    assert "tx.evm.unknown_recipient" in rules(verdict)


def test_basename_selector_elsewhere_stays_opaque() -> None:
    """The same register on another contract: an unknown call, no name received."""
    payload = own_tx(addr("fake-controller"), _register(OWN), 10**16, chain_id=8453)
    assert not [op for op in operations(payload) if isinstance(op, Receipt)]
    assert "tx.evm.unknown_call" in rules(judged(payload))


def test_comet_on_base_withdraw_and_supply() -> None:
    """cUSDCv3 on Base is a Comet: withdraw(asset, amount) pays the caller, supply credits
    the caller's base balance (the Comet's own token)."""
    out = own_tx(COMET_BASE, call("withdraw(address,uint256)", WETH_BASE, 4 * 10**17), 0, 8453)
    (got,) = [op for op in operations(out) if isinstance(op, Receipt)]
    assert (got.asset.address, got.recipient, got.amount) == (WETH_BASE, OWN, 4 * 10**17)
    supply = own_tx(COMET_BASE, call("supply(address,uint256)", USDC_BASE, 1500 * 10**6), 0, 8453)
    (credit,) = [op for op in operations(supply) if isinstance(op, Receipt)]
    assert (credit.asset.address, credit.recipient) == (COMET_BASE, OWN)
    assert judged(out, COMET_BASE).action is Action.ALLOW


def test_metamorpho_vault_on_base_names_its_underlying() -> None:
    """AgentKit's Morpho deposit(assets, receiver) into the Spark USDC vault: the USDC given
    is named (the book's ``asset``), the shares to own; no unknown-call stand-in."""
    payload = own_tx(SPARK_USDC, call("deposit(uint256,address)", 2000 * 10**6, OWN), 0, 8453)
    (paid,) = gives(payload)
    assert (paid.asset.address, paid.recipient, paid.amount) == (USDC_BASE, SPARK_USDC, 2 * 10**9)
    assert judged(payload, SPARK_USDC).action is Action.ALLOW


# --- SPL stake pool, Sanctum deployments ------------------------------------------------------

ME = Keypair().pubkey()
SOL_STRANGER = Keypair().pubkey()
POOL = Pubkey.new_unique()
POOL_MINT = Pubkey.new_unique()
SANCTUM_MULTI = Pubkey.from_string("SPMBzsVUuoHA4Jm6KunbsotaahvVikZs1JyTW6iJvbn")
SANCTUM_SINGLE = Pubkey.from_string("SP12tWFxD9oJsVWNavTTBZvMbA6gkAmxtVgxdqvyvhY")


def _deposit_sol(program: Pubkey, owner: Pubkey) -> Any:
    """DepositSol (14, lamports u64): pool, withdraw authority, reserve, lamports from, pool
    tokens to, manager fee, referrer, pool mint, system, token."""
    to = get_associated_token_address(owner, POOL_MINT)
    authority, reserve, fee = (Pubkey.new_unique() for _ in range(3))
    keys = (POOL, authority, reserve, ME, to, fee, to, POOL_MINT, sx.SYSTEM, sx.TOKEN)
    metas = [AccountMeta(k, is_signer=k == ME, is_writable=True) for k in keys]
    ix = Instruction(program, bytes([14]) + struct.pack("<Q", 5 * 10**9), metas)
    return sx.message(ME, [sx.create_ata(ME, owner, POOL_MINT), ix])


def _sol_policy(*allowed: Pubkey) -> Policy:
    return Policy(allowlist=Allowlist(solana=frozenset(map(str, allowed))))


SANCTUM = [
    pytest.param(SANCTUM_MULTI, ME, (POOL,), Action.ALLOW, None, id="multi-deposit-own"),
    pytest.param(SANCTUM_MULTI, SOL_STRANGER, (POOL,), Action.BLOCK, "tx.sol.swap_recipient",
                 id="multi-deposit-pool-tokens-to-stranger"),
    pytest.param(SANCTUM_SINGLE, ME, (POOL,), Action.ALLOW, None, id="single-deposit-own"),
    pytest.param(SANCTUM_SINGLE, ME, (), Action.FLAG, "tx.sol.unknown_recipient",
                 id="pool-not-allowlisted"),
]  # fmt: skip


@pytest.mark.parametrize(("program", "owner", "allowed", "action", "rule"), SANCTUM)
def test_sanctum_stake_pool_deposit(
    program: Pubkey, owner: Pubkey, allowed: tuple[Pubkey, ...], action: Action, rule: str | None
) -> None:
    """Sanctum's stake-pool programs are the SPL program: DepositSol gives SOL to the pool and
    mints its token to ``pool_tokens_to`` (a stranger's account: output elsewhere)."""
    message = _deposit_sol(program, owner)
    decoded = decode_solana(message)
    assert any(op.via == "stake_pool.DepositSol" for op in decoded.operations)
    verdict = Guard(_sol_policy(*allowed), classifier=False).check_transaction(message)
    assert verdict.action is action, verdict.explain()
    if rule is not None:
        assert rule in {f.rule_id for f in verdict.findings}
