"""SPL Token / ATA / Memo / Compute Budget instructions from the programs' documented layouts.

solders builds System instructions but not SPL ones; these follow
``token/program/src/instruction.rs`` — the same layouts aiegis_guard's decoder reads. Used by the
Solana example agent and by the LiteSVM tests.
"""

from __future__ import annotations

import struct

from solders.hash import Hash
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.message import Message, MessageV0
from solders.pubkey import Pubkey
from solders.token.associated import get_associated_token_address
from solders.transaction import Transaction, VersionedTransaction

TOKEN = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")
TOKEN_2022 = Pubkey.from_string("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb")
ATA = Pubkey.from_string("ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL")
MEMO = Pubkey.from_string("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr")
MEMO_V1 = Pubkey.from_string("Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo")
COMPUTE_BUDGET = Pubkey.from_string("ComputeBudget111111111111111111111111111111")
SYSTEM = Pubkey.from_string("11111111111111111111111111111111")
RENT = Pubkey.from_string("SysvarRent111111111111111111111111111111111")
U64_MAX = 2**64 - 1
MINT_SIZE = 82
ACCOUNT_SIZE = 165


def _w(key: Pubkey) -> AccountMeta:
    return AccountMeta(key, is_signer=False, is_writable=True)


def _r(key: Pubkey) -> AccountMeta:
    return AccountMeta(key, is_signer=False, is_writable=False)


def _s(key: Pubkey, writable: bool = False) -> AccountMeta:
    return AccountMeta(key, is_signer=True, is_writable=writable)


def initialize_mint2(
    mint: Pubkey, decimals: int, authority: Pubkey, program: Pubkey = TOKEN
) -> Instruction:
    data = bytes([20, decimals]) + bytes(authority) + b"\x00"
    return Instruction(program, data, [_w(mint)])


def initialize_account3(
    account: Pubkey, mint: Pubkey, owner: Pubkey, program: Pubkey = TOKEN
) -> Instruction:
    return Instruction(program, bytes([18]) + bytes(owner), [_w(account), _r(mint)])


def mint_to(
    mint: Pubkey, account: Pubkey, authority: Pubkey, amount: int, program: Pubkey = TOKEN
) -> Instruction:
    data = bytes([7]) + struct.pack("<Q", amount)
    return Instruction(program, data, [_w(mint), _w(account), _s(authority)])


def transfer(
    source: Pubkey, dest: Pubkey, authority: Pubkey, amount: int, program: Pubkey = TOKEN
) -> Instruction:
    data = bytes([3]) + struct.pack("<Q", amount)
    return Instruction(program, data, [_w(source), _w(dest), _s(authority)])


def transfer_checked(  # noqa: PLR0917 (the instruction's account order)
    source: Pubkey,
    mint: Pubkey,
    dest: Pubkey,
    authority: Pubkey,
    amount: int,
    decimals: int,
    program: Pubkey = TOKEN,
) -> Instruction:
    data = bytes([12]) + struct.pack("<QB", amount, decimals)
    return Instruction(program, data, [_w(source), _r(mint), _w(dest), _s(authority)])


def approve(
    source: Pubkey, delegate: Pubkey, owner: Pubkey, amount: int, program: Pubkey = TOKEN
) -> Instruction:
    data = bytes([4]) + struct.pack("<Q", amount)
    return Instruction(program, data, [_w(source), _r(delegate), _s(owner)])


def approve_checked(  # noqa: PLR0917
    source: Pubkey,
    mint: Pubkey,
    delegate: Pubkey,
    owner: Pubkey,
    amount: int,
    decimals: int,
    program: Pubkey = TOKEN,
) -> Instruction:
    data = bytes([13]) + struct.pack("<QB", amount, decimals)
    return Instruction(program, data, [_w(source), _r(mint), _r(delegate), _s(owner)])


def revoke(source: Pubkey, owner: Pubkey, program: Pubkey = TOKEN) -> Instruction:
    return Instruction(program, bytes([5]), [_w(source), _s(owner)])


def set_authority(
    account: Pubkey,
    current: Pubkey,
    authority_type: int,
    new: Pubkey | None,
    program: Pubkey = TOKEN,
) -> Instruction:
    tail = b"\x01" + bytes(new) if new is not None else b"\x00"
    data = bytes([6, authority_type]) + tail
    return Instruction(program, data, [_w(account), _s(current)])


def close_account(
    account: Pubkey, dest: Pubkey, authority: Pubkey, program: Pubkey = TOKEN
) -> Instruction:
    return Instruction(program, bytes([9]), [_w(account), _w(dest), _s(authority)])


def burn(
    account: Pubkey, mint: Pubkey, authority: Pubkey, amount: int, program: Pubkey = TOKEN
) -> Instruction:
    data = bytes([8]) + struct.pack("<Q", amount)
    return Instruction(program, data, [_w(account), _w(mint), _s(authority)])


