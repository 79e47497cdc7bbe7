"""EVM: decoding, inspection, key derivation and signer wrappers (imports web3 / eth-*)."""
