"""Circle CCTP burns on Solana, Jupiter v6's ``*_v2`` routes, and the instructions of a decoded
program that no table knows, as effects.

Instructions are built here from each program's published source (``aiegis_guard/chains/
solana/cctp.py`` and ``jupiter_layouts.py`` name them): TokenMessengerMinter v1
``deposit_for_burn`` / ``deposit_for_burn_with_caller`` / ``replace_deposit_for_burn`` and v2
``deposit_for_burn`` / ``deposit_for_burn_with_hook`` (Anchor: sha256("global:<name>")[:8], then
Borsh), Jupiter ``route_v2`` / ``exact_out_route_v2`` / ``shared_accounts_route_v2`` /
``shared_accounts_exact_out_route_v2`` (fixed arguments first, the route plan last). Every drain
has its legitimate twin (the same function, one field changed); the same burn is judged alike
bare and carried by a Squads vault transaction; an unknown instruction of a decoded program that
the own wallet signs FLAGs even where the policy trusts the program, and stays quiet where the
own wallet does not sign it. Keys are generated here, never funded.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable

import pytest
import spl as sx
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.token.associated import get_associated_token_address

from aiegis_guard.chains.solana import cctp
from aiegis_guard.chains.solana.decode import decode_solana
from aiegis_guard.chains.solana.jupiter_layouts import (
    JUPITER_OTHER_LAYOUTS,
    JUPITER_V2_LAYOUTS,
)
from aiegis_guard.chains.transaction import Call, Receipt, Transfer
from aiegis_guard.findings import Action, Chain
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Allowlist, Policy, Wallet
from tests.test_solana_squads_vault import MEMBER, VAULT, propose

ME = Keypair().pubkey()
STRANGER = Keypair().pubkey()
USDC = Pubkey.from_string("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v")
JUP = Pubkey.from_string("JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN")
V1 = Pubkey.from_string(cctp.TOKEN_MESSENGER)
V2 = Pubkey.from_string(cctp.TOKEN_MESSENGER_V2)
JUPITER = Pubkey.from_string("JUP6LkbZbjS1jKKwapdHNy74zcZ3tLUZoi5QNyVTaV4")
MY_EVM = "0x" + hashlib.sha256(b"tx23b own evm").digest()[:20].hex()
FRIEND_EVM = "0x" + hashlib.sha256(b"tx23b friend evm").digest()[:20].hex()
STRANGER_EVM = "0x" + hashlib.sha256(b"tx23b stranger evm").digest()[:20].hex()
LOOKALIKE_EVM = MY_EVM[:8] + STRANGER_EVM[8:-4] + MY_EVM[-4:]
USDC_BASE = "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913"
ELSEWHERE = "tx.sol.swap_recipient"
NO_MINIMUM = "tx.sol.swap_no_minimum"
UNREAD = "tx.sol.unknown_program"


def _anchor(name: str) -> bytes:
    return hashlib.sha256(f"global:{name}".encode()).digest()[:8]


def _word(evm: str) -> bytes:
    return bytes(12) + bytes.fromhex(evm[2:])


def ata(wallet: Pubkey, mint: Pubkey = USDC) -> Pubkey:
    return get_associated_token_address(wallet, mint)


def _metas(keys: list[Pubkey], signer: Pubkey = ME) -> list[AccountMeta]:
    return [AccountMeta(k, is_signer=k == signer, is_writable=True) for k in keys]


def burn(
    recipient: bytes,
    *,
    domain: int = 6,
    amount: int = 12_000 * 10**6,
    v2_fee: int | None = None,
    caller: bytes | None = None,
    hook: bytes | None = None,
    owner: Pubkey = ME,
) -> Instruction:
    """``deposit_for_burn`` of ``amount`` USDC from the owner's ATA; v1 unless ``v2_fee``
    (the v2 ``max_fee``) is given; ``caller`` picks v1's ``_with_caller``, ``hook`` v2's
    ``_with_hook``."""
    v2 = v2_fee is not None
    filler = [Pubkey.new_unique() for _ in range(8)]
    head = [owner, ME, filler[0], ata(owner)]
    tail = [*filler[1:6], USDC, Keypair().pubkey(), filler[6], V2 if v2 else V1, sx.TOKEN]
    tail += [sx.SYSTEM, filler[7], V2 if v2 else V1]
    keys = [*head, *([Pubkey.new_unique()] if v2 else []), *tail]
    data = struct.pack("<QI", amount, domain) + recipient
    if not v2:
        name = "deposit_for_burn" if caller is None else "deposit_for_burn_with_caller"
        data += caller or b""
    else:
        name = "deposit_for_burn" if hook is None else "deposit_for_burn_with_hook"
        data += (caller or bytes(32)) + struct.pack("<QI", v2_fee, 1000)
        data += b"" if hook is None else struct.pack("<I", len(hook)) + hook
    metas = _metas(keys, owner)
    metas[10 + v2] = AccountMeta(keys[10 + v2], is_signer=True, is_writable=True)
    return Instruction(V2 if v2 else V1, _anchor(name) + data, metas)


def burn_message(recipient: bytes, amount: int, domain: int = 6, mint: Pubkey = USDC) -> bytes:
    """A v1 CCTP message (116-byte header) carrying a burn message of ``amount``."""
    header = struct.pack(">III", 0, 5, domain) + struct.pack(">Q", 42) + bytes(96)
    body = struct.pack(">I", 0) + bytes(mint) + recipient + amount.to_bytes(32, "big")
    return header + body + bytes(ME)


def replace(message: bytes, recipient: bytes) -> Instruction:
    keys = [ME, ME, *(Pubkey.new_unique() for _ in range(3)), Keypair().pubkey(), V1, V1]
    keys += [sx.SYSTEM, Pubkey.new_unique(), V1]
    data = _anchor("replace_deposit_for_burn") + struct.pack("<I", len(message)) + message
    data += struct.pack("<I", 65) + bytes(65) + bytes(32) + recipient
    return Instruction(V1, data, _metas(keys))


def route_v2(
    out_to: Pubkey | None,
    *,
    name: str = "route_v2",
    slippage: int = 50,
    fee: int = 0,
    user_out: Pubkey | None = None,
) -> Instruction:
    """A v2 route of 5,000 USDC for JUP quoted at 9,400 JUP; ``out_to`` the optional
    destination token account (None: absent, the program id)."""
    shared, exact = name.startswith("shared"), "exact_out" in name
    amounts = struct.pack("<QQ", 9_400 * 10**6, 5_000 * 10**6) if exact else b""
    amounts = amounts or struct.pack("<QQ", 5_000 * 10**6, 9_400 * 10**6)
    data = _anchor(name) + (b"\x03" if shared else b"") + amounts
    data += struct.pack("<HHH", slippage, fee, 0) + struct.pack("<I", 1)
    data += bytes([17, 1]) + struct.pack("<HBB", 10_000, 0, 1)  # Whirlpool a_to_b, whole
    event, pools = Pubkey.new_unique(), [Pubkey.new_unique() for _ in range(4)]
    if shared:
        authority = Pubkey.new_unique()
        keys = [authority, ME, ata(ME), pools[0], pools[1], out_to or ata(ME, JUP), USDC, JUP]
        keys += [sx.TOKEN, sx.TOKEN, event, JUPITER]
    else:
        user_dest = user_out or ata(ME, JUP)
        keys = [ME, ata(ME), user_dest, USDC, JUP, sx.TOKEN, sx.TOKEN, out_to or JUPITER]
        keys += [event, JUPITER]
    return Instruction(JUPITER, data, _metas([*keys, *pools[2:]]))


def _policy(*allowed: str, own_evm: str = MY_EVM, programs: tuple[Pubkey, ...] = ()) -> Policy:
    sol = {str(p) for p in programs} | {a for a in allowed if not a.startswith("0x")}
    return Policy(
        wallet=Wallet(solana=frozenset({str(ME)}), evm=frozenset({own_evm})),
        allowlist=Allowlist(
            solana=frozenset(sol), evm=frozenset(a for a in allowed if a.startswith("0x"))
        ),
    )


def _judge(ixs: list[Instruction], policy: Policy, payer: Pubkey = ME) -> tuple[Action, str]:
    verdict = Guard(policy, classifier=False).check_transaction(sx.message(payer, ixs))
    return verdict.action, verdict.explain()


_Make = Callable[[], list[Instruction]]
_MSG = burn_message(_word(MY_EVM), 700 * 10**6)
CASES = [
    # CCTP v1
    pytest.param(lambda: [burn(_word(MY_EVM))], _policy(), Action.ALLOW, None,
                 id="cctp-to-own-evm-address"),
    pytest.param(lambda: [burn(_word(FRIEND_EVM), domain=3)], _policy(FRIEND_EVM), Action.ALLOW,
                 None, id="cctp-to-allowlisted-on-arbitrum"),
    pytest.param(lambda: [burn(_word(STRANGER_EVM))], _policy(), Action.BLOCK, ELSEWHERE,
                 id="cctp-to-stranger"),
    pytest.param(lambda: [burn(_word(LOOKALIKE_EVM))], _policy(), Action.BLOCK, ELSEWHERE,
                 id="cctp-to-lookalike-of-own"),
    pytest.param(lambda: [burn(_word(MY_EVM), domain=8)], _policy(), Action.BLOCK, ELSEWHERE,
                 id="cctp-own-evm-word-on-sui-is-not-own"),
    pytest.param(lambda: [burn(bytes(STRANGER), domain=4)], _policy(), Action.BLOCK, ELSEWHERE,
                 id="cctp-to-a-noble-account"),
    pytest.param(lambda: [burn(_word(MY_EVM), caller=_word(STRANGER_EVM))], _policy(),
                 Action.ALLOW, None, id="cctp-with-caller-stranger-relays-to-own"),
    pytest.param(lambda: [burn(_word(STRANGER_EVM), caller=_word(MY_EVM))], _policy(),
                 Action.BLOCK, ELSEWHERE, id="cctp-with-caller-own-relays-to-stranger"),
    pytest.param(lambda: [replace(_MSG, _word(MY_EVM))], _policy(), Action.ALLOW, None,
                 id="cctp-replace-to-own"),
    pytest.param(lambda: [replace(_MSG, _word(STRANGER_EVM))], _policy(), Action.BLOCK,
                 ELSEWHERE, id="cctp-replace-to-stranger"),
    pytest.param(lambda: [replace(_MSG[:150], _word(MY_EVM))], _policy(), Action.FLAG,
                 "tx.sol.malformed_instruction", id="cctp-replace-of-no-burn-message"),
    # CCTP v2
    pytest.param(lambda: [burn(_word(MY_EVM), v2_fee=10**6)], _policy(), Action.ALLOW, None,
                 id="cctp-v2-to-own"),
    pytest.param(lambda: [burn(_word(STRANGER_EVM), v2_fee=10**6)], _policy(), Action.BLOCK,
                 ELSEWHERE, id="cctp-v2-to-stranger"),
    pytest.param(lambda: [burn(_word(MY_EVM), v2_fee=12_000 * 10**6 - 1)], _policy(),
                 Action.FLAG, NO_MINIMUM, id="cctp-v2-fee-leaves-dust"),
    pytest.param(lambda: [burn(_word(MY_EVM), v2_fee=6_000 * 10**6)], _policy(), Action.ALLOW,
                 None, id="cctp-v2-fee-cap-of-half-to-own-as-on-evm"),
    pytest.param(lambda: [burn(_word(STRANGER_EVM), v2_fee=10**6, hook=bytes(MY_EVM, "ascii"))],
                 _policy(), Action.BLOCK, ELSEWHERE, id="cctp-v2-hook-naming-own-to-stranger"),
    pytest.param(lambda: [burn(_word(MY_EVM), v2_fee=10**6, hook=b"\x01")], _policy(),
                 Action.ALLOW, None, id="cctp-v2-hook-to-own"),
    # Jupiter v2 routes
    pytest.param(lambda: [route_v2(None)], _policy(), Action.ALLOW, None,
                 id="route-v2-to-own-ata"),
    pytest.param(lambda: [route_v2(ata(STRANGER, JUP))], _policy(), Action.BLOCK, ELSEWHERE,
                 id="route-v2-optional-destination-strangers"),
    pytest.param(lambda: [route_v2(ata(ME, JUP), user_out=ata(STRANGER, JUP))], _policy(),
                 Action.ALLOW, None, id="route-v2-optional-destination-own-wins"),
    pytest.param(lambda: [route_v2(None, slippage=10_000)], _policy(), Action.FLAG, NO_MINIMUM,
                 id="route-v2-no-minimum"),
    pytest.param(lambda: [route_v2(None, fee=10_000)], _policy(), Action.FLAG, NO_MINIMUM,
                 id="route-v2-platform-fee-takes-all"),
    pytest.param(lambda: [route_v2(None, fee=20)], _policy(), Action.ALLOW, None,
                 id="route-v2-platform-fee-of-20-bps"),
    pytest.param(lambda: [route_v2(ata(ME, JUP), name="shared_accounts_route_v2")], _policy(),
                 Action.ALLOW, None, id="shared-route-v2-to-own"),
    pytest.param(lambda: [route_v2(ata(STRANGER, JUP), name="shared_accounts_route_v2")],
                 _policy(), Action.BLOCK, ELSEWHERE, id="shared-route-v2-to-stranger"),
    pytest.param(lambda: [route_v2(None, name="exact_out_route_v2")], _policy(), Action.ALLOW,
                 None, id="exact-out-v2-to-own"),
    pytest.param(lambda: [route_v2(ata(STRANGER, JUP), name="exact_out_route_v2")], _policy(),
                 Action.BLOCK, ELSEWHERE, id="exact-out-v2-to-stranger"),
    pytest.param(lambda: [route_v2(ata(ME, JUP), name="shared_accounts_exact_out_route_v2")],
                 _policy(), Action.ALLOW, None, id="shared-exact-out-v2-to-own"),
    pytest.param(lambda: [route_v2(ata(STRANGER, JUP), name="shared_accounts_exact_out_route_v2")],
                 _policy(), Action.BLOCK, ELSEWHERE, id="shared-exact-out-v2-to-stranger"),
]  # fmt: skip


@pytest.mark.parametrize(("make", "policy", "action", "rule"), CASES)
def test_where_it_lands(make: _Make, policy: Policy, action: Action, rule: str | None) -> None:
    """Output to own (or an allowlisted address) passes; to anyone else blocks."""
    got, why = _judge(make(), policy)
    assert got is action, why
    if rule:
        assert rule in why, why


def test_cctp_reads_as_a_wallet_preview() -> None:
    """The burn gives the USDC to the program; USDC on Base is minted to the EVM address."""
    give, get = decode_solana(sx.message(ME, [burn(_word(MY_EVM))])).operations
    assert isinstance(give, Transfer) and isinstance(get, Receipt)
    assert (give.recipient, give.source, give.amount) == (str(V1), str(ata(ME)), 12_000 * 10**6)
    assert (get.asset.chain, get.asset.address) == (Chain.EVM, USDC_BASE)
    assert get.recipient.lower() == MY_EVM and get.amount == 12_000 * 10**6
    verdict = Guard(_policy(), classifier=False).check_transaction(
        sx.message(ME, [burn(_word(MY_EVM))])
    )
    texts = " / ".join(str(e["text"]) for e in verdict.effects)
    assert "12000 USDC" in texts and "Circle CCTP" in texts, texts


def test_cctp_v2_minimum_is_amount_less_max_fee() -> None:
    """v2: at least the amount less ``max_fee``; an unknown domain's USDC is the burnt mint."""
    ops = decode_solana(sx.message(ME, [burn(_word(MY_EVM), v2_fee=5 * 10**6)])).operations
    assert isinstance(ops[1], Receipt) and ops[1].amount == 11_995 * 10**6
    ops = decode_solana(sx.message(ME, [burn(_word(MY_EVM), domain=99)])).operations
    assert isinstance(ops[1], Receipt) and ops[1].asset.address == str(USDC)
    assert ops[1].recipient == "0x" + _word(MY_EVM).hex()  # no EVM account on an unknown domain


