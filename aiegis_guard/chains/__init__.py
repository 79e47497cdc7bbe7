"""Transaction and signature inspection. ``chains/evm`` and ``chains/solana`` own their SDKs."""
