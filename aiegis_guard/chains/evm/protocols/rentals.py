"""ERC-4907 rentable NFTs: the ``user`` role of one token, until ``expires``.

Source: EIP-4907 (``IERC4907``): ``setUser(uint256 tokenId, address user, uint64 expires)``,
callable by the token's owner or an approved operator: ``user`` may use the token (games,
metaverse land, memberships) until the UNIX time ``expires``; ``user`` 0 clears the role.
The role is a grant of the one token to ``user`` that ends at ``expires`` (an expiring grant:
short-lived to a stranger FLAGs, one that never ends, ``type(uint64).max``, BLOCKs like any
standing grant to a party nobody allowlisted).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.transaction import Approval, AssetKind

__all__ = ["TABLE"]


def _set_user(f: Frame, fn: Function, a: list[Any]) -> Result:
    token_id, user, expires = a
    grant = Approval(
        via="erc4907.set_user",
        asset=asset(f.target, AssetKind.NFT),
        owner=f.sender,
        spender=user,
        amount=1,
        revoke=user == ZERO,
        deadline=expires,
        token_id=token_id,
    )
    return [grant]


TABLE = (("setUser(uint256,address,uint64)", _set_user),)
