"""Targets kept apart from their calldata: parallel ``address[]`` / ``bytes[]`` arrays of an
executor (issue 12), paired for the generic embedded-call scan (``embedded.py``).

Read only where the ABI offsets show it: a head word pointing at an ``address[]`` of 1 ..
``_MAX_PARALLEL`` address words and a later head word pointing at a ``bytes[]`` of the same
length that decodes canonically. Anything else pairs nothing (the scan reads targets as before).
"""

from __future__ import annotations

from aiegis_guard.chains.evm.frames import word_address

__all__ = ["parallel_targets", "word_at"]


def word_at(data: bytes, at: int) -> int | None:
    """The 32-byte big-endian word at ``at``, or None past the end (shared with
    ``embedded.py``)."""
    if at < 0 or at + 32 > len(data):
        return None
    return int.from_bytes(data[at : at + 32], "big")


_MAX_HEAD = 8  # executor head words looked at for parallel arrays
_MAX_PARALLEL = 256  # calls of one pair of parallel arrays


def _address_array(data: bytes, offset: int) -> list[str] | None:
    """The ``address[]`` an executor head word ``offset`` points at: a count of 1 ..
    ``_MAX_PARALLEL``, then that many address words (12 zero bytes each), else None."""
    base = 4 + offset
    n = word_at(data, base) if offset % 32 == 0 else None
    if n is None or not 1 <= n <= _MAX_PARALLEL or base + 32 + 32 * n > len(data):
        return None
    found = [word_address(data[base + 32 * k : base + 32 * k + 32]) for k in range(1, n + 1)]
    return None if None in found else [a for a in found if a is not None]


def _bytes_array(data: bytes, offset: int, n: int) -> list[int] | None:
    """Where each element's bytes start in the ``bytes[]`` of ``n`` elements an executor head
    word ``offset`` points at, when it decodes canonically (its table of ``n`` offsets from
    the table's start, the first ``32 n``, each element where the previous one's padded tail
    ends, the last inside ``data``), else None."""
    base = 4 + offset
    if offset % 32 or word_at(data, base) != n:
        return None
    table, at, starts = base + 32, base + 32 + 32 * n, []
    for k in range(n):
        length = word_at(data, at)
        if word_at(data, table + 32 * k) != at - table or length is None:
            return None
        end = at + 32 + -(-length // 32) * 32
        if end > len(data):
            return None
        starts.append(at + 32)
        at = end
    return starts


def parallel_targets(data: bytes) -> dict[int, str]:
    """Targets kept apart from their calldata (issue 12): an executor whose head holds an
    ``address[]`` and, after it, a ``bytes[]`` of the same length (a ``uint256[]`` of values
    may lie between, other words after): ``executeBatch(address[],uint256[],bytes[])`` /
    ``executeBatch(address[],bytes[])`` (eth-infinitism/account-abstraction
    ``contracts/samples/SimpleAccount.sol``; Biconomy), OpenZeppelin
    ``TimelockController.executeBatch(address[],uint256[],bytes[],bytes32,bytes32)``
    (``contracts/governance/TimelockController.sol``) and ``Governor.execute(address[],
    uint256[],bytes[],bytes32)``, or any selector so laid out: the i-th call's bytes start
    -> the i-th target."""
    heads = [w for k in range(_MAX_HEAD) if (w := word_at(data, 4 + 32 * k)) is not None]
    for i, first in enumerate(heads):
        targets = _address_array(data, first)
        if targets is None:
            continue
        for later in heads[i + 1 :]:
            starts = _bytes_array(data, later, len(targets))
            if starts is not None:
                return dict(zip(starts, targets, strict=True))
    return {}
