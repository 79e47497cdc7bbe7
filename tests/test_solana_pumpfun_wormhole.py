"""pump.fun bonding-curve trades, PumpSwap swaps and Wormhole Token Bridge transfers out, as
effects.

Instructions are built here from each program's published layout (sources in
``aiegis_guard/chains/solana/pumpfun.py`` and ``wormhole.py``): pump.fun ``buy`` / ``sell`` /
``buy_exact_sol_in`` and the quote-mint ``*_v2`` / ``*_v3`` forms (Anchor discriminators, the
account order of the IDL and of the program's docs), PumpSwap ``buy`` / ``sell`` /
``buy_exact_quote_in`` and their ``*_v2`` forms, the Token Bridge's ``TransferNative`` (5),
``TransferWrapped`` (4) and ``TransferNativeWithPayload`` (12) (Solitaire: a tag byte, then
Borsh). Every drain has its legitimate twin: own / allowlisted / stranger recipients, a minimum
of 0, a clone program, truncated data and missing accounts.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable

import pytest
import spl as sx
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.token.associated import get_associated_token_address

from aiegis_guard.chains.solana import wormhole as wh
from aiegis_guard.chains.solana.decode import decode_solana
from aiegis_guard.chains.transaction import Receipt, Transfer
from aiegis_guard.findings import Action, Chain
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Allowlist, Policy, Wallet

ME = Keypair().pubkey()
STRANGER = Keypair().pubkey()
COIN = Pubkey.new_unique()  # a freshly launched coin (no well-known mint)
USDC = Pubkey.from_string("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v")
WSOL = Pubkey.from_string("So11111111111111111111111111111111111111112")
PUMP = Pubkey.from_string("6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P")
CLONE = Pubkey.new_unique()  # a fake launchpad's program
BRIDGE = Pubkey.from_string("wormDTUJ6AWPNvk59vGQbDvGJmqbDTdgWgAqcLBCgUb")
AUTHORITY_SIGNER = Pubkey.find_program_address([b"authority_signer"], BRIDGE)[0]
MY_EVM = "0x" + hashlib.sha256(b"own evm wallet").digest()[:20].hex()
FRIEND_EVM = "0x" + hashlib.sha256(b"friend evm wallet").digest()[:20].hex()
STRANGER_EVM = "0x" + hashlib.sha256(b"stranger evm wallet").digest()[:20].hex()


def ata(wallet: Pubkey, mint: Pubkey) -> Pubkey:
    return get_associated_token_address(wallet, mint)


def _anchor(name: str) -> bytes:
    return hashlib.sha256(f"global:{name}".encode()).digest()[:8]


def _metas(*keys: Pubkey) -> list[AccountMeta]:
    return [AccountMeta(k, is_signer=k == ME, is_writable=True) for k in keys]


def _fill(n: int) -> list[Pubkey]:
    return [Pubkey.new_unique() for _ in range(n)]


def pump(side: str, account: Pubkey, limit: int = 10**9, program: Pubkey = PUMP) -> Instruction:
    """``buy`` (amount, max_sol_cost) / ``sell`` (amount, min_sol_output) of 3.5M coins."""
    g, fee, curve, curve_ata, vault, event = _fill(6)
    keys = (g, fee, COIN, curve, curve_ata, account, ME, sx.SYSTEM, sx.TOKEN, vault, event, program)
    data = _anchor(side) + struct.pack("<QQ", 3_500_000 * 10**6, limit)
    return Instruction(program, data, _metas(*keys))


def pump_unified(
    name: str, account: Pubkey, quote: Pubkey = WSOL, limit: int = 10**9
) -> Instruction:
    """The quote-mint forms: ``*_v2`` (27 accounts; BUY.md / SELL.md) and ``*_v3`` (17;
    TRADE_V3.md): base mint 2nd, quote mint 3rd, then the curve and the user's three."""
    v2 = name.endswith("v2")
    keys = _fill(27 if v2 else 17)
    keys[1], keys[2] = COIN, quote
    user = 13 if v2 else 8
    keys[user : user + 3] = [ME, account, ata(ME, quote)]
    data = _anchor(name) + struct.pack("<QQ", 3_500_000 * 10**6, limit) + b"\x00"
    return Instruction(PUMP, data, _metas(*keys))