def test_route_v2_reads_the_fixed_arguments_first() -> None:
    """The amounts come before the route plan; the platform fee cuts the minimum."""
    give, get = decode_solana(sx.message(ME, [route_v2(None, fee=100)])).operations
    assert isinstance(give, Transfer) and isinstance(get, Receipt)
    assert (give.amount, give.source) == (5_000 * 10**6, str(ata(ME)))
    least = 9_400 * 10**6 * 9_950 // 10_000 * 9_900 // 10_000
    assert (get.amount, get.recipient, get.asset.address) == (least, str(ata(ME, JUP)), str(JUP))


@pytest.mark.parametrize(
    ("name", "disc"),
    [
        *((lay.name, d) for d, lay in JUPITER_V2_LAYOUTS.items()),
        *((lay.name, d) for d, lay in JUPITER_OTHER_LAYOUTS.items()),
    ],
)
def test_jupiter_discriminators(name: str, disc: bytes) -> None:
    """Each table key is Anchor's sha256("global:<name>")[:8]."""
    assert disc == _anchor(name)


# ---- the same burn, carried by a Squads vault transaction ---------------------------------


def _vault_burn(recipient: bytes) -> Message:
    """The vault's burn, proposed, opened and approved by a member (the vault signs it)."""
    bare = burn(recipient, owner=VAULT)
    metas = [
        AccountMeta(VAULT if m.pubkey == ME else m.pubkey, m.is_signer, m.is_writable)
        for m in bare.accounts
    ]
    return propose(Instruction(bare.program_id, bare.data, metas))