def create_ata(
    payer: Pubkey,
    wallet: Pubkey,
    mint: Pubkey,
    program: Pubkey = TOKEN,
    idempotent: bool = True,
) -> Instruction:
    ata = get_associated_token_address(wallet, mint, program)
    metas = [_s(payer, True), _w(ata), _r(wallet), _r(mint), _r(SYSTEM), _r(program)]
    return Instruction(ATA, bytes([1 if idempotent else 0]), metas)


def memo(text: str | bytes, signer: Pubkey, program: Pubkey = MEMO) -> Instruction:
    data = text.encode() if isinstance(text, str) else text
    return Instruction(program, data, [_s(signer)])


def compute_unit_limit(units: int) -> Instruction:
    return Instruction(COMPUTE_BUDGET, bytes([2]) + struct.pack("<I", units), [])


def compute_unit_price(micro_lamports: int) -> Instruction:
    return Instruction(COMPUTE_BUDGET, bytes([3]) + struct.pack("<Q", micro_lamports), [])


def raw(program: Pubkey, data: bytes, *accounts: AccountMeta) -> Instruction:
    return Instruction(program, data, list(accounts))


def legacy_tx(
    payer: Keypair, ixs: list[Instruction], *signers: Keypair, blockhash: Hash | None = None
) -> Transaction:
    msg = Message.new_with_blockhash(ixs, payer.pubkey(), blockhash or Hash.default())
    return Transaction([payer, *signers], msg, blockhash or Hash.default())


def v0_tx(
    payer: Keypair,
    ixs: list[Instruction],
    *signers: Keypair,
    tables: list[object] = (),  # type: ignore[assignment]
    blockhash: Hash | None = None,
) -> VersionedTransaction:
    msg = MessageV0.try_compile(payer.pubkey(), ixs, list(tables), blockhash or Hash.default())
    return VersionedTransaction(msg, [payer, *signers])


def message(payer: Pubkey, ixs: list[Instruction]) -> Message:
    """An unsigned legacy message (for decoding; other signers need not exist)."""
    return Message.new_with_blockhash(ixs, payer, Hash.default())


# --- Stake program (solana-program/stake interface/src/instruction.rs; bincode, u32 tag) -------

STAKE = Pubkey.from_string("Stake11111111111111111111111111111111111111")
CLOCK = Pubkey.from_string("SysvarC1ock11111111111111111111111111111111")
STAKE_HISTORY = Pubkey.from_string("SysvarStakeHistory1111111111111111111111111")
STAKE_CONFIG = Pubkey.from_string("StakeConfig11111111111111111111111111111111")
STAKE_SIZE = 200
STAKER, WITHDRAWER = 0, 1


def stake_initialize(
    stake: Pubkey,
    staker: Pubkey,
    withdrawer: Pubkey,
    lockup_until: tuple[int, int, Pubkey] | None = None,
) -> Instruction:
    """``Initialize(Authorized, Lockup)``; ``lockup_until`` = (unix_timestamp, epoch, custodian)."""
    until, epoch, custodian = lockup_until or (0, 0, Pubkey.default())
    lockup = struct.pack("<qQ", until, epoch) + bytes(custodian)
    data = struct.pack("<I", 0) + bytes(staker) + bytes(withdrawer) + lockup
    return Instruction(STAKE, data, [_w(stake), _r(RENT)])


def stake_authorize(stake: Pubkey, authority: Pubkey, new: Pubkey, role: int) -> Instruction:
    data = struct.pack("<I", 1) + bytes(new) + struct.pack("<I", role)
    return Instruction(STAKE, data, [_w(stake), _r(CLOCK), _s(authority)])


def stake_authorize_checked(
    stake: Pubkey, authority: Pubkey, new: Pubkey, role: int
) -> Instruction:
    data = struct.pack("<II", 10, role)
    return Instruction(STAKE, data, [_w(stake), _r(CLOCK), _s(authority), _s(new)])


def stake_delegate(stake: Pubkey, vote: Pubkey, authority: Pubkey) -> Instruction:
    accounts = [_w(stake), _r(vote), _r(CLOCK), _r(STAKE_HISTORY), _r(STAKE_CONFIG)]
    return Instruction(STAKE, struct.pack("<I", 2), [*accounts, _s(authority)])


def stake_withdraw(stake: Pubkey, authority: Pubkey, to: Pubkey, lamports: int) -> Instruction:
    accounts = [_w(stake), _w(to), _r(CLOCK), _r(STAKE_HISTORY), _s(authority)]
    return Instruction(STAKE, struct.pack("<IQ", 4, lamports), accounts)


def stake_deactivate(stake: Pubkey, authority: Pubkey) -> Instruction:
    return Instruction(STAKE, struct.pack("<I", 5), [_w(stake), _r(CLOCK), _s(authority)])


