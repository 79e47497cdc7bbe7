"""Zodiac Roles modifier: members given roles over the avatar (a Safe).

Source: gnosisguild/zodiac-modifier-roles ``packages/evm/contracts/Roles.sol``
(``assignRoles(address module, bytes32[] roleKeys, bool[] memberOf) onlyOwner``: each
``roleKeys[i]`` granted to (``true``) or taken from (``false``) ``module``, arrays of equal
length or it reverts, and ``module`` enabled on the modifier; a member then executes the
role's scoped calls as the avatar through ``execTransactionWithRole``). The modifier's owner
is the avatar's Safe in the deployments the Zodiac app makes (owner = avatar = the Safe).

A role granted is an authority over the calling account (the Safe that owns the modifier):
``role_member`` to ``module``; a request that only revokes grants nothing. A Roles modifier
is a proxy deployed per Safe: no canonical address to pin, so the call stays an unknown call
on the modifier too (the contract may be anything), and the grant it names is judged beside
it (a stranger made a member BLOCKs whatever the contract is).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import AuthorityChange
from aiegis_guard.errors import EvmDecodeError

__all__ = ["TABLE"]


def _assign_roles(f: Frame, fn: Function, a: list[Any]) -> Result:
    module, keys, member_of = a
    if len(keys) != len(member_of):
        raise EvmDecodeError("assignRoles: roleKeys and memberOf differ in length")
    out: Result = [named_call(f, fn, known=False, names=(module,))]
    if f.sender is not None and any(member_of):
        grant = AuthorityChange(
            via="zodiac.assign_roles",
            account=f.sender,
            new_authority=module,
            authority_type="role_member",
            current_authority=f.sender,
        )
        out.append(grant)
    return out


TABLE = (("assignRoles(address,bytes32[],bool[])", _assign_roles),)