PUMP_AMM = Pubkey.from_string("pAMMBay6oceH9fJKBRHGP5D4bD4sWpmSwMn52FMfXEA")


def pumpswap(name: str, base_to: Pubkey, quote_to: Pubkey, limit: int = 10**9) -> Instruction:
    """PumpSwap ``buy`` / ``sell`` / ``buy_exact_quote_in`` (and ``*_v2``): pool, user, global
    config, base and quote mints, the user's base and quote token accounts first."""
    keys = _fill(17)
    keys[1], keys[3], keys[4], keys[5], keys[6] = ME, COIN, WSOL, base_to, quote_to
    data = _anchor(name) + struct.pack("<QQ", 3_500_000 * 10**6, limit) + b"\x00"
    return Instruction(PUMP_AMM, data, _metas(*keys))


def _word(address: str) -> bytes:
    return bytes(12) + bytes.fromhex(address[2:])


def wormhole(
    target: bytes,
    *,
    tag: int = 5,
    amount: int = 2_500 * 10**6,
    fee: int = 0,
    approved: int | None = None,
    chain: int = 30,
) -> list[Instruction]:
    """SPL ``Approve`` of ``amount`` (or ``approved``) to the bridge's authority signer, then
    the transfer to ``target`` on Wormhole chain ``chain`` (30: Base)."""
    mint, source = USDC, ata(ME, USDC)
    a = _fill(9)
    tail = (a[3], a[4], a[5], a[6], a[7], sx.CLOCK, sx.RENT, sx.SYSTEM, sx.TOKEN, a[8])
    if tag in (5, 12):
        head = (ME, a[0], source, mint, a[1], AUTHORITY_SIGNER, a[2])
    else:  # wrapped: from_owner and wrapped_meta
        head = (ME, a[0], source, ME, mint, a[1], AUTHORITY_SIGNER)
    data = bytes([tag]) + struct.pack("<IQ", 7, amount)
    if tag in (4, 5):
        data += struct.pack("<Q", fee) + target + struct.pack("<H", chain)
    else:  # with payload: no fee; payload bytes, no cpi program id
        data += target + struct.pack("<H", chain) + struct.pack("<I", 3) + b"hi!" + b"\x00"
    keys = (*head, *tail[:6], *((ME,) if tag in (11, 12) else ()), *tail[6:])
    approve = sx.approve(source, AUTHORITY_SIGNER, ME, amount if approved is None else approved)
    return [approve, Instruction(BRIDGE, data, _metas(*keys))]


def _policy(*evm: str, own_evm: str | None = None) -> Policy:
    """``evm`` are allowlisted recipients on the other chain (the bridge's authority signer is
    not named: an allowance the transfer spends in full is its input)."""
    return Policy(
        wallet=Wallet(evm=frozenset({own_evm} if own_evm else set())),
        allowlist=Allowlist(evm=frozenset(evm)),
    )


