"""ETH staking (``protocols/staking.py``): a beacon-chain deposit pays the validator's balance to
the address its withdrawal credentials name; ether.fi's pool mints eETH to the caller and the
withdrawal NFT to the request's recipient.

Deposits are built from the real layout (ethereum/consensus-specs ``deposit_contract.sol``:
48-byte BLS key, 32-byte credentials, 96-byte signature, the SSZ ``deposit_data_root`` computed
as the contract does); keys and addresses are generated, never funded. ether.fi calldata is
eth_abi's encoding of ``LiquidityPool.sol``'s signatures.
"""

from __future__ import annotations

from hashlib import sha256
from typing import Any

import pytest
from eth_utils import keccak
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aiegis_guard import Guard
from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.chains.transaction import AuthorityChange, Receipt
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from tests.evm_builders import call
from tests.receiver_builders import (
    FRIEND,
    OWN,
    STRANGER,
    addr,
    assert_verdict,
    gives,
    judged,
    operations,
    own_tx,
    receipts,
    rules,
)

DEPOSIT = "0x00000000219ab540356cbb839cbe05303d7705fa"
POOL = "0x308861a430be4cce5502d0a12724771fc6daf216"
EETH = "0x35fa164735182de50811e8e2e824cfb9b6118ac2"
NFT = "0x7d5706f6ef3f89b3951e23e557cdfbc3239d4e2c"
_DEPOSIT = "deposit(bytes,bytes,bytes,bytes32)"
ETH = 10**18


def _blob(label: str, size: int) -> bytes:
    out = b""
    while len(out) < size:
        out += keccak(text=f"fx13b:{label}:{len(out)}")
    return out[:size]


def credentials(prefix: int, to: str) -> bytes:
    return bytes([prefix]) + bytes(11) + bytes.fromhex(to[2:])


def deposit_root(pubkey: bytes, creds: bytes, gwei: int, signature: bytes) -> bytes:
    """``hash_tree_root(DepositData)``, as ``deposit_contract.sol`` checks it."""
    pubkey_root = sha256(pubkey + bytes(16)).digest()
    sig_root = sha256(
        sha256(signature[:64]).digest() + sha256(signature[64:] + bytes(32)).digest()
    ).digest()
    left = sha256(pubkey_root + creds).digest()
    right = sha256(gwei.to_bytes(8, "little") + bytes(24) + sig_root).digest()
    return sha256(left + right).digest()


