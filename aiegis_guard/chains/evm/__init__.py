"""EVM: decoding and inspection (imports web3 / eth-*; the signer wrappers are in ``signers/``).

Nothing is imported here: ``import aiegis_guard`` stays light. Modules, by step::

    decode.py      decode_evm / decode_typed_data / decode_message (the dispatch contract)
    operations.py  Envelope -> operations -> DecodedTransaction (shared by decode / messages)
    messages.py    eth_sign / personal_sign by shape: transactions, digests, SIWE, typed text
    envelope.py    tx dicts and raw RLP (legacy, 2930, 1559, 4844, 7702) -> Envelope
    calldata.py    selector -> handler, bounded recursion into wrappers
    tokens.py      ERC-20/721/1155, EIP-2612 / DAI permits, Permit2 handlers
    wrappers.py    multicall, Multicall3, Safe, smart accounts (4337 / 7579), UniversalRouter
    abi.py         strict bounded ABI reader;  frames.py  call-frame state
    selectors.py   data: selectors, EIP-712 permit types, built-in spenders (with provenance)
    typed_data.py  EIP-712 validation and permit recognition
    typed_shapes.py  typed data as ethers / eth_account pass it, read as v4's
    embedded.py    calls carried at any offset of an opaque call (parallel.py: parallel arrays)
    inspect.py     inspect_evm: the generic rules (chains/inspect.py) + EVM-only rules
"""
