"""Basenames (``*.base.eth``) registrations: who owns the name the caller pays for.

Sources: base-org/basenames ``src/L2/RegistrarController.sol`` (``register(RegisterRequest)
payable`` and ``discountedRegister(RegisterRequest, bytes32 discountKey, bytes
validationData) payable``; ``RegisterRequest`` = ``(string name, address owner, uint256
duration, address resolver, bytes[] data, bool reverseRecord)``: the name's ERC-721 on the
``BaseRegistrar``, id ``uint256(keccak256(bytes(name)))``, is minted to ``owner``, the
resolver ``data`` sets records of that new name only, ``reverseRecord`` names it as the
caller's primary name) and the README's Base Mainnet addresses (RegistrarController
``0x4cCb0BB0…19a5``, BaseRegistrar ``0x03c4738E…DD9a``); coinbase/agentkit ``basename``
action provider (``register`` with ``owner`` = the wallet, paid in ETH).

As for ENS (``lending.py``): read only on the controller itself; the same selector on any
other contract stays opaque. A name registered for another owner is a gift of what the
caller pays (the name's NFT given).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result
from aiegis_guard.chains.evm.protocols.lending import ens_name
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call

__all__ = ["BASENAMES_REGISTRAR", "CONTRACTS", "TABLE"]

REGISTRAR_CONTROLLER = "0x4ccb0bb02fcaba27e82a56646e81d8c5bc4119a5"  # Base Mainnet
BASENAMES_REGISTRAR = "0x03c4738ee98ae44591e1a4a4f3cab6641d95dd9a"  # BaseRegistrar (ERC-721)
CONTRACTS = frozenset({REGISTRAR_CONTROLLER})


def _register(f: Frame, fn: Function, a: list[Any]) -> Result:
    if f.target != REGISTRAR_CONTROLLER:
        return [named_call(f, fn, known=False)]
    name, owner = a[0][0], a[0][1]
    via = f"basenames.{fn.name}"
    return [named_call(f, fn), ens_name(f, name, owner, BASENAMES_REGISTRAR, via)]


TABLE = (
    ("register((string,address,uint256,address,bytes[],bool))", _register),
    ("discountedRegister((string,address,uint256,address,bytes[],bool),bytes32,bytes)", _register),
)
