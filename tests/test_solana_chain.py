"""Proof on a real VM: what the decoder says is what LiteSVM executes; blocked txs never land.

Each test builds a real transaction (solders + the SPL programs LiteSVM preloads), decodes and
judges it, signs it with :class:`GuardedKeypair`, sends it to ``solders.litesvm.LiteSVM`` and
compares the on-chain effect (lamports, token balance, delegate, owner, closed account, nonce)
with the decoded operations. A transaction the guard stops is never sent: state is unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import solders.system_program as sp
import spl as sx
from solders.address_lookup_table_account import AddressLookupTable, AddressLookupTableAccount
from solders.hash import Hash
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.litesvm import LiteSVM
from solders.message import Message, MessageV0
from solders.pubkey import Pubkey
from solders.token.associated import get_associated_token_address
from solders.token.state import Mint, TokenAccount
from solders.transaction import Transaction, VersionedTransaction

from aiegis_guard.chains.solana.decode import decode_solana
from aiegis_guard.chains.transaction import (
    Approval,
    AuthorityChange,
    CloseAccount,
    Memo,
    Transfer,
)
from aiegis_guard.errors import GuardBlocked
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy
from aiegis_guard.signers.approval import allow_all
from aiegis_guard.signers.solana_keypair import GuardedKeypair

SOL = 10**9
DECIMALS = 6


@dataclass
class Chain:
    """A LiteSVM with the agent's funded wallet, a mint it controls and its funded ATA."""

    svm: LiteSVM
    agent: Keypair
    mint: Pubkey
    friend: Pubkey  # allowlisted recipient
    delegate: Pubkey  # allowlisted delegate
    program: Pubkey  # SPL Token or Token-2022

    @property
    def ata(self) -> Pubkey:
        return get_associated_token_address(self.agent.pubkey(), self.mint, self.program)

    def ata_of(self, wallet: Pubkey) -> Pubkey:
        return get_associated_token_address(wallet, self.mint, self.program)

    def policy(self, **rules: str) -> Policy:
        return Policy.model_validate(
            {
                "wallet": {"solana": [str(self.agent.pubkey())]},
                "allowlist": {
                    "solana": [str(self.friend)],
                    "solana_delegates": [str(self.delegate)],
                },
                "limits": [
                    {"chain": "solana", "asset": "native", "decimals": 9, "per_tx": "5"},
                    {
                        "chain": "solana",
                        "asset": str(self.mint),
                        "decimals": DECIMALS,
                        "per_tx": "500",
                    },
                ],
                "rules": rules,
            }
        )

    def signer(self, *, approve: bool = False, **rules: str) -> GuardedKeypair:
        guard = Guard(self.policy(**rules), classifier=False)
        return GuardedKeypair(self.agent, guard, approver=allow_all if approve else None)

    def message(self, ixs: list[Instruction]) -> Message:
        return Message.new_with_blockhash(ixs, self.agent.pubkey(), self.svm.latest_blockhash())

    def send(self, tx: Transaction | VersionedTransaction) -> None:
        result = self.svm.send_transaction(tx)
        assert type(result).__name__ == "TransactionMetadata", result
        self.svm.expire_blockhash()

    def token(self, account: Pubkey) -> TokenAccount:
        data = self.svm.get_account(account)
        assert data is not None
        return TokenAccount.from_bytes(bytes(data.data)[:165])

    def balance(self, account: Pubkey) -> int:
        return self.svm.get_balance(account) or 0


def _setup(program: Pubkey) -> Chain:
    svm = LiteSVM()
    agent, mint = Keypair(), Keypair()
    svm.airdrop(agent.pubkey(), 100 * SOL)
    chain = Chain(svm, agent, mint.pubkey(), Keypair().pubkey(), Keypair().pubkey(), program)
    rent = svm.minimum_balance_for_rent_exemption(sx.MINT_SIZE)
    create = {"from_pubkey": agent.pubkey(), "to_pubkey": mint.pubkey(), "lamports": rent}
    ixs = [
        sp.create_account({**create, "space": sx.MINT_SIZE, "owner": program}),  # type: ignore[typeddict-item]
        sx.initialize_mint2(mint.pubkey(), DECIMALS, agent.pubkey(), program),
        sx.create_ata(agent.pubkey(), agent.pubkey(), mint.pubkey(), program),
        sx.mint_to(mint.pubkey(), chain.ata, agent.pubkey(), 1000 * 10**DECIMALS, program),
    ]
    chain.send(sx.legacy_tx(agent, ixs, mint, blockhash=svm.latest_blockhash()))
    return chain


