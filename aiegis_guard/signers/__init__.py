"""Wrapped signers: the last line of defence, above the :class:`~aiegis_guard.guard.Guard`.

Nothing is imported here (eth-account, web3 and solders load only with their module)::

    approval.py        ApprovalRequest, approvers (deny_all, allow_all, ConsoleApprover), ask
    evm_account.py     GuardedAccount (eth-account LocalAccount wrapper)
    evm_middleware.py  guard_middleware (web3 v7/v8, sync and async)
    solana_keypair.py  GuardedKeypair (solders Keypair wrapper)
"""