def deposit(creds: bytes, label: str = "validator", value: int = 32 * ETH) -> bytes:
    pubkey, signature = _blob(f"{label}:pk", 48), _blob(f"{label}:sig", 96)
    root = deposit_root(pubkey, creds, value // 10**9, signature)
    return call(_DEPOSIT, pubkey, creds, signature, root)


def staked(creds: bytes, to: str = DEPOSIT) -> dict[str, Any]:
    return own_tx(to, deposit(creds), 32 * ETH)


CASES = [
    pytest.param(staked(credentials(1, OWN)), DEPOSIT, Action.ALLOW, set(), id="0x01-own"),
    pytest.param(staked(credentials(2, OWN)), DEPOSIT, Action.ALLOW, set(), id="0x02-own"),
    pytest.param(staked(credentials(1, STRANGER)), DEPOSIT, Action.BLOCK,
                 {"tx.evm.swap_recipient", "tx.evm.authority_change"}, id="0x01-stranger"),
    pytest.param(staked(credentials(2, STRANGER)), DEPOSIT, Action.BLOCK,
                 {"tx.evm.swap_recipient", "tx.evm.authority_change"}, id="0x02-stranger"),
    pytest.param(staked(b"\x00" + _blob("bls-withdrawal-key", 31)), DEPOSIT, Action.FLAG,
                 {"tx.evm.unknown_call"}, id="0x00-bls-key-is-opaque"),
    pytest.param(staked(b"\x03" + bytes(11) + bytes.fromhex(OWN[2:])), DEPOSIT, Action.FLAG,
                 {"tx.evm.unknown_call"}, id="unknown-prefix-is-opaque"),
    pytest.param(own_tx(POOL, call("deposit(address)", "0x" + "00" * 20), 6 * ETH), POOL,
                 Action.ALLOW, set(), id="etherfi-deposit"),
    pytest.param(own_tx(POOL, call("deposit()"), 6 * ETH), POOL, Action.ALLOW, set(),
                 id="etherfi-deposit-no-referral"),
    pytest.param(own_tx(POOL, call("requestWithdraw(address,uint256)", OWN, 20 * ETH)), POOL,
                 Action.ALLOW, set(), id="etherfi-request-to-own"),
    pytest.param(own_tx(POOL, call("requestWithdraw(address,uint256)", STRANGER, 85 * ETH)),
                 POOL, Action.BLOCK, {"tx.evm.swap_recipient"}, id="etherfi-request-to-stranger"),
]  # fmt: skip


@pytest.mark.parametrize(("payload", "contract", "action", "expected"), CASES)
def test_staking_verdict(
    payload: dict[str, Any], contract: str, action: Action, expected: set[str]
) -> None:
    """Own withdrawal address / recipient passes; a stranger blocks; an unknown holder flags."""
    assert_verdict(payload, contract, action, expected)


def test_deposit_reads_the_validator_and_the_withdrawer() -> None:
    """The validator (its BLS key) is received by the withdrawal address, which also holds
    the withdrawer authority when it is not the caller."""
    ops = operations(staked(credentials(1, STRANGER)))
    (get,) = [op for op in ops if isinstance(op, Receipt)]
    (power,) = [op for op in ops if isinstance(op, AuthorityChange)]
    key = "0x" + _blob("validator:pk", 48).hex()
    assert (get.asset.address, get.recipient) == (key, STRANGER)
    assert (power.account, power.new_authority, power.authority_type) == (
        key,
        STRANGER,
        "withdrawer",
    )
    own_ops = operations(staked(credentials(1, OWN)))
    assert not [op for op in own_ops if isinstance(op, AuthorityChange)]


def test_allowlisted_withdrawal_address_is_not_a_stranger() -> None:
    """A withdrawal address the policy allowlists (a custodian's) is not blocked as a give."""
    verdict = judged(staked(credentials(1, FRIEND)), DEPOSIT, FRIEND)
    assert "tx.evm.swap_recipient" not in rules(verdict)


def test_same_function_elsewhere_is_opaque() -> None:
    """``deposit(bytes,bytes,bytes,bytes32)`` on another contract explains nothing."""
    other = addr("not-the-deposit-contract")
    verdict = judged(staked(credentials(1, OWN), to=other))
    assert verdict.action is Action.FLAG
    assert not receipts(staked(credentials(1, OWN), to=other))


@pytest.mark.parametrize(
    "args",
    [
        pytest.param((_blob("pk", 47), credentials(1, OWN), _blob("s", 96)), id="short-pubkey"),
        pytest.param((_blob("pk", 48), credentials(1, OWN)[:31], _blob("s", 96)),
                     id="short-credentials"),
        pytest.param((_blob("pk", 48), credentials(1, OWN), _blob("s", 95)), id="short-signature"),
    ],
)  # fmt: skip
def test_wrong_sizes_are_a_decode_error(args: tuple[bytes, bytes, bytes]) -> None:
    """The contract reverts on these sizes: a typed error, never an allow."""
    payload = own_tx(DEPOSIT, call(_DEPOSIT, *args, bytes(32)), 32 * ETH)
    with pytest.raises(EvmDecodeError):
        decode_evm(payload)
    assert judged(payload, DEPOSIT).action is not Action.ALLOW


def test_truncated_deposit_is_a_decode_error() -> None:
    """Calldata cut short raises the typed error."""
    payload = own_tx(DEPOSIT, deposit(credentials(1, OWN))[:200], 32 * ETH)
    with pytest.raises(EvmDecodeError):
        decode_evm(payload)
    assert judged(payload, DEPOSIT).action is not Action.ALLOW


def test_etherfi_request_gives_eeth_for_the_nft() -> None:
    """requestWithdraw: the caller's eETH to the pool, the withdrawal NFT to the recipient."""
    payload = own_tx(POOL, call("requestWithdraw(address,uint256)", STRANGER, 85 * ETH))
    (give,) = gives(payload)
    assert (give.asset.address, give.amount, give.recipient) == (EETH, 85 * ETH, POOL)
    (get,) = receipts(payload)
    assert (get.asset.address, get.recipient) == (NFT, STRANGER)


def test_etherfi_functions_elsewhere_are_opaque() -> None:
    """The same selectors on another contract are not ether.fi's."""
    other = addr("another-pool")
    for data in (call("deposit(address)", STRANGER), call("requestWithdraw(address,uint256)",
                                                          STRANGER, ETH)):  # fmt: skip
        assert not receipts(own_tx(other, data, ETH))
        assert judged(own_tx(other, data, ETH)).action is Action.FLAG


def test_etherfi_request_with_permit_is_the_same_request() -> None:
    """requestWithdrawWithPermit: the permit is spent by the call; the NFT to ``_owner``."""
    sig = "requestWithdrawWithPermit(address,uint256,(uint256,uint256,uint8,bytes32,bytes32))"
    permit = (85 * ETH, 1_900_000_000, 27, b"\x01" * 32, b"\x02" * 32)
    payload = own_tx(POOL, call(sig, STRANGER, 85 * ETH, permit))
    assert judged(payload, POOL).action is Action.BLOCK
    assert [(r.asset.address, r.recipient) for r in receipts(payload)] == [(NFT, STRANGER)]


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    to=st.sampled_from([DEPOSIT, POOL]),
    tail=st.binary(max_size=700),
    selector=st.sampled_from([_DEPOSIT, "deposit(address)", "requestWithdraw(address,uint256)"]),
)
def test_random_arguments_on_the_real_contracts(to: str, tail: bytes, selector: str) -> None:
    """Random bytes after these selectors on the contracts that decode them: a decoded
    transaction or the typed error, and the typed error is never allowed."""
    payload = own_tx(to, keccak(text=selector)[:4] + tail, ETH)
    try:
        decode_evm(payload)
    except EvmDecodeError:
        assert judged(payload, to).action is not Action.ALLOW