@pytest.fixture(params=[sx.TOKEN, sx.TOKEN_2022], ids=["spl-token", "token-2022"])
def chain(request: pytest.FixtureRequest) -> Iterator[Chain]:
    """A fresh LiteSVM per test, for SPL Token and Token-2022."""
    yield _setup(request.param)


@pytest.fixture
def spl() -> Chain:
    """A fresh LiteSVM with an SPL Token mint only."""
    return _setup(sx.TOKEN)


def test_programs_are_preloaded() -> None:
    """LiteSVM ships the SPL Token, Token-2022, ATA and Memo programs as executables."""
    svm = LiteSVM()
    for program in (sx.TOKEN, sx.TOKEN_2022, sx.ATA, sx.MEMO, sx.MEMO_V1):
        account = svm.get_account(program)
        assert account is not None and account.executable


def test_setup_mint_matches_decoded_creation(spl: Chain) -> None:
    """The fixture's mint exists with the decimals and authority its instructions said."""
    mint = Mint.from_bytes(bytes(spl.svm.get_account(spl.mint).data))  # type: ignore[union-attr]
    assert mint.decimals == DECIMALS
    assert mint.mint_authority == spl.agent.pubkey()
    assert spl.token(spl.ata).amount == 1000 * 10**DECIMALS


def test_sol_transfer_effect_matches_decode(spl: Chain) -> None:
    """An allowlisted SOL transfer is allowed, signed, and moves exactly the decoded lamports."""
    msg = spl.message(
        [
            sp.transfer(
                {"from_pubkey": spl.agent.pubkey(), "to_pubkey": spl.friend, "lamports": 3 * SOL}
            )
        ]
    )
    (op,) = decode_solana(msg).operations
    assert isinstance(op, Transfer)
    spl.send(spl.signer().sign_transaction(msg))
    assert spl.balance(spl.friend) == op.amount == 3 * SOL


def test_over_limit_sol_transfer_is_never_sent(spl: Chain) -> None:
    """A transfer over the per-tx limit raises before signing; balances are unchanged."""
    before = (spl.balance(spl.agent.pubkey()), spl.balance(spl.friend))
    msg = spl.message(
        [
            sp.transfer(
                {"from_pubkey": spl.agent.pubkey(), "to_pubkey": spl.friend, "lamports": 6 * SOL}
            )
        ]
    )
    with pytest.raises(GuardBlocked) as info:
        spl.signer(approve=True).sign_transaction(msg)
    assert "tx.sol.over_limit" in {f.rule_id for f in info.value.verdict.findings}
    assert (spl.balance(spl.agent.pubkey()), spl.balance(spl.friend)) == before


def test_token_transfer_effect_matches_decode(chain: Chain) -> None:
    """ATA creation + TransferChecked to a friend: decoded amount and mint arrive on chain."""
    amount = 250 * 10**DECIMALS
    ixs = [
        sx.create_ata(chain.agent.pubkey(), chain.friend, chain.mint, chain.program),
        sx.transfer_checked(
            chain.ata,
            chain.mint,
            chain.ata_of(chain.friend),
            chain.agent.pubkey(),
            amount,
            DECIMALS,
            chain.program,
        ),
    ]
    msg = chain.message(ixs)
    transfer = decode_solana(msg).operations[1]
    assert isinstance(transfer, Transfer)
    assert chain.signer().check(msg).action is Action.ALLOW
    chain.send(chain.signer().sign_transaction(msg))
    received = chain.token(chain.ata_of(chain.friend))
    assert received.amount == transfer.amount
    assert str(received.mint) == transfer.asset.address
    assert received.owner == chain.friend
    assert chain.token(chain.ata).amount == 1000 * 10**DECIMALS - amount