_Make = Callable[[], list[Instruction]]
ELSEWHERE = "tx.sol.swap_recipient"
NO_MINIMUM = "tx.sol.swap_no_minimum"
SPENDER = "tx.sol.approval_unknown_spender"
CASES = [
    # pump.fun
    pytest.param(lambda: [sx.create_ata(ME, ME, COIN), pump("buy", ata(ME, COIN))], Policy(),
                 Action.ALLOW, None, id="pump-buy-into-own-ata"),
    pytest.param(lambda: [pump("buy", ata(ME, COIN))], Policy(),
                 Action.ALLOW, None, id="pump-buy-into-own-ata-derived"),
    pytest.param(lambda: [sx.create_ata(ME, STRANGER, COIN), pump("buy", ata(STRANGER, COIN))],
                 Policy(), Action.BLOCK, ELSEWHERE, id="pump-buy-into-strangers-ata"),
    pytest.param(lambda: [pump("buy", Pubkey.new_unique())], Policy(), Action.BLOCK,
                 ELSEWHERE, id="pump-buy-into-an-account-not-provably-own"),
    pytest.param(lambda: [pump("sell", ata(ME, COIN))], Policy(),
                 Action.ALLOW, None, id="pump-sell-own"),
    pytest.param(lambda: [pump("sell", ata(ME, COIN), limit=0)], Policy(),
                 Action.FLAG, NO_MINIMUM, id="pump-sell-minimum-zero"),
    pytest.param(lambda: [pump("buy_exact_sol_in", ata(ME, COIN))], Policy(),
                 Action.ALLOW, None, id="pump-buy-exact-sol-in-own"),
    pytest.param(lambda: [pump("buy_exact_sol_in", ata(ME, COIN), limit=0)], Policy(),
                 Action.FLAG, NO_MINIMUM, id="pump-buy-exact-sol-in-minimum-zero"),
    pytest.param(lambda: [pump_unified("buy_v2", ata(ME, COIN))], Policy(),
                 Action.ALLOW, None, id="pump-buy-v2-own"),
    pytest.param(lambda: [pump_unified("buy_v3", ata(STRANGER, COIN))], Policy(),
                 Action.BLOCK, ELSEWHERE, id="pump-buy-v3-into-strangers-account"),
    pytest.param(lambda: [pump_unified("buy_exact_quote_in_v2", ata(ME, COIN), USDC)], Policy(),
                 Action.ALLOW, None, id="pump-buy-exact-usdc-in-v2-own"),
    pytest.param(lambda: [pump_unified("buy_exact_quote_in_v3", ata(ME, COIN), limit=0)],
                 Policy(), Action.FLAG, NO_MINIMUM, id="pump-buy-exact-quote-in-v3-minimum-zero"),
    pytest.param(lambda: [pump_unified("sell_v2", ata(ME, COIN), USDC)], Policy(),
                 Action.ALLOW, None, id="pump-sell-v2-for-usdc-own"),
    pytest.param(lambda: [pump_unified("sell_v3", ata(ME, COIN), limit=0)], Policy(),
                 Action.FLAG, NO_MINIMUM, id="pump-sell-v3-minimum-zero"),
    pytest.param(lambda: [pumpswap("buy", ata(ME, COIN), ata(ME, WSOL))], Policy(),
                 Action.ALLOW, None, id="pumpswap-buy-own"),
    pytest.param(lambda: [pumpswap("buy_v2", ata(STRANGER, COIN), ata(ME, WSOL))], Policy(),
                 Action.BLOCK, ELSEWHERE, id="pumpswap-buy-v2-into-strangers-account"),
    pytest.param(lambda: [pumpswap("sell", ata(ME, COIN), ata(STRANGER, WSOL))], Policy(),
                 Action.BLOCK, ELSEWHERE, id="pumpswap-sell-wsol-to-stranger"),
    pytest.param(lambda: [pumpswap("sell_v2", ata(ME, COIN), ata(ME, WSOL), limit=0)], Policy(),
                 Action.FLAG, NO_MINIMUM, id="pumpswap-sell-v2-minimum-zero"),
    pytest.param(lambda: [pumpswap("buy_exact_quote_in", ata(ME, COIN), ata(ME, WSOL))],
                 Policy(), Action.ALLOW, None, id="pumpswap-buy-exact-quote-in-own"),
    pytest.param(lambda: [pump("buy", ata(ME, COIN), program=CLONE)], Policy(),
                 Action.FLAG, "tx.sol.unknown_program", id="pump-layout-sent-to-a-clone"),
    # Wormhole Token Bridge
    pytest.param(lambda: wormhole(_word(FRIEND_EVM)), _policy(FRIEND_EVM),
                 Action.ALLOW, None, id="wormhole-native-to-allowlisted-evm"),
    pytest.param(lambda: wormhole(_word(MY_EVM)), _policy(own_evm=MY_EVM),
                 Action.ALLOW, None, id="wormhole-native-to-own-evm-wallet"),
    pytest.param(lambda: wormhole(_word(STRANGER_EVM)), _policy(FRIEND_EVM),
                 Action.BLOCK, ELSEWHERE, id="wormhole-native-to-stranger"),
    pytest.param(lambda: wormhole(bytes(STRANGER)), _policy(FRIEND_EVM),
                 Action.BLOCK, ELSEWHERE, id="wormhole-native-to-a-non-evm-word"),
    pytest.param(lambda: wormhole(_word(FRIEND_EVM), fee=2_500 * 10**6), _policy(FRIEND_EVM),
                 Action.BLOCK, ELSEWHERE, id="wormhole-relayer-fee-takes-it-all"),
    # the relayer fee is paid to whoever redeems: a tenth is a fee, more is a give to anyone
    pytest.param(lambda: wormhole(_word(MY_EVM), fee=250 * 10**6), _policy(own_evm=MY_EVM),
                 Action.ALLOW, None, id="wormhole-relayer-fee-of-a-tenth-to-own"),
    pytest.param(lambda: wormhole(_word(FRIEND_EVM), fee=250 * 10**6), _policy(FRIEND_EVM),
                 Action.ALLOW, None, id="wormhole-relayer-fee-of-a-tenth-to-allowlisted"),
    pytest.param(lambda: wormhole(_word(MY_EVM), fee=250 * 10**6 + 1), _policy(own_evm=MY_EVM),
                 Action.BLOCK, ELSEWHERE, id="wormhole-relayer-fee-over-a-tenth-to-own"),
    pytest.param(lambda: wormhole(_word(MY_EVM), fee=2_475 * 10**6), _policy(own_evm=MY_EVM),
                 Action.BLOCK, ELSEWHERE, id="wormhole-relayer-fee-99-percent-to-own"),
    pytest.param(lambda: wormhole(_word(MY_EVM), fee=2_500 * 10**6 - 1000),
                 _policy(own_evm=MY_EVM), Action.BLOCK, ELSEWHERE,
                 id="wormhole-relayer-fee-all-but-dust-to-own"),
    pytest.param(lambda: wormhole(_word(FRIEND_EVM), tag=4, fee=2_475 * 10**6),
                 _policy(FRIEND_EVM), Action.BLOCK, ELSEWHERE,
                 id="wormhole-wrapped-relayer-fee-99-percent"),
    pytest.param(lambda: wormhole(_word(STRANGER_EVM), fee=2_475 * 10**6), _policy(FRIEND_EVM),
                 Action.BLOCK, ELSEWHERE, id="wormhole-relayer-fee-99-percent-to-stranger"),
    pytest.param(lambda: wormhole(_word(STRANGER_EVM), fee=10**6), _policy(FRIEND_EVM),
                 Action.BLOCK, ELSEWHERE, id="wormhole-small-fee-to-stranger"),
    # an EVM-padded word is an EVM account only on an EVM target chain (Wormhole chain ids)
    pytest.param(lambda: wormhole(_word(MY_EVM), chain=2), _policy(own_evm=MY_EVM),
                 Action.ALLOW, None, id="wormhole-own-evm-word-on-ethereum"),
    pytest.param(lambda: wormhole(_word(FRIEND_EVM), chain=23), _policy(FRIEND_EVM),
                 Action.ALLOW, None, id="wormhole-allowlisted-evm-word-on-arbitrum"),
    pytest.param(lambda: wormhole(_word(MY_EVM), chain=1), _policy(own_evm=MY_EVM),
                 Action.BLOCK, ELSEWHERE, id="wormhole-own-evm-word-on-solana"),
    pytest.param(lambda: wormhole(_word(MY_EVM), chain=21), _policy(own_evm=MY_EVM),
                 Action.BLOCK, ELSEWHERE, id="wormhole-own-evm-word-on-sui"),
    pytest.param(lambda: wormhole(_word(FRIEND_EVM), chain=22), _policy(FRIEND_EVM),
                 Action.BLOCK, ELSEWHERE, id="wormhole-allowlisted-evm-word-on-aptos"),
    pytest.param(lambda: wormhole(_word(MY_EVM), tag=12, chain=21), _policy(own_evm=MY_EVM),
                 Action.BLOCK, ELSEWHERE, id="wormhole-payload-own-evm-word-on-sui"),
    pytest.param(lambda: wormhole(_word(MY_EVM), chain=65535), _policy(own_evm=MY_EVM),
                 Action.BLOCK, ELSEWHERE, id="wormhole-own-evm-word-on-an-unknown-chain"),
    pytest.param(lambda: wormhole(_word(FRIEND_EVM), tag=4), _policy(FRIEND_EVM),
                 Action.ALLOW, None, id="wormhole-wrapped-to-allowlisted"),
    pytest.param(lambda: wormhole(_word(STRANGER_EVM), tag=4), _policy(FRIEND_EVM),
                 Action.BLOCK, ELSEWHERE, id="wormhole-wrapped-to-stranger"),
    pytest.param(lambda: wormhole(_word(FRIEND_EVM), tag=12), _policy(FRIEND_EVM),
                 Action.ALLOW, None, id="wormhole-with-payload-to-allowlisted"),
    pytest.param(lambda: wormhole(_word(STRANGER_EVM), tag=12), _policy(FRIEND_EVM),
                 Action.BLOCK, ELSEWHERE, id="wormhole-with-payload-to-stranger"),
    pytest.param(lambda: wormhole(_word(FRIEND_EVM), approved=10**12), _policy(FRIEND_EVM),
                 Action.BLOCK, SPENDER, id="wormhole-approval-left-over-for-anyone"),
    pytest.param(lambda: wormhole(_word(FRIEND_EVM), approved=2**64 - 1), _policy(FRIEND_EVM),
                 Action.BLOCK, "tx.sol.unlimited_approval", id="wormhole-unlimited-approval"),
    pytest.param(lambda: wormhole(_word(FRIEND_EVM))[:1], _policy(FRIEND_EVM),
                 Action.BLOCK, SPENDER, id="wormhole-approval-with-no-transfer"),
]  # fmt: skip


