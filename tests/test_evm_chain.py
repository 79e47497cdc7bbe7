"""Decoding checked against execution on an in-process eth-tester chain (py-evm, Prague).

A real ERC-20 (with EIP-2612 permit) and ERC-721 are deployed from the committed bytecode in
``contracts/build``; each test asserts that the on-chain effect (allowance, owner, operator,
balance, delegated code) is what the decoder said, and that a blocked transaction never
reaches the chain.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from conftest import ROOT
from eth_account import Account
from web3 import Web3
from web3.providers.eth_tester import EthereumTesterProvider

from aiegis_guard.chains.evm.decode import decode_evm, decode_typed_data
from aiegis_guard.chains.transaction import Approval, Delegation, Transfer
from aiegis_guard.config import Config, LedgerBackend, LedgerSettings, ThreatSettings
from aiegis_guard.errors import GuardBlocked
from aiegis_guard.findings import Chain
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Allowlist, Limit, Policy, Wallet
from aiegis_guard.signers.approval import allow_all
from aiegis_guard.signers.evm_account import GuardedAccount
from aiegis_guard.signers.evm_middleware import guard_middleware

pytestmark = pytest.mark.slow  # a real eth-tester chain per test (make test runs it)

ARTIFACTS = ROOT / "contracts" / "build"
STRANGER = "0x3333333333333333333333333333333333333333"
THREAT = "0x9999999999999999999999999999999999999999"
ETH = 10**18
MAX = 2**256 - 1


def load_artifact(name: str) -> dict[str, Any]:
    """A committed contract artifact (``abi`` + ``bytecode``)."""
    artifact: dict[str, Any] = json.loads((ARTIFACTS / f"{name}.json").read_text())
    return artifact


class EthTester:
    """One eth-tester chain with the agent funded and the test contracts deployed."""

    def __init__(self) -> None:
        self.w3 = Web3(EthereumTesterProvider())
        self.funder = self.w3.eth.accounts[0]
        self.agent = Account.create()  # generated per run, never a real key
        self.spender = Account.create()
        self.friend = Account.create().address
        for who in (self.agent.address, self.spender.address):
            self.w3.eth.send_transaction({"from": self.funder, "to": who, "value": 10 * ETH})
        self.token = self._deploy("TestToken", "Test Token", "TST")
        self.nft = self._deploy("TestNFT", "Test NFT", "TNFT")
        self.token.functions.mint(self.agent.address, 1000 * ETH).transact({"from": self.funder})
        for token_id in (1, 2, 3):
            self.nft.functions.mint(self.agent.address, token_id).transact({"from": self.funder})

    def _deploy(self, name: str, *args: Any) -> Any:
        art = load_artifact(name)
        factory = self.w3.eth.contract(abi=art["abi"], bytecode=art["bytecode"])
        receipt = self.w3.eth.wait_for_transaction_receipt(
            factory.constructor(*args).transact({"from": self.funder})
        )
        return self.w3.eth.contract(address=receipt.contractAddress, abi=art["abi"])

    def tx(self, sender: str, to: str, data: bytes = b"", value: int = 0) -> dict[str, Any]:
        return {
            "to": to,
            "value": value,
            "data": data,
            "gas": 300_000,
            "nonce": self.w3.eth.get_transaction_count(sender),
            "chainId": self.w3.eth.chain_id,
            "maxFeePerGas": 10**10,
            "maxPriorityFeePerGas": 1,
        }

    def calldata(self, contract: Any, fn: str, *args: Any) -> bytes:
        return bytes.fromhex(contract.encode_abi(fn, args=list(args))[2:])

    def send(self, signed: Any, *, status: int = 1) -> None:
        receipt = self.w3.eth.wait_for_transaction_receipt(
            self.w3.eth.send_raw_transaction(signed.raw_transaction)
        )
        assert receipt.status == status

    def policy(self, **update: Any) -> Policy:
        base = Policy(
            wallet=Wallet(evm=frozenset({self.agent.address})),
            allowlist=Allowlist(
                evm=frozenset({self.friend}),
                evm_spenders=frozenset({self.spender.address}),
            ),
        )
        return base.model_copy(update=update)

    def guard(self, **update: Any) -> Guard:
        config = Config(
            policy=self.policy(**update),
            threats=ThreatSettings(builtin=False, evm=(THREAT,)),
            ledger=LedgerSettings(backend=LedgerBackend.MEMORY),
        )
        return Guard(config, classifier=False)


@pytest.fixture
def chain() -> Iterator[EthTester]:
    yield EthTester()


def _only(decoded: Any, kind: type) -> Any:
    ops = [op for op in decoded.operations if isinstance(op, kind)]
    assert len(ops) == 1, decoded.operations
    return ops[0]


def _signer(chain: EthTester, **kw: Any) -> GuardedAccount:
    return GuardedAccount(chain.agent, guard=chain.guard(), **kw)


# --- what the decoder says is what the chain does ----------------------------------------------


def test_erc20_transfer_moves_what_was_decoded(chain: EthTester) -> None:
    """The decoded recipient and amount are the balance changes on chain."""
    signed = _signer(chain).sign_transaction(
        chain.tx(
            chain.agent.address,
            chain.token.address,
            chain.calldata(chain.token, "transfer", chain.friend, 7 * ETH),
        )
    )
    op = _only(decode_evm(signed.raw_transaction), Transfer)
    before = chain.token.functions.balanceOf(Web3.to_checksum_address(op.recipient)).call()
    chain.send(signed)
    assert chain.token.functions.balanceOf(Web3.to_checksum_address(op.recipient)).call() == (
        before + op.amount
    )
    assert op.sender == chain.agent.address.lower()


@pytest.mark.parametrize(
    ("fn", "amount", "expected"),
    [
        pytest.param("approve", 5 * ETH, 5 * ETH, id="approve"),
        pytest.param("approve", MAX, MAX, id="approve-unlimited"),
        pytest.param("increaseAllowance", 3 * ETH, 3 * ETH, id="increase-allowance"),
    ],
)
def test_erc20_allowance_is_what_was_decoded(
    chain: EthTester, fn: str, amount: int, expected: int
) -> None:
    """The decoded spender and amount are the allowance on chain (allowlisted spender)."""
    data = chain.calldata(chain.token, fn, chain.spender.address, amount)
    signed = _signer(chain).sign_transaction(
        chain.tx(chain.agent.address, chain.token.address, data)
    )
    op = _only(decode_evm(signed.raw_transaction), Approval)
    chain.send(signed)
    spender = Web3.to_checksum_address(op.spender)
    assert chain.token.functions.allowance(chain.agent.address, spender).call() == expected
    assert op.amount == expected and op.unlimited == (expected == MAX)


def test_transfer_from_by_spender_matches_decoded_sender(chain: EthTester) -> None:
    """transferFrom decodes to a transfer *from the owner*, which is what the chain does."""
    approve = chain.calldata(chain.token, "approve", chain.spender.address, 10 * ETH)
    chain.send(
        _signer(chain).sign_transaction(chain.tx(chain.agent.address, chain.token.address, approve))
    )
    data = chain.calldata(chain.token, "transferFrom", chain.agent.address, chain.friend, 4 * ETH)
    signed = chain.spender.sign_transaction(
        chain.tx(chain.spender.address, chain.token.address, data)
    )
    op = _only(decode_evm(signed.raw_transaction), Transfer)
    before = chain.token.functions.balanceOf(chain.agent.address).call()
    chain.send(signed)
    assert op.sender == chain.agent.address.lower() and op.recipient == chain.friend.lower()
    assert chain.token.functions.balanceOf(chain.agent.address).call() == before - op.amount


def test_eip2612_permit_signature_grants_decoded_allowance(chain: EthTester) -> None:
    """A permit the agent signs (typed data) becomes, once submitted, the decoded allowance."""
    typed = {
        "types": {
            "EIP712Domain": [
                {"name": "name", "type": "string"},
                {"name": "version", "type": "string"},
                {"name": "chainId", "type": "uint256"},
                {"name": "verifyingContract", "type": "address"},
            ],
            "Permit": [
                {"name": "owner", "type": "address"},
                {"name": "spender", "type": "address"},
                {"name": "value", "type": "uint256"},
                {"name": "nonce", "type": "uint256"},
                {"name": "deadline", "type": "uint256"},
            ],
        },
        "primaryType": "Permit",
        "domain": {
            "name": "Test Token",
            "version": "1",
            "chainId": chain.w3.eth.chain_id,
            "verifyingContract": chain.token.address,
        },
        "message": {
            "owner": chain.agent.address,
            "spender": chain.spender.address,
            "value": 42 * ETH,
            "nonce": 0,
            "deadline": 2**40,
        },
    }
    sig = _signer(chain).sign_typed_data(full_message=typed)
    op = _only(decode_typed_data(typed), Approval)
    data = chain.calldata(
        chain.token,
        "permit",
        chain.agent.address,
        chain.spender.address,
        42 * ETH,
        2**40,
        sig.v,
        sig.r.to_bytes(32, "big"),
        sig.s.to_bytes(32, "big"),
    )
    submit = chain.spender.sign_transaction(
        chain.tx(chain.spender.address, chain.token.address, data)
    )
    on_chain_call = _only(decode_evm(submit.raw_transaction), Approval)
    chain.send(submit)
    allowance = chain.token.functions.allowance(chain.agent.address, chain.spender.address).call()
    assert allowance == op.amount == on_chain_call.amount
    assert op.spender == on_chain_call.spender == chain.spender.address.lower()
    assert op.asset.address == chain.token.address.lower()


def test_nft_operator_and_transfer_are_what_was_decoded(chain: EthTester) -> None:
    """setApprovalForAll and safeTransferFrom do on chain what their decoded operations say."""
    policy = {
        "allowlist": Allowlist(
            evm=frozenset({chain.friend}), evm_operators=frozenset({chain.spender.address})
        )
    }
    signer = GuardedAccount(chain.agent, guard=chain.guard(**policy))
    approve = chain.calldata(chain.nft, "setApprovalForAll", chain.spender.address, True)
    signed = signer.sign_transaction(chain.tx(chain.agent.address, chain.nft.address, approve))
    grant = _only(decode_evm(signed.raw_transaction), Approval)
    chain.send(signed)
    operator = Web3.to_checksum_address(grant.spender)
    assert (
        chain.nft.functions.isApprovedForAll(chain.agent.address, operator).call()
        == grant.all_assets
    )
    move = chain.calldata(chain.nft, "safeTransferFrom", chain.agent.address, chain.friend, 2)
    signed = signer.sign_transaction(chain.tx(chain.agent.address, chain.nft.address, move))
    sent = _only(decode_evm(signed.raw_transaction), Transfer)
    chain.send(signed)
    assert chain.nft.functions.ownerOf(sent.token_id).call().lower() == sent.recipient


def test_native_transfer_and_7702_delegation_match(chain: EthTester) -> None:
    """Native value lands where decoded; a type-4 tx installs the decoded delegate's code."""
    delegate = chain.token.address  # any contract: the point is the installed designator
    guard = chain.guard(
        allowlist=Allowlist(evm=frozenset({chain.friend}), evm_delegates=frozenset({delegate}))
    )
    signer = GuardedAccount(chain.agent, guard=guard)
    signed = signer.sign_transaction(chain.tx(chain.agent.address, chain.friend, value=ETH // 10))
    op = _only(decode_evm(signed.raw_transaction), Transfer)
    before = chain.w3.eth.get_balance(chain.friend)
    chain.send(signed)
    assert chain.w3.eth.get_balance(chain.friend) == before + op.amount
    nonce = chain.w3.eth.get_transaction_count(chain.agent.address)
    auth = signer.sign_authorization(
        {"chainId": chain.w3.eth.chain_id, "address": delegate, "nonce": nonce + 1}
    )
    body = {**chain.tx(chain.agent.address, chain.agent.address), "authorizationList": [auth]}
    signed = signer.sign_transaction(body)
    delegation = _only(decode_evm(signed.raw_transaction), Delegation)
    assert delegation.authority == chain.agent.address.lower()
    chain.send(signed, status=0)  # the call into the token reverts; the delegation persists
    code = bytes(chain.w3.eth.get_code(chain.agent.address))
    assert code == b"\xef\x01\x00" + bytes.fromhex(delegation.delegate[2:])


# --- blocked transactions never reach the chain ------------------------------------------------


def _state(chain: EthTester) -> tuple[int, ...]:
    agent = chain.agent.address
    return (
        chain.w3.eth.get_transaction_count(agent),
        chain.w3.eth.get_balance(agent),
        chain.token.functions.balanceOf(agent).call(),
        chain.token.functions.allowance(agent, Web3.to_checksum_address(STRANGER)).call(),
    )


BLOCKED = [
    pytest.param(lambda c: ("token", "approve", STRANGER, MAX), id="unlimited-approval-stranger"),
    pytest.param(lambda c: ("token", "transfer", THREAT, ETH), id="transfer-to-threat"),
    pytest.param(lambda c: ("nft", "setApprovalForAll", STRANGER, True), id="operator-stranger"),
    pytest.param(lambda c: ("token", "transfer", STRANGER, ETH), id="flagged-denied-by-default"),
]


@pytest.mark.parametrize("build", BLOCKED)
def test_guarded_account_refuses_and_nothing_is_sent(chain: EthTester, build: Any) -> None:
    """GuardedAccount raises before signing; the chain state is unchanged."""
    contract, fn, *args = build(chain)
    target = getattr(chain, contract)
    data = chain.calldata(target, fn, *args)
    before = _state(chain)
    with pytest.raises(GuardBlocked):
        _signer(chain).sign_transaction(chain.tx(chain.agent.address, target.address, data))
    assert _state(chain) == before


def test_guarded_account_blocks_blind_hash_and_7702_to_stranger(chain: EthTester) -> None:
    """Blind hash signing and delegation to an unknown contract raise GuardBlocked."""
    signer = _signer(chain, approver=allow_all)
    with pytest.raises(GuardBlocked):
        signer.unsafe_sign_hash(b"\x01" * 32)
    with pytest.raises(GuardBlocked):
        signer.sign_authorization({"chainId": 1, "address": STRANGER, "nonce": 0})


def test_middleware_blocks_before_the_node(chain: EthTester) -> None:
    """Raw and unlocked-account sends that are blocked never reach eth-tester."""
    guard = chain.guard()
    chain.w3.middleware_onion.inject(guard_middleware(guard), name="aiegis", layer=0)
    raw = chain.agent.sign_transaction(
        chain.tx(
            chain.agent.address,
            chain.token.address,
            chain.calldata(chain.token, "approve", STRANGER, MAX),
        )
    )
    before = _state(chain)
    with pytest.raises(GuardBlocked):
        chain.w3.eth.send_raw_transaction(raw.raw_transaction)
    funder_before = chain.w3.eth.get_balance(THREAT)
    with pytest.raises(GuardBlocked):
        chain.w3.eth.send_transaction({"from": chain.funder, "to": THREAT, "value": 1})
    assert _state(chain) == before
    assert chain.w3.eth.get_balance(THREAT) == funder_before


def test_middleware_commits_spend_only_when_the_node_accepts(chain: EthTester) -> None:
    """An accepted send is recorded; a send the node rejects is rolled back."""
    limit = Limit(chain=Chain.EVM, decimals=18, per_tx=Decimal(1), per_period=Decimal(2))
    guard = chain.guard(limits=(limit,))
    chain.w3.middleware_onion.inject(guard_middleware(guard), name="aiegis", layer=0)
    ok = chain.agent.sign_transaction(chain.tx(chain.agent.address, chain.friend, value=ETH // 2))
    chain.w3.eth.send_raw_transaction(ok.raw_transaction)
    assert guard.ledger.spent(limit.key, limit.period) == ETH // 2
    stale = chain.agent.sign_transaction(
        {**chain.tx(chain.agent.address, chain.friend, value=ETH // 2), "nonce": 0}
    )
    with pytest.raises(Exception) as raised:  # eth-tester: nonce too low
        chain.w3.eth.send_raw_transaction(stale.raw_transaction)
    assert not isinstance(raised.value, GuardBlocked)
    assert guard.ledger.spent(limit.key, limit.period) == ETH // 2


def test_middleware_flag_goes_to_the_approver(chain: EthTester) -> None:
    """A FLAGged send goes through when the approver says yes, and is blocked when it says no."""
    approvals: list[str] = []

    def approve(request: Any) -> bool:
        approvals.append(request.verdict.summary())
        return True

    chain.w3.middleware_onion.inject(
        guard_middleware(chain.guard(), approver=approve), name="aiegis", layer=0
    )
    signed = chain.agent.sign_transaction(chain.tx(chain.agent.address, STRANGER, value=5))
    chain.w3.eth.send_raw_transaction(signed.raw_transaction)
    assert chain.w3.eth.get_balance(Web3.to_checksum_address(STRANGER)) == 5
    assert approvals and "tx.evm.unknown_recipient" in approvals[0]