def test_unchecked_token_transfer_resolves_mint_and_limit(spl: Chain) -> None:
    """An unchecked Transfer from the own ATA is held to the mint's limit (mint derived)."""
    dest = spl.ata_of(spl.friend)
    spl.send(
        spl.signer().sign_transaction(
            spl.message([sx.create_ata(spl.agent.pubkey(), spl.friend, spl.mint)])
        )
    )
    over = spl.message([sx.transfer(spl.ata, dest, spl.agent.pubkey(), 600 * 10**DECIMALS)])
    with pytest.raises(GuardBlocked):
        spl.signer(approve=True).sign_transaction(over)
    assert spl.token(dest).amount == 0
    ok = spl.message([sx.transfer(spl.ata, dest, spl.agent.pubkey(), 7)])
    spl.send(spl.signer().sign_transaction(ok))
    assert spl.token(dest).amount == 7


def test_approve_effect_matches_decode(chain: Chain) -> None:
    """ApproveChecked to the allowlisted delegate sets exactly the decoded delegate and amount."""
    msg = chain.message(
        [
            sx.approve_checked(
                chain.ata,
                chain.mint,
                chain.delegate,
                chain.agent.pubkey(),
                42,
                DECIMALS,
                chain.program,
            )
        ]
    )
    (op,) = decode_solana(msg).operations
    assert isinstance(op, Approval)
    chain.send(chain.signer().sign_transaction(msg))
    state = chain.token(chain.ata)
    assert state.delegate == chain.delegate
    assert str(state.delegate) == op.spender
    assert state.delegated_amount == op.amount == 42


def test_unlimited_approve_to_stranger_is_never_sent(spl: Chain) -> None:
    """Approve(u64::MAX) to an unknown delegate is BLOCKed even with an approver; no delegate."""
    stranger = Keypair().pubkey()
    msg = spl.message([sx.approve(spl.ata, stranger, spl.agent.pubkey(), sx.U64_MAX)])
    with pytest.raises(GuardBlocked) as info:
        spl.signer(approve=True).sign_transaction(msg)
    assert info.value.verdict.action is Action.BLOCK
    assert spl.token(spl.ata).delegate is None


def test_bounded_approve_blocked_unless_policy_allows(spl: Chain) -> None:
    """A bounded approve to a stranger never expires: BLOCKed even with an approver, sent
    once the policy allows the rule (and then the delegate is as decoded)."""
    stranger = Keypair().pubkey()
    msg = spl.message([sx.approve(spl.ata, stranger, spl.agent.pubkey(), 5)])
    with pytest.raises(GuardBlocked):
        spl.signer(approve=True).sign_transaction(msg)
    assert spl.token(spl.ata).delegate is None
    spl.send(spl.signer(**{"tx.sol.approval_unknown_spender": "allow"}).sign_transaction(msg))
    assert spl.token(spl.ata).delegate == stranger
    assert spl.token(spl.ata).delegated_amount == 5


def test_set_authority_blocked_then_effect_matches_decode(chain: Chain) -> None:
    """SetAuthority(AccountOwner) of the own ATA is BLOCKed; if allowed, the owner is as decoded.

    (Token-2022 ATAs have an immutable owner: there the program itself rejects it.)
    """
    thief = Keypair().pubkey()
    msg = chain.message(
        [sx.set_authority(chain.ata, chain.agent.pubkey(), 2, thief, chain.program)]
    )
    with pytest.raises(GuardBlocked):
        chain.signer(approve=True).sign_transaction(msg)
    assert chain.token(chain.ata).owner == chain.agent.pubkey()
    (op,) = decode_solana(msg).operations
    assert isinstance(op, AuthorityChange)
    assert op.authority_type == "account_owner"
    allowed = chain.signer(**{"tx.sol.set_authority": "allow"}).sign_transaction(msg)
    if chain.program == sx.TOKEN_2022:
        result = chain.svm.send_transaction(allowed)
        assert type(result).__name__ == "FailedTransactionMetadata"
        assert chain.token(chain.ata).owner == chain.agent.pubkey()
        return
    chain.send(allowed)
    assert str(chain.token(chain.ata).owner) == op.new_authority == str(thief)