def stake_set_lockup(stake: Pubkey, authority: Pubkey, custodian: Pubkey | None) -> Instruction:
    """LockupArgs: Option<i64> unix_timestamp, Option<u64> epoch, Option<Pubkey> custodian."""
    data = struct.pack("<I", 6) + b"\x01" + struct.pack("<q", 1_900_000_000) + b"\x00"
    data += b"\x00" if custodian is None else b"\x01" + bytes(custodian)
    return Instruction(STAKE, data, [_w(stake), _s(authority)])


def stake_split(stake: Pubkey, authority: Pubkey, new: Pubkey, lamports: int) -> Instruction:
    data = struct.pack("<IQ", 3, lamports)
    return Instruction(STAKE, data, [_w(stake), _w(new), _s(authority)])


# --- Jupiter v6 (Anchor IDL idl/jupiter.json; discriminator = sha256("global:<name>")[:8]) ------

JUPITER = Pubkey.from_string("JUP6LkbZbjS1jKKwapdHNy74zcZ3tLUZoi5QNyVTaV4")
JUPITER_EVENT_AUTHORITY = Pubkey.find_program_address([b"__event_authority"], JUPITER)[0]
ROUTE = bytes([229, 23, 203, 151, 122, 227, 173, 42])
SHARED_ACCOUNTS_ROUTE = bytes([193, 32, 155, 51, 65, 214, 156, 129])
EXACT_OUT_ROUTE = bytes([208, 51, 239, 151, 123, 43, 237, 92])
# One RoutePlanStep: Swap enum variant 0 (unit), percent 100, input index 0, output index 1.
ONE_STEP_PLAN = struct.pack("<I", 1) + bytes([0, 100, 0, 1])


def jupiter_route(  # noqa: PLR0917 (the IDL's account order)
    authority: Pubkey,
    source: Pubkey,
    user_destination: Pubkey,
    destination_mint: Pubkey,
    amounts: tuple[int, int, int],
    destination: Pubkey | None = None,
    exact_out_from: Pubkey | None = None,
) -> Instruction:
    """``route`` (in, quoted out, slippage bps), or ``exact_out_route`` (out, quoted in, bps)
    when ``exact_out_from`` names the source mint."""
    first, second, bps = amounts
    exact_out = exact_out_from is not None
    head = EXACT_OUT_ROUTE if exact_out else ROUTE
    data = head + ONE_STEP_PLAN + struct.pack("<QQHB", first, second, bps, 0)
    accounts = [_r(TOKEN), _s(authority), _w(source), _w(user_destination)]
    accounts.append(_w(destination) if destination else _r(JUPITER))  # absent: the program id
    if exact_out_from is not None:
        accounts.append(_r(exact_out_from))  # source mint
    accounts += [_r(destination_mint), _r(JUPITER)]  # platform fee account: absent
    if exact_out:
        accounts.append(_r(JUPITER))  # token-2022 program: absent
    accounts += [_r(JUPITER_EVENT_AUTHORITY), _r(JUPITER)]
    return Instruction(JUPITER, data, accounts)


def jupiter_shared_route(  # noqa: PLR0917
    authority: Pubkey,
    source: Pubkey,
    destination: Pubkey,
    source_mint: Pubkey,
    destination_mint: Pubkey,
    amounts: tuple[int, int, int],
) -> Instruction:
    """``shared_accounts_route`` (id 0): the program's own accounts stand in between."""
    in_amount, quoted_out, bps = amounts
    data = SHARED_ACCOUNTS_ROUTE + bytes([0]) + ONE_STEP_PLAN
    data += struct.pack("<QQHB", in_amount, quoted_out, bps, 0)
    program_authority = Pubkey.new_unique()
    accounts = [_r(TOKEN), _r(program_authority), _s(authority), _w(source)]
    accounts += [_w(Pubkey.new_unique()), _w(Pubkey.new_unique()), _w(destination)]
    accounts += [_r(source_mint), _r(destination_mint), _r(JUPITER), _r(JUPITER)]
    return Instruction(JUPITER, data, accounts)


# --- Raydium AMM v4 (raydium-io/raydium-amm program/src/instruction.rs; u8 tag) ------------------

RAYDIUM_AMM_V4 = Pubkey.from_string("675kPX9MHTjS2zt1qfr1NYHuzeLXfQM9H24wFSUt1Mp8")


def raydium_swap_base_in(  # noqa: PLR0917 (the instruction's own order)
    owner: Pubkey,
    source: Pubkey,
    destination: Pubkey,
    pool: Pubkey,
    amount_in: int,
    minimum_out: int,
) -> Instruction:
    """``SwapBaseIn`` (tag 9) with 18 accounts; the pool-side accounts other than the pool id
    (authority, open orders, vaults, market) are stand-ins here."""
    pool_side = [_w(Pubkey.new_unique()) for _ in range(13)]
    accounts = [_r(TOKEN), _w(pool), *pool_side, _w(source), _w(destination), _s(owner)]
    data = bytes([9]) + struct.pack("<QQ", amount_in, minimum_out)
    return Instruction(RAYDIUM_AMM_V4, data, accounts)