@pytest.mark.parametrize(("make", "policy", "action", "rule"), CASES)
def test_outputs(make: _Make, policy: Policy, action: Action, rule: str | None) -> None:
    """Output to own (or an allowlisted address) passes; to a stranger blocks."""
    verdict = Guard(policy, classifier=False).check_transaction(sx.message(ME, make()))
    assert verdict.action is action, verdict.explain()
    if rule:
        assert rule in verdict.rule_ids, verdict.explain()


def test_pump_buy_reads_as_an_exchange() -> None:
    """Buy: at most ``max_sol_cost`` SOL into the curve, the exact amount of coins out."""
    give, get = decode_solana(sx.message(ME, [pump("buy", ata(STRANGER, COIN))])).operations
    assert isinstance(give, Transfer) and isinstance(get, Receipt)
    assert (give.asset.kind.value, give.amount, give.sender) == ("native", 10**9, str(ME))
    assert (get.asset.address, get.amount, get.recipient) == (
        str(COIN),
        3_500_000 * 10**6,
        str(ata(STRANGER, COIN)),
    )


def test_pump_sell_pays_the_signer() -> None:
    """Sell: the coins out of the user's account, at least ``min_sol_output`` SOL to the user."""
    give, get = decode_solana(sx.message(ME, [pump("sell", ata(ME, COIN), 9)])).operations
    assert isinstance(give, Transfer) and isinstance(get, Receipt)
    assert (give.source, give.asset.address) == (str(ata(ME, COIN)), str(COIN))
    assert (get.asset.kind.value, get.amount, get.recipient) == ("native", 9, str(ME))