def test_close_account_to_stranger_blocked_to_self_closes(chain: Chain) -> None:
    """CloseAccount paying a stranger is BLOCKed; paying the agent closes and refunds the rent."""
    empty = chain.ata_of(chain.agent.pubkey())
    other = Keypair()
    rent = chain.svm.minimum_balance_for_rent_exemption(sx.ACCOUNT_SIZE)
    create = {"from_pubkey": chain.agent.pubkey(), "to_pubkey": other.pubkey(), "lamports": rent}
    setup = [
        sp.create_account({**create, "space": sx.ACCOUNT_SIZE, "owner": chain.program}),  # type: ignore[typeddict-item]
        sx.initialize_account3(other.pubkey(), chain.mint, chain.agent.pubkey(), chain.program),
    ]
    tx = chain.signer().sign_transaction(chain.message(setup))
    tx = Transaction.populate(tx.message, [tx.signatures[0], other.sign_message(bytes(tx.message))])  # type: ignore[arg-type]
    chain.send(tx)
    assert empty != other.pubkey()
    stranger = Keypair().pubkey()
    bad = chain.message(
        [sx.close_account(other.pubkey(), stranger, chain.agent.pubkey(), chain.program)]
    )
    with pytest.raises(GuardBlocked):
        chain.signer(approve=True).sign_transaction(bad)
    assert chain.svm.get_account(other.pubkey()) is not None
    good = chain.message(
        [
            sx.close_account(
                other.pubkey(), chain.agent.pubkey(), chain.agent.pubkey(), chain.program
            )
        ]
    )
    (op,) = decode_solana(good).operations
    assert isinstance(op, CloseAccount) and op.account == str(other.pubkey())
    before = chain.balance(chain.agent.pubkey())
    chain.send(chain.signer().sign_transaction(good))
    assert chain.svm.get_account(other.pubkey()) is None or chain.balance(other.pubkey()) == 0
    assert chain.balance(chain.agent.pubkey()) == before + rent - 5000


def test_memo_reaches_the_program(spl: Chain) -> None:
    """The decoded memo text is the text the Memo program logs."""
    msg = spl.message([sx.memo("invoice 42", spl.agent.pubkey())])
    (op,) = decode_solana(msg).operations
    assert isinstance(op, Memo)
    result = spl.svm.send_transaction(spl.signer().sign_transaction(msg))
    assert any(op.text in line for line in result.logs())  # type: ignore[union-attr]


def _durable_payment(spl: Chain, authority: Keypair) -> tuple[Message, Keypair, Hash]:
    """A nonce account whose authority is ``authority``, and a durable-nonce payment of 1 SOL
    from the agent to the friend that advances it (the authority must co-sign)."""
    nonce = Keypair()
    agent = spl.agent.pubkey()
    rent = spl.svm.minimum_balance_for_rent_exemption(80)
    setup = sp.create_nonce_account(agent, nonce.pubkey(), authority.pubkey(), rent)
    spl.send(sx.legacy_tx(spl.agent, list(setup), nonce, blockhash=spl.svm.latest_blockhash()))
    stored = Hash(bytes(spl.svm.get_account(nonce.pubkey()).data)[40:72])  # type: ignore[union-attr]
    advance = {"nonce_pubkey": nonce.pubkey(), "authorized_pubkey": authority.pubkey()}
    ixs = [
        sp.advance_nonce_account(advance),
        sp.transfer({"from_pubkey": agent, "to_pubkey": spl.friend, "lamports": SOL}),
    ]
    return Message.new_with_blockhash(ixs, agent, stored), nonce, stored


