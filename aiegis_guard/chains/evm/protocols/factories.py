"""Smart-account deployment in a UserOperation's ``initCode``: who owns the new account.

ERC-4337 (eth-infinitism/account-abstraction ``EntryPoint.sol`` / ``SenderCreator.sol``, v0.6
and v0.7): ``initCode`` is ``factory (20 bytes) ‖ factoryData``; before validating the first
operation of an account, the EntryPoint's SenderCreator calls ``factory`` with ``factoryData``,
and the address it returns must be the operation's ``sender``. The owners named there sign for
the account from its first block on: an ``owner`` authority each over ``sender`` (the account
the rest of the operation acts through), judged as an owner added later would be; the signer
of the request (``tx.origin``) as an owner is no handover and is not listed.

Sources:

- coinbase/smart-wallet ``src/CoinbaseSmartWalletFactory.sol`` (``createAccount(bytes[] owners,
  uint256 nonce)``: ``account.initialize(owners)``) and ``src/MultiOwnable.sol``
  (``_initializeOwners``: each owner is 32 bytes, an ABI-encoded address (reverts
  ``InvalidEthereumAddressOwner`` above 160 bits), or 64 bytes, a passkey's ``x ‖ y``; any other
  length reverts ``InvalidOwnerBytesLength``). Factory
  ``0x0BA5ED0c6AA8c49038F819E587E2633c4A9F428a`` (the smart-wallet README's deployments, every
  chain). A passkey is written ``p256:0x<x><y>`` (:data:`aiegis_guard.passkeys.PASSKEY_PREFIX`)
  as ``protocols/admin.py`` writes ``addOwnerPublicKey``: own when ``[wallet] passkeys`` lists
  it, else judged as any new owner.
- eth-infinitism/account-abstraction ``contracts/samples/SimpleAccountFactory.sol``
  (``createAccount(address owner, uint256 salt)``: ``SimpleAccount.initialize(owner)``).

A factory this module does not know deploys code nobody read: its call stays an unknown call
(FLAG unless allowlisted), and a known ``createAccount`` shape on an unknown factory still names
its owners (a stranger there is judged whatever the factory). Data that does not decode is an
unknown call of the factory, never a silent pass.
"""

from __future__ import annotations

from aiegis_guard.chains.evm.abi import decode_args, parse_types
from aiegis_guard.chains.evm.frames import Frame, Result
from aiegis_guard.chains.transaction import AuthorityChange, Call
from aiegis_guard.checksums import keccak256
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.passkeys import PASSKEY_PREFIX

__all__ = ["CBSW_FACTORY", "deployment"]

CBSW_FACTORY = "0x0ba5ed0c6aa8c49038f819e587e2633c4a9f428a"
_KNOWN = frozenset({CBSW_FACTORY})

_CBSW_CREATE = "createAccount(bytes[],uint256)"
_SIMPLE_CREATE = "createAccount(address,uint256)"
_SHAPES = {
    keccak256(_CBSW_CREATE.encode())[:4]: (_CBSW_CREATE, parse_types(_CBSW_CREATE)),
    keccak256(_SIMPLE_CREATE.encode())[:4]: (_SIMPLE_CREATE, parse_types(_SIMPLE_CREATE)),
}
_ADDRESS_OWNER = 32
_PASSKEY_OWNER = 64


def _owner(raw: bytes) -> str | None:
    """One ``MultiOwnable`` owner entry: an address, a passkey, or None (the deploy reverts)."""
    if len(raw) == _ADDRESS_OWNER:
        if any(raw[:12]):
            return None
        return "0x" + raw[12:].hex()
    if len(raw) == _PASSKEY_OWNER:
        return f"{PASSKEY_PREFIX}0x{raw.hex()}"
    return None


def _owners(selector: bytes, args: list[object]) -> list[str] | None:
    name = _SHAPES[selector][0]
    if name == _SIMPLE_CREATE:
        owner = args[0]
        return [owner] if isinstance(owner, str) else None
    entries = args[0]
    if not isinstance(entries, list | tuple) or not entries:
        return None  # OwnerRequired
    found = [_owner(bytes(e)) for e in entries]
    return None if None in found else [o for o in found if o is not None]


def _unknown(factory: str, data: bytes, via: str) -> Call:
    """The factory's call as opaque code that writes the own account's code (``touches_own``)."""
    return Call(
        via=via,
        target=factory,
        name="initCode",
        selector="0x" + data[:4].hex(),
        known=False,
        touches_own=True,
    )


def deployment(f: Frame, account: str, init_code: bytes) -> Result:
    """What deploying ``account`` with ``init_code`` hands out (see the module docstring)."""
    init_code = bytes(init_code)
    if not init_code:
        return []
    if len(init_code) < 20:
        raise EvmDecodeError("initCode shorter than a factory address")
    factory, data = "0x" + init_code[:20].hex(), init_code[20:]
    shape = _SHAPES.get(data[:4])
    if shape is None:
        return [_unknown(factory, data, "erc4337.init_code")]
    try:
        args = decode_args(shape[1], data[4:])
    except EvmDecodeError:
        return [_unknown(factory, data, "erc4337.init_code")]
    owners = _owners(data[:4], args)
    if owners is None:  # the deployment reverts, and the whole operation with it
        return [_unknown(factory, data, "erc4337.init_code")]
    out: Result = [
        AuthorityChange(
            via="account.owner",
            account=account,
            new_authority=owner,
            authority_type="owner_passkey" if owner.startswith(PASSKEY_PREFIX) else "owner",
        )
        for owner in owners
        if owner != f.origin  # the request's signer owning the account it deploys: no handover
    ]
    if factory not in _KNOWN:
        out.append(_unknown(factory, data, "erc4337.init_code"))
    out.append("erc4337:init_code")
    return out
