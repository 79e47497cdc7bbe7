"""Where an own executor's carried calls end (review18c F1, ``chains/evm/embedded.py``).

A call ``(target, value, bytes data)`` an unknown executor on the own account carries is the
account's; what lies inside ``data`` past its selector is the argument of that call, read by
``target``: an aggregator's route program (OpenOcean ``swap(caller, desc, calls)``, the
``CallDescription(uint256 target, uint256 gasLimit, uint256 value, bytes data)[]`` of
openocean-finance/OpenOceanExchangeV2 ``contracts/interfaces/IOpenOceanCaller.sol``) approves
and pays pools from the router's executor, not from the own account. Executor ABIs: Ambire's
shape ``(address,uint256,bytes)[]`` under a name nobody decodes (``executeCalls``: Ambire's own
``executeBySender`` is decoded), Biconomy ``execute_ncC(address,uint256,bytes)`` (as in
``test_evm_own_executors.py``); addresses are generated.

The scan's limits (review18c F6): decoy selector bytes cost nothing and count for nothing, so
they cannot hide a later call; a scan a limit cut short FLAGs ``decode_limit``. Permits:
DAI ``permit(address,address,uint256,uint256,bool,uint8,bytes32,bytes32)`` (makerdao
dss ``dai.sol``).
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_abi import decode, encode

from aiegis_guard.chains.evm.embedded import MAX_EMBEDDED, embedded_calls, embedded_scan
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy
from aiegis_guard.verdict import Verdict
from tests.evm_builders import call, selector
from tests.receiver_builders import FRIEND, OWN, STRANGER, USDC, WETH, addr, own_tx, rules

SAFE = addr("own-smart-account")
POOL = addr("dex-pool")
OTHER = addr("someone-elses-contract")
MAX = 2**256 - 1
EXEC_BY_SENDER = "executeCalls((address,uint256,bytes)[])"  # Ambire's shape, decoded nowhere
OPENOCEAN_SWAP = (
    "swap(address,(address,address,address,address,uint256,uint256,uint256,uint256,address,"
    "bytes),(uint256,uint256,uint256,bytes)[])"
)


def _judged(payload: dict[str, Any]) -> Verdict:
    policy = Policy.model_validate(
        {
            "wallet": {"evm": [OWN, SAFE]},
            "allowlist": {"evm": [FRIEND.lower()], "evm_spenders": [FRIEND.lower()]},
        }
    )
    return Guard(policy, classifier=False).check_transaction(payload, chain="evm")


def _approve(spender: str, amount: int = MAX) -> bytes:
    return call("approve(address,uint256)", spender, amount)


def _route_swap(receiver: str = OWN) -> bytes:
    """An OpenOcean swap through FRIEND whose program (run by the router's executor) approves
    a pool for everything and pays it."""
    program = [
        (int(WETH, 16), 0, 0, _approve(POOL)),
        (int(USDC, 16), 0, 0, call("transfer(address,uint256)", POOL, 10**9)),
    ]
    desc = (USDC, WETH, FRIEND, receiver, 10**9, 1, 1, 0, FRIEND, b"")
    return call(OPENOCEAN_SWAP, FRIEND, desc, program)


def _batches(extra: list[tuple[str, int, bytes]]) -> list[bytes]:
    batch = [(USDC, 0, _approve(FRIEND, 10**9)), (FRIEND, 0, _route_swap()), *extra]
    single = call("execute_ncC(address,uint256,bytes)", FRIEND, 0, _route_swap())
    return [call(EXEC_BY_SENDER, batch), single] if not extra else [call(EXEC_BY_SENDER, batch)]


@pytest.mark.parametrize("account", [OWN, SAFE], ids=["7702-eoa", "own-smart-account"])
@pytest.mark.parametrize("carrier", [0, 1], ids=["unknown-batch", "biconomy-single"])
def test_route_program_of_a_router_call_is_not_the_accounts(account: str, carrier: int) -> None:
    """The pool approve / transfer inside the router's calldata are the router's: only the
    own-account-code FLAG stays (was BLOCK unlimited_approval + unknown_recipient); Biconomy
    v2's execute is decoded: the account calls the allowlisted router, nothing else (ALLOW)."""
    verdict = _judged(own_tx(account, _batches([])[carrier]))
    if carrier == 1:
        assert verdict.action is Action.ALLOW, verdict.findings
        return
    assert verdict.action is Action.FLAG
    assert rules(verdict) == {"tx.evm.unknown_call"}


def test_direct_approve_beside_a_router_call_still_blocks() -> None:
    """A direct approve(stranger, MAX) after the router call is the account's: BLOCK."""
    (data,) = _batches([(USDC, 0, _approve(STRANGER))])
    verdict = _judged(own_tx(OWN, data))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.unlimited_approval" in rules(verdict)


def test_signed_permit_inside_a_router_call_is_still_the_owners_grant() -> None:
    """A DAI-style signed permit of the own account inside the router's calldata grants
    whoever submits it: kept (BLOCK unlimited_approval to the stranger)."""
    permit = call(
        "permit(address,address,uint256,uint256,bool,uint8,bytes32,bytes32)",
        OWN,
        STRANGER,
        0,
        2**40,
        True,
        27,
        b"\x01" * 32,
        b"\x02" * 32,
    )
    router_call = call("swapWithPermit(address,bytes)", USDC, permit)
    data = call(EXEC_BY_SENDER, [(FRIEND, 0, router_call)])
    verdict = _judged(own_tx(OWN, data))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.unlimited_approval" in rules(verdict)


def test_embedded_calls_stop_at_a_call_to_another_contract() -> None:
    """``embedded_calls``: the batch's own approve is read, the route program's are not."""
    inner = _approve(FRIEND, 10**9)
    data = call(EXEC_BY_SENDER, [(USDC, 0, inner), (FRIEND, 0, _route_swap())])
    assert embedded_calls(data, OWN) == [(USDC, inner)]


def test_self_call_keeps_what_it_carries() -> None:
    """A call to the account itself (nested executors) is no boundary."""
    inner = _approve(STRANGER)
    data = call(EXEC_BY_SENDER, [(OWN, 0, call(EXEC_BY_SENDER, [(USDC, 0, inner)]))])
    assert embedded_calls(data, OWN) == [(USDC, inner)]


def test_a_forged_tuple_in_a_calls_bytes_hides_no_later_call() -> None:
    """Bytes handed to another contract that look like a tuple reaching past their end do not
    swallow the next call of the batch: the approve after them still BLOCKs."""
    forged = bytes(12) + bytes.fromhex(OTHER[2:]) + (0x40).to_bytes(32, "big")
    forged += (4096).to_bytes(32, "big")  # a "length" running over the next record
    data = call(EXEC_BY_SENDER, [(OTHER, 0, forged), (USDC, 0, _approve(STRANGER))])
    assert _judged(own_tx(OWN, data)).action is Action.BLOCK


KIT = addr("drainer-kit")
DAI_PERMIT = call(
    "permit(address,address,uint256,uint256,bool,uint8,bytes32,bytes32)",
    OWN,
    STRANGER,
    0,
    2**40,
    True,
    27,
    b"\x11" * 32,
    b"\x22" * 32,
)
# a bare selector repeated; setApprovalForAll hits with a bool of 0xff..: each fails the decode
BARE_DECOYS = selector("approve(address,uint256)") * 300
STRICT_DECOYS = (selector("setApprovalForAll(address,bool)") + bytes(12) + b"\x33" * 52) * 300


@pytest.mark.parametrize("decoys", [BARE_DECOYS, STRICT_DECOYS], ids=["bare", "undecodable"])
def test_decoys_do_not_hide_a_carried_permit(decoys: bytes) -> None:
    """A kit handed decoys and the own DAI permit (allowed) for a stranger: BLOCK."""
    data = selector("claim(bytes,bytes)") + encode(["bytes", "bytes"], [decoys, DAI_PERMIT])
    verdict = _judged(own_tx(KIT, data))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.unlimited_approval" in rules(verdict)


def test_decoys_do_not_hide_an_own_accounts_approve() -> None:
    """Undecodable decoy hits in the own executor's batch, then approve(stranger, MAX): BLOCK."""
    data = call(EXEC_BY_SENDER, [(OWN, 0, STRICT_DECOYS), (USDC, 0, _approve(STRANGER))])
    verdict = _judged(own_tx(OWN, data))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.unlimited_approval" in rules(verdict)


def test_a_scan_cut_by_its_limit_flags_decode_limit() -> None:
    """More well-formed calls than ``MAX_EMBEDDED`` before the stranger's approve: the part
    left unread is said (decode_limit), never ALLOW."""
    batch = [(USDC, 0, _approve(FRIEND, 1))] * (MAX_EMBEDDED + 8)
    data = call(EXEC_BY_SENDER, [*batch, (USDC, 0, _approve(STRANGER))])
    verdict = _judged(own_tx(OWN, data))
    assert verdict.action is not Action.ALLOW
    assert "tx.evm.decode_limit" in rules(verdict)


def test_embedded_scan_says_when_it_was_cut() -> None:
    """``embedded_scan``: cut after MAX_EMBEDDED calls with more left, not when all were read."""
    assert embedded_scan(bytes(4) + _approve(STRANGER) * (MAX_EMBEDDED + 1))[1] is True
    assert embedded_scan(bytes(4) + _approve(STRANGER) * MAX_EMBEDDED)[1] is False


def _stretched(data: bytes, target: str, length: int) -> bytes:
    """``data`` with the ``bytes`` length of the carried call to ``target`` (the tuple
    ``target, 0, 0x60, length``) set to run to the end of the calldata (review19 F9)."""
    w = lambda n: n.to_bytes(32, "big")  # noqa: E731
    at = data.index(bytes(12) + bytes.fromhex(target[2:]) + w(0) + w(0x60) + w(length)) + 96
    return data[:at] + w(len(data) - at - 32) + data[at + 32 :]


@pytest.mark.parametrize("account", [OWN, SAFE], ids=["7702-eoa", "own-smart-account"])
@pytest.mark.parametrize(
    ("grant", "rule"),
    [
        (_approve(STRANGER, 2**62), "tx.evm.approval_unknown_spender"),
        (call("transfer(address,uint256)", STRANGER, 10**12), "tx.evm.unknown_recipient"),
    ],
    ids=["approve", "transfer"],
)
def test_a_length_stretched_over_the_next_call_hides_nothing(
    account: str, grant: bytes, rule: str
) -> None:
    """The first carried call's ``bytes`` length runs over the second (ABI decoders accept
    the overlap: both calls run): the array is not canonical, its lengths are no boundary,
    and the own account's approve / transfer is judged as when encoded canonically."""
    canonical = call(EXEC_BY_SENDER, [(OTHER, 0, bytes.fromhex("deadbeef")), (USDC, 0, grant)])
    stretched = _stretched(canonical, OTHER, 4)
    assert (USDC, grant) in embedded_calls(canonical, account)
    assert any(c == grant for _, c in embedded_calls(stretched, account))
    for data in (canonical, stretched):
        assert rule in rules(_judged(own_tx(account, data)))


def test_a_decoy_array_whose_bytes_hold_the_real_one_hides_nothing() -> None:
    """The executor's offset points at a batch lying inside the bytes of a decoy batch's call
    to another contract (the decoy sits where the canonical batch goes, and decodes
    canonically): the executor runs the inner batch's approve; it is judged (BLOCK)."""
    w = lambda n: n.to_bytes(32, "big")  # noqa: E731
    real = call(EXEC_BY_SENDER, [(USDC, 0, _approve(STRANGER))])[4 + 32 :]  # its array
    # decoy: [(OTHER, 0, filler ++ real array)]; the head's offset points at the real array
    filler = b"\x00" * 28  # the real array lies off the 32-byte grid: decoders accept it
    decoy = encode(["(address,uint256,bytes)[]"], [[(OTHER, 0, filler + real)]])
    data = bytearray(selector(EXEC_BY_SENDER) + decoy)
    inner = bytes(data).index(real)
    data[4:36] = w(inner - 4)
    assert any(c == _approve(STRANGER) for _, c in embedded_calls(bytes(data), OWN))
    verdict = _judged(own_tx(OWN, bytes(data)))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.unlimited_approval" in rules(verdict)


def test_a_decoy_array_inside_a_self_call_hides_nothing() -> None:
    """The same decoy inside the calldata of a self-call (nested executors): BLOCK."""
    w = lambda n: n.to_bytes(32, "big")  # noqa: E731
    real = call(EXEC_BY_SENDER, [(USDC, 0, _approve(STRANGER))])[4 + 32 :]
    decoy = encode(["(address,uint256,bytes)[]"], [[(OTHER, 0, b"\x00" * 28 + real)]])
    inner = bytearray(selector(EXEC_BY_SENDER) + decoy)
    at = bytes(inner).index(real)
    inner[4:36] = w(at - 4)
    data = call(EXEC_BY_SENDER, [(OWN, 0, bytes(inner))])
    verdict = _judged(own_tx(OWN, data))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.unlimited_approval" in rules(verdict)


def _table_into_decoy(wrapped: bool) -> bytes:
    """review19b E1: the executor's batch R lies outside every carried call (right after its
    head), but R's table entry points at a ``(USDC, 0, approve(STRANGER, MAX))`` tuple inside
    the bytes of a decoy canonical batch D = ``[(OTHER, 0, 32 zero bytes ++ tuple)]`` placed
    after R: eth_abi (as Solidity's decoder) runs R's one call, the approve. ``wrapped``: the
    executor takes a struct holding the batch (``((address,uint256,bytes)[])``), R one level
    further down."""
    w = lambda n: n.to_bytes(32, "big")  # noqa: E731
    sig = "execute(((address,uint256,bytes)[]))" if wrapped else EXEC_BY_SENDER
    tup = encode(["(address,uint256,bytes)"], [(USDC, 0, _approve(STRANGER))])[32:]
    decoy = encode(["(address,uint256,bytes)[]"], [[(OTHER, 0, bytes(32) + tup)]])[32:]
    head = w(32) + (w(32) if wrapped else b"")  # the struct's head: its offset to R
    r_at = 4 + len(head)
    d_at = r_at + 64
    table = w(1) + w(d_at + decoy.index(tup) - (r_at + 32))
    data = selector(sig) + head + table + decoy
    argtype = "((address,uint256,bytes)[])" if wrapped else "(address,uint256,bytes)[]"
    calls = decode([argtype], data[4:])[0]
    assert [c[2] for c in (calls[0] if wrapped else calls)] == [_approve(STRANGER)]
    return data


@pytest.mark.parametrize("wrapped", [False, True], ids=["array", "struct-of-array"])
@pytest.mark.parametrize("account", [OWN, SAFE], ids=["7702", "own-safe"])
def test_an_array_table_pointing_into_a_decoys_bytes_hides_nothing(
    account: str, wrapped: bool
) -> None:
    """review19b E1: an offset of the executor's array table (not its head) points inside a
    decoy call's bytes: the boundary is void, the approve the executor runs BLOCKs (was FLAG
    unknown_call only, the approve unseen)."""
    data = _table_into_decoy(wrapped)
    assert any(c == _approve(STRANGER) for _, c in embedded_calls(data, account.lower()))
    verdict = _judged(own_tx(account, data))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.unlimited_approval" in rules(verdict)


def test_a_canonical_batch_keeps_its_boundary_one_level_down() -> None:
    """The same executor with a canonical batch of the router call and a payment: the route
    program's approve stays the router's (the walk into the table voids nothing honest)."""
    batch = [(FRIEND, 0, _route_swap()), (USDC, 0, call("transfer(address,uint256)", FRIEND, 1))]
    for sig, args in ((EXEC_BY_SENDER, batch), ("execute(((address,uint256,bytes)[]))", (batch,))):
        found = embedded_calls(call(sig, args), OWN)
        assert not any(c[:4] == _approve(POOL)[:4] for _, c in found)