@pytest.mark.parametrize(
    ("recipient", "action"),
    [(MY_EVM, Action.ALLOW), (STRANGER_EVM, Action.BLOCK)],
    ids=["own", "stranger"],
)
def test_same_verdict_in_a_vault_transaction(recipient: str, action: Action) -> None:
    """The burn the vault signs is judged as if the vault sent it bare."""
    policy = Policy(
        wallet=Wallet(solana=frozenset({str(VAULT)}), evm=frozenset({MY_EVM})),
        allowlist=Allowlist(solana_delegates=frozenset({str(MEMBER)})),
    )
    verdict = Guard(policy, classifier=False).check_transaction(_vault_burn(_word(recipient)))
    assert verdict.action is action, verdict.explain()


# ---- an instruction of a decoded program that no table knows ------------------------------

_UNKNOWN = _anchor("route_v9")  # no such instruction in any table here


def _unknown(program: Pubkey, *, signer: bool = True) -> Instruction:
    keys = [ME if signer else Pubkey.new_unique(), ata(ME), ata(STRANGER, JUP), USDC, JUP]
    return Instruction(program, _UNKNOWN + bytes(24), _metas(keys))


OPAQUE = Pubkey.new_unique()  # a program this package does not decode


@pytest.mark.parametrize(
    ("make", "action"),
    [
        pytest.param(lambda: [_unknown(JUPITER)], Action.FLAG, id="jupiter-unknown-own-signs"),
        pytest.param(lambda: [_unknown(V1)], Action.FLAG, id="cctp-unknown-own-signs"),
        pytest.param(lambda: [_unknown(V2)], Action.FLAG, id="cctp-v2-unknown-own-signs"),
        pytest.param(
            lambda: [_unknown(JUPITER, signer=False)], Action.ALLOW, id="jupiter-unknown-crank"
        ),
        pytest.param(lambda: [_unknown(OPAQUE)], Action.ALLOW, id="undecoded-trusted-program"),
    ],
)
def test_unread_instruction_of_a_trusted_program(make: _Make, action: Action) -> None:
    """Trusted and decoded, but this instruction was never read: FLAG when own signs it."""
    policy = _policy(programs=(JUPITER, V1, V2, OPAQUE))
    verdict = Guard(policy, classifier=False).check_transaction(sx.message(ME, make()))
    assert verdict.action is action, verdict.explain()
    if action is Action.FLAG:
        assert any("reason:unread-instruction" in f.evidence for f in verdict.findings)