def test_durable_nonce_held_by_own_is_allowed_and_advances(spl: Chain) -> None:
    """A durable-nonce payment to an allowlisted friend whose nonce the agent itself holds is
    judged by its effects (the agent can void it by advancing the nonce): signed, it runs."""
    msg, nonce, stored = _durable_payment(spl, spl.agent)
    assert decode_solana(msg).durable_nonce
    assert spl.signer().check(msg).action is Action.ALLOW
    spl.send(spl.signer().sign_transaction(msg))
    assert spl.balance(spl.friend) == SOL
    after = Hash(bytes(spl.svm.get_account(nonce.pubkey()).data)[40:72])  # type: ignore[union-attr]
    assert after != stored


def test_durable_nonce_held_by_another_is_flagged(spl: Chain) -> None:
    """The same payment whose nonce authority is another key: the agent could never take its
    signature back, so it is FLAGged (denied by default) and nothing moves."""
    msg, _, _ = _durable_payment(spl, Keypair())
    with pytest.raises(GuardBlocked) as info:
        spl.signer().sign_transaction(msg)
    assert "tx.sol.durable_nonce" in info.value.verdict.rule_ids
    assert info.value.verdict.action is Action.FLAG
    assert spl.balance(spl.friend) == 0


def test_assign_own_account_blocked_then_owner_as_decoded(spl: Chain) -> None:
    """System Assign of an own account is BLOCKed; allowed by policy, the owner is as decoded."""
    vault = Keypair()
    spl.svm.airdrop(vault.pubkey(), SOL)
    program = Keypair().pubkey()
    msg = spl.message([sp.assign({"pubkey": vault.pubkey(), "owner": program})])
    guard = Guard(spl.policy().with_addresses(own_solana=[str(vault.pubkey())]), classifier=False)
    verdict = guard.check_transaction(msg, chain="solana")
    assert "tx.sol.assign" in {f.rule_id for f in verdict.findings}
    assert verdict.action is Action.BLOCK
    (op,) = decode_solana(msg).operations
    assert isinstance(op, AuthorityChange)
    signed = spl.signer(approve=True).sign_transaction(msg)  # vault is not own for this signer
    tx = Transaction.populate(msg, [signed.signatures[0], vault.sign_message(bytes(msg))])
    spl.send(tx)
    assert str(spl.svm.get_account(vault.pubkey()).owner) == op.new_authority  # type: ignore[union-attr]


def test_v0_with_lookup_table_effect_matches_resolved_decode(spl: Chain) -> None:
    """A v0 tx using an on-chain lookup table: unresolved it is FLAGged; resolved, it pays A."""
    agent = spl.agent.pubkey()
    slot = spl.svm.get_slot_hashes()[0][0]
    create, table = sp.create_lookup_table(
        {"authority_address": agent, "payer_address": agent, "recent_slot": slot}
    )
    extend = sp.extend_lookup_table(
        {
            "lookup_table_address": table,
            "authority_address": agent,
            "payer_address": agent,
            "new_addresses": [spl.friend],
        }
    )
    spl.send(spl.signer().sign_transaction(spl.message([create, extend])))  # ALLOWed
    spl.svm.warp_to_slot(spl.svm.get_clock().slot + 2)
    onchain = AddressLookupTable.deserialize(bytes(spl.svm.get_account(table).data))  # type: ignore[union-attr]
    alt = AddressLookupTableAccount(table, list(onchain.addresses))
    ix = sp.transfer({"from_pubkey": agent, "to_pubkey": spl.friend, "lamports": 2 * SOL})
    msg = MessageV0.try_compile(agent, [ix], [alt], spl.svm.latest_blockhash())
    assert spl.signer().check(msg).action is Action.FLAG  # lookup tables not supplied
    decoded = decode_solana(msg, lookup_tables=[alt])
    (op,) = decoded.operations
    assert isinstance(op, Transfer) and op.recipient == str(spl.friend)
    spl.send(spl.signer().sign_transaction(msg, lookup_tables=[alt]))
    assert spl.balance(spl.friend) == op.amount