def test_pump_usdc_quote_is_a_token() -> None:
    """A USDC-paired sell pays at least ``min_sol_output`` USDC into the user's USDC account."""
    ix = pump_unified("sell_v3", ata(ME, COIN), USDC, limit=7)
    give, get = decode_solana(sx.message(ME, [ix])).operations
    assert isinstance(give, Transfer) and isinstance(get, Receipt)
    assert (give.asset.address, give.source) == (str(COIN), str(ata(ME, COIN)))
    assert (get.asset.address, get.amount, get.recipient) == (str(USDC), 7, str(ata(ME, USDC)))


def test_wormhole_reads_the_foreign_recipient() -> None:
    """The token goes to the bridge program; the amount less the fee to the EVM target,
    written EIP-55."""
    ops = decode_solana(sx.message(ME, wormhole(_word(FRIEND_EVM), fee=10**6))).operations
    give, get = ops[1], ops[2]
    assert isinstance(give, Transfer) and isinstance(get, Receipt)
    assert (give.recipient, give.amount, give.source) == (
        str(BRIDGE),
        2_500 * 10**6,
        str(ata(ME, USDC)),
    )
    assert get.recipient.lower() == FRIEND_EVM and get.recipient != FRIEND_EVM
    assert (get.amount, get.asset.address) == (2_499 * 10**6, str(USDC))