DLMM = Pubkey.from_string("LBUZKhRxPF3XUpBCjp4YzTKgLccjZhTSDM9YuVaPwxo")  # Meteora DLMM
CLMM = Pubkey.from_string("CAMMCzo5YL8w4VFF8KVHrK22GGUsp5VTaW7grrKgrWqK")  # Raydium CLMM


def _liquidity(program: Pubkey, name: str) -> Instruction:
    """A liquidity instruction (Anchor ``global:<name>``) of an AMM whose table reads swaps
    only, over own token accounts and fresh pool / position accounts."""
    keys = [ME, ata(ME), ata(ME, JUP), USDC, JUP, *(Pubkey.new_unique() for _ in range(4))]
    return Instruction(program, _anchor(name) + bytes(24), _metas(keys))


@pytest.mark.parametrize(
    ("program", "name"),
    [
        pytest.param(DLMM, "add_liquidity", id="meteora-dlmm-add-liquidity"),
        pytest.param(DLMM, "add_liquidity_by_strategy", id="meteora-dlmm-by-strategy"),
        pytest.param(CLMM, "open_position_v2", id="raydium-clmm-open-position-v2"),
        pytest.param(CLMM, "decrease_liquidity_v2", id="raydium-clmm-decrease-liquidity"),
    ],
)
def test_unread_liquidity_of_a_swap_table_program_is_the_generic_rules(
    program: Pubkey, name: str
) -> None:
    """The unread-instruction rule holds only for programs whose whole instruction set is
    read (Jupiter, CCTP): an AMM whose table reads swaps only is judged by the generic rule
    (allowlisted: ALLOW; not: FLAG), as before the rule."""
    ixs = [_liquidity(program, name)]
    got, why = _judge(ixs, _policy(programs=(program,)))
    assert got is Action.ALLOW, why
    got, why = _judge(ixs, _policy())
    assert got is Action.FLAG and UNREAD in why, why


