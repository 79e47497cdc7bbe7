"""Token-2022 transfer-fee extension -> who gets the withheld fees, who may set them.

Source: solana-labs/solana-program-library ``token/program-2022/src/extension/transfer_fee/
instruction.rs`` (``TokenInstruction::TransferFeeExtension`` = 26, then
``TransferFeeInstruction``: 0 ``InitializeTransferFeeConfig``, 1 ``TransferCheckedWithFee``
(an SPL transfer, ``operations.py``), 2 ``WithdrawWithheldTokensFromMint``,
3 ``WithdrawWithheldTokensFromAccounts``, 4 ``HarvestWithheldTokensToMint``,
5 ``SetTransferFee``); layouts in :mod:`.programs`.

* A withdrawal of withheld fees pays *all* of them (an amount the mint holds, not in the
  request) into the destination account: a :class:`Receipt` of unknown amount, the own
  account's when the destination is its own, else an output paid away (``swap_recipient``).
* ``InitializeTransferFeeConfig`` names the authorities of a new mint: who may change the
  fee and who may withdraw the withheld fees (:class:`AuthorityChange` each).
* Harvesting (permissionless, into the mint) and setting the fee move nothing: known calls.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiegis_guard.chains.solana.defi import spl_token
from aiegis_guard.chains.solana.layout import Ix, known
from aiegis_guard.chains.transaction import AuthorityChange, Operation, Receipt

__all__ = ["TOKEN_FEE_BUILDERS"]


def _withheld(ix: Ix, refs: Any) -> list[Operation]:
    acc = ix.acc
    via = "spl.withdraw_withheld_tokens"
    asset = spl_token(acc["mint"])
    return [Receipt(via=via, asset=asset, recipient=acc["destination"], amount=None)]


def _fee_config(ix: Ix, refs: Any) -> list[Operation]:
    mint, a = ix.acc["account"], ix.args
    ops: list[Operation] = [
        AuthorityChange(
            via="spl.set_authority",
            account=mint,
            new_authority=a[arg],
            authority_type=kind,
        )
        for arg, kind in (
            ("transfer_fee_config_authority", "transfer_fee_config"),
            ("withdraw_withheld_authority", "withheld_withdraw"),
        )
        if a[arg] is not None
    ]
    return ops or known(ix)


_Builder = Callable[[Ix, Any], list[Operation]]
TOKEN_FEE_BUILDERS: dict[tuple[str, str], _Builder] = {
    ("token", "InitializeTransferFeeConfig"): _fee_config,
    ("token", "WithdrawWithheldTokensFromMint"): _withheld,
    ("token", "WithdrawWithheldTokensFromAccounts"): _withheld,
    ("token", "HarvestWithheldTokensToMint"): known,
    ("token", "SetTransferFee"): known,
    # account switches (programs.TOKEN_2022_EXTENSION_LAYOUTS 30 / 34): nothing moves; what a
    # transaction does after turning the CPI guard off is judged by itself
    ("token", "EnableRequiredMemoTransfers"): known,
    ("token", "DisableRequiredMemoTransfers"): known,
    ("token", "EnableCpiGuard"): known,
    ("token", "DisableCpiGuard"): known,
}