def test_deposit_for_an_address_elsewhere_names_it() -> None:
    """``deposit(address)`` on an allowlisted contract that is not ether.fi's pool: the address
    may be the receiver, so a stranger there is flagged as on any opaque call."""
    other = addr("some-allowlisted-vault")
    payload = own_tx(other, call("deposit(address)", STRANGER), ETH)
    assert judged(payload, other).action is Action.FLAG
    assert judged(own_tx(other, call("deposit(address)", OWN), ETH), other).action is Action.ALLOW


def _validator_policy(*validators: str) -> Policy:
    return Policy.model_validate(
        {"wallet": {"evm": [OWN]}, "allowlist": {"evm": [DEPOSIT], "evm_validators": validators}}
    )


@pytest.mark.parametrize(
    ("creds", "trusted", "action"),
    [
        pytest.param(credentials(1, STRANGER), True, Action.ALLOW, id="top-up-trusted"),
        pytest.param(credentials(1, OWN), True, Action.ALLOW, id="top-up-trusted-own-creds"),
        pytest.param(credentials(1, STRANGER), False, Action.BLOCK, id="stranger-untrusted"),
    ],
)
def test_deposit_into_an_allowlisted_validator(creds: bytes, trusted: bool, action: Action) -> None:
    """A deposit into a validator in ``evm_validators`` credits that validator (an existing
    one keeps its credentials; a new one's are signed by its own key): no give, no grant.
    Another validator with a stranger's credentials still blocks."""
    key = "0x" + _blob("validator:pk", 48).hex()
    other = "0x" + _blob("someone-else:pk", 48).hex()
    policy = _validator_policy(key if trusted else other)
    verdict = Guard(policy, classifier=False).check_transaction(staked(creds), chain="evm")
    assert verdict.action is action, verdict.effect_lines
