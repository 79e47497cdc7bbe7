"""English vocabulary shared by the wallet-agent frames (data): verbs that move value,
payee nouns, change cues, secret nouns, the user as a third party, prior consent."""

from __future__ import annotations

__all__ = ["CHANGED", "CONSENT", "DO", "KEYS", "PAYEE", "PRIOR", "SEND", "USER", "VALUE", "all__"]

all__ = ["WALLET_DRAINER", "WALLET_INJECTION"]

SEND = (
    "send|transfer|pay|route|forward|deposit|wire|remit|move|withdraw|bridge|sweep|migrate|"
    "sends|transfers|payments|payouts|withdrawals|deposits|funds|go|goes"
)

DO = (  # an imperative that moves value
    "send|transfer|pay|deposit|wire|move|withdraw|bridge|sweep|migrate|approve|sign|connect|"
    "claim|stake|swap|authorize|evacuate|relocate|forward"
)

VALUE = (  # words of moving value (for cues that need a wallet context)
    "send|transfer|pay|withdraw|approve|sign|bridge|swap|deposit|wire|sweep|migrate|stake|"
    "delegate|route|forward|@addr|@amount|transaction|transactions|transfers|payment|"
    "payments|withdrawal|withdrawals|fee|tip|address|recipient|wallet|funds|tokens|"
    "substitute|original task|the user's request|the user request|allowance|approval|"
    "signature|payout|payouts|balance"
)

PAYEE = (
    "deposit address*|recipient*|receiving address*|receiving wallet*|wallet address*|"
    "treasury address*|treasury wallet*|destination address*|destination wallet*|"
    "payout address*|payout wallet*|withdrawal address*|payment address*|vault address*|"
    "beneficiary|beneficiaries|receiver*|payee*|settlement address*|settlement wallet*|"
    "merchant address*|merchant wallet*|deposit wallet*|to address|receive address*|"
    "address book entry|saved address*|whitelisted address*|allowlisted address*|"
    "trusted address*|default address*|payout account*|wallet on file|address on file"
)

CHANGED = (
    "changed|updated|moved|migrated|rotated|replaced|switched|modified|redirected|rerouted|"
    "re-routed|diverted|reassigned|remapped|overridden|superseded|deprecated|retired|"
    "outdated|out of date|obsolete|stale|invalid|no longer valid|no longer in use|"
    "no longer active|no longer used|no longer works|decommissioned|compromised"
)

KEYS = (
    "private key*|seed phrase*|seed words|mnemonic*|recovery phrase*|secret phrase*|"
    "secret recovery phrase*|keystore*|wallet password*|12 words|24 words|12-word|24-word|"
    "signing key*|master key*|wallet key*|privkey|secret key*|passphrase|backup phrase*|"
    "wallet seed|key file|keyfile|wallet.dat|json keystore|xprv|extended private key"
)

USER = (
    "the user|the user's|your user|your user's|the owner|the owner's|the human|your human|"
    "the account owner|the account holder|the wallet owner|your principal|the client|"
    "the customer|your owner|the requester|your operator"
)

PRIOR = (
    "earlier|previously|already|yesterday|last time|last week|last session|in advance|"
    "beforehand|in a previous|in the previous|in an earlier|in the last|this morning|"
    "in the past|in our last|prior|pre-approved|preapproved|on record|standing|a while ago|"
    "during setup|at setup|at onboarding|when we spoke|in the earlier|before"
)

CONSENT = (
    "agreed|approved|confirmed|consented|authorized|authorised|okayed|ok'd|signed off|"
    "said yes|said it's fine|said it is fine|said ok|said okay|said it's okay|"
    "said it was okay|said it's ok|said that's fine|is fine with|is okay with|is ok with|"
    "doesn't mind|does not mind|gave permission|"
    "gave the go-ahead|gave consent|green-lit|greenlit|permitted|whitelisted|opted in"
)