def test_housekeeping_is_known() -> None:
    """Jupiter's token-ledger instructions move nothing of the user's: known calls."""
    ledger = Keypair().pubkey()
    create_ledger = Instruction(
        JUPITER, _anchor("create_token_ledger"), _metas([ledger, ME, sx.SYSTEM], ME)
    )
    set_ledger = Instruction(JUPITER, _anchor("set_token_ledger"), _metas([ledger, ata(ME)]))
    ops = decode_solana(sx.message(ME, [create_ledger, set_ledger])).operations
    assert all(isinstance(op, Call) and op.known for op in ops), ops
    got, why = _judge([create_ledger, set_ledger], _policy(programs=(JUPITER,)))
    assert got is Action.ALLOW, why


@pytest.mark.parametrize("cut", [4, 30], ids=["few-accounts", "truncated"])
def test_cut_burn_is_malformed(cut: int) -> None:
    """A burn with too few accounts, or data too short for its arguments, is not guessed."""
    ix = burn(_word(MY_EVM))
    if cut == 4:
        ix = Instruction(ix.program_id, ix.data, ix.accounts[:cut])
    else:
        ix = Instruction(ix.program_id, ix.data[:cut], ix.accounts)
    got, why = _judge([ix], _policy())
    assert got is Action.FLAG and "tx.sol.malformed_instruction" in why, why