def test_authority_signer_is_the_bridges_pda() -> None:
    """The constant is the Token Bridge's PDA ``["authority_signer"]``."""
    assert str(AUTHORITY_SIGNER) == wh.AUTHORITY_SIGNER


def test_evm_address_on_solana_is_judged_by_the_evm_book() -> None:
    """A 0x address met in a Solana request is own / allowlisted by the EVM address book."""
    policy = _policy(FRIEND_EVM, own_evm=MY_EVM)
    assert policy.is_allowed_recipient(FRIEND_EVM.upper().replace("0X", "0x"), Chain.SOLANA)
    assert policy.is_own(MY_EVM, Chain.SOLANA) and policy.is_known(MY_EVM, Chain.SOLANA)
    assert not policy.is_allowed_recipient(STRANGER_EVM, Chain.SOLANA)
    assert not policy.is_allowed_recipient(str(AUTHORITY_SIGNER), Chain.SOLANA)


def _truncated(ix: Instruction) -> Instruction:
    return Instruction(ix.program_id, ix.data[: len(ix.data) // 2], ix.accounts)


def _few_accounts(ix: Instruction) -> Instruction:
    return Instruction(ix.program_id, ix.data, ix.accounts[:5])


@pytest.mark.parametrize("cut", [_truncated, _few_accounts], ids=["truncated", "few-accounts"])
@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: pump("buy", ata(ME, COIN)), id="pump-buy"),
        pytest.param(lambda: pump("sell", ata(ME, COIN)), id="pump-sell"),
        pytest.param(lambda: pump_unified("buy_v2", ata(ME, COIN)), id="pump-buy-v2"),
        pytest.param(lambda: pump_unified("sell_v3", ata(ME, COIN)), id="pump-sell-v3"),
        pytest.param(lambda: pumpswap("sell", ata(ME, COIN), ata(ME, WSOL)), id="pumpswap-sell"),
        pytest.param(lambda: wormhole(_word(FRIEND_EVM))[1], id="wormhole-native"),
        pytest.param(lambda: wormhole(_word(FRIEND_EVM), tag=4)[1], id="wormhole-wrapped"),
        pytest.param(lambda: wormhole(_word(FRIEND_EVM), tag=12)[1], id="wormhole-payload"),
    ],
)
def test_malformed_is_flagged(
    make: Callable[[], Instruction], cut: Callable[[Instruction], Instruction]
) -> None:
    """Data too short or accounts missing: not guessed at, a FLAG, never an ALLOW."""
    verdict = Guard(_policy(FRIEND_EVM), classifier=False).check_transaction(
        sx.message(ME, [cut(make())])
    )
    assert verdict.action is Action.FLAG, verdict.explain()
    assert "tx.sol.malformed_instruction" in verdict.rule_ids
