"""Wallet-agent requests in English (data): approvals and permits, secrets, sweeps, lures.

The frames of :mod:`~aiegis_guard.scanners.wallet_phrasebook` for what an injected text
*asks for* rather than where it sends: unlimited / operator approvals (also written as
code: ``approve(spender, MAX)``), permit signatures in any language (``EIP-2612``), secret
material put in answers, memos or parameters, sweeps of the whole balance, and lures (a
security alert, a claim or a 'safe vault' with a link or address). Request frames are
``neg=True`` where docs warn about the same words.
"""

from __future__ import annotations

from aiegis_guard.scanners.phrases.match import P, Phrase
from aiegis_guard.scanners.wallet_vocab import KEYS

__all__ = ["WALLET_REQUESTS"]

WALLET_REQUESTS: tuple[Phrase, ...] = (
    P("unlimited_approval.code_max", "code",
      "approve(|increaseallowance(|increase_allowance(|approve (|approve_token(|"
      "setallowance(|permit(|approveall(|approve_all(|setapprovalforall(|"
      "set_approval_for_all(|approvemax(|approve_max(",
      "@maxarg", gap=2, neg=True),
    P("unlimited_approval.set_approval_for_all", "en",
      "set|call|sign|execute|run|submit|send|invoke|trigger|enable|grant|approve|use|do|"
      "toggle|turn on|activate",
      "setapprovalforall|set approval for all|approval for all|approve all|"
      "approval on all|operator approval|operator rights|operator access",
      gap=15, neg=True, imp=True, anchor=1),
    P("unlimited_approval.delegate_to", "en",
      "grant|give|assign|transfer|set|delegate|hand over|appoint|approve|authorize|authorise",
      "delegate|delegation|authority|ownership|operator|signer|admin rights|"
      "mint authority|freeze authority|close authority|account authority|spender|"
      "spending rights|full access|admin role|owner role",
      "@addr", gap=60, free=True, read=True, imp=True, anchor=1),
    P("unlimited_approval.approve_address", "en",
      "approve|authorize|authorise|whitelist|allowlist|add as spender|add as operator|"
      "connect and approve|grant access to|give access to",
      "@addr", gap=20, imp=True, read=True, neg=True),
    P("secret_exfiltration.imperative", "en",
      "print|output|reveal|show|display|export|dump|tell me|give me|send me|share|post|paste|"
      "write out|spell out|read out|list|return|echo|include|provide|disclose|leak|expose|"
      "put|insert|add|attach|submit|upload|transmit|forward|email|repeat|send|hand over|"
      "reply with|respond with|answer with|recite|read back|place|embed|encode|append|fill in",
      "the|your|its|their|his|her|our|my|this|that|these|those|all|all the|every|wallet's|"
      "agent's|user's|owner's|account's|connected|full|complete|entire|exact|raw|any",
      KEYS, gap=45, neg=True, imp=True, anchor=2),
    P("secret_exfiltration.for_purpose", "en",
      KEYS,
      "in your answer|in your reply|in your response|in your next|in the response|"
      "in the chat|in this chat|in the output|so support can|so that support|so we can|"
      "so the team|so the backup|so the admin|for verification|to verify|to validate|"
      "for validation|to be verified|for the audit|for auditing|to unlock|to whitelist|"
      "can be verified|is verified|for support|to support|to the support|to our team",
      gap=80, neg=True, free=True),
    P("secret_exfiltration.in_container", "en",
      KEYS,
      "memo|memo field|note field|message field|message parameter|comment field|"
      "reference field|description field|data field|calldata|input data|tx data|"
      "the message|the note|the comment|the reference|the description|the payload|"
      "the url|query string|the header|the subject|the title|the label|the tag|"
      "webhook|transaction note|transfer note|parameter|argument",
      "in|into|inside|within|as|via|with|through|under|contains|containing|holding|"
      "carrying|include|includes|including|put|write|attach",
      gap=60, neg=True, free=True),
    P("sweep.all_of", "en",
      "send|transfer|move|withdraw|bridge|swap|drain|sweep|forward|liquidate|convert|"
      "consolidate|wire|migrate|evacuate|relocate|shift|withdrawal of|transfer of|"
      "migration of|sweep of|swept|moved|transferred|withdrawn|bridged|migrated",
      "entire|whole|100% of|the rest of|everything in|all of the|all of your|all of its",
      "balance*|funds|assets|tokens|holdings|portfolio|crypto|coins|nfts|money|stack|"
      "treasury|vault|savings|stablecoins",
      gap=22, neg=True, read=True, anchor=1),
    P("lure.safe_place", "en",
      "move|transfer|send|migrate|sweep|withdraw|bridge|evacuate|deposit|put|store|keep|"
      "relocate|shift|swept|moved|transferred|sent|migrated",
      "secure|safe|safety|recovery|protected|protection|backup|emergency|quarantine|cold|"
      "insured|rescue|isolated|escrow|holding|temporary|migration|hardened|shielded|guardian",
      "vault|wallet|address|storage|account|safe|contract|multisig|custody",
      "@addr|@url", gap=40, neg=True, read=True, anchor=1),
    P("lure.threat_then_move", "en",
      "move|transfer|send|migrate|withdraw|sweep|bridge|evacuate|secure|revalidate|"
      "re-validate|verify|validate|sync|resync|reconnect|connect|claim|approve|sign|upgrade|"
      "complete|finish|submit|log in|sign in|go to|visit|open|click|re-verify|reverify|"
      "reactivate|restore|unlock|revoke|swap|update|confirm|protect|recover",
      "suspicious|compromised|exploit*|vulnerab*|breach*|hacked|hack|security incident|"
      "unauthorized|unauthorised|critical bug|at risk|drainer|security alert|"
      "security warning|security notice|security team|leaked|leak|locked|frozen|suspended|"
      "deactivat*|flagged|paused|restricted|compliance|aml|kyc|unverified|unusual|"
      "emergency|scheduled for|upgrade required|mandatory upgrade|snapshot|expire*|"
      "expiring|lose access|losing access|blocked|blacklisted|sanctioned|incident|"
      "phishing|malicious|attack",
      "@addr|@url", gap=150, free=True, read=True, imp=True, anchor=1),
    P("lure.claim", "en",
      "connect|approve|sign|verify|validate|send|deposit|pay|transfer|authorize|import|"
      "submit|confirm|link|claim",
      "claim|airdrop|reward*|bonus|giveaway|refund|compensation|reimbursement|allocation|"
      "whitelist spot|presale|mint pass|free mint|eligibility|eligible",
      "@url|@addr", gap=90, free=True, read=True, imp=True, anchor=1),
    P("permit_signature.eip2612", "multi",
      "sign|signe|signez|firma|firme|assine|assina|signiere|unterschreibe|unterzeichne|"
      "подпиши|подпишите|签署|签名|签一下|approve|confirm|submit",
      "eip-2612|eip2612|eip 2612|permit2|permitsingle|permitbatch|permittransferfrom|"
      "permit (eip|permiso|permissão|permis|genehmigung|разрешение|许可",
      "eip-2612|eip2612|eip 2612|permit2|uint256|@addr|max|máxim*|maxim*|illimit*|ilimitad*|"
      "unbegrenzt*|неограниченн*|максимальн*|无限|最大",
      gap=60, free=True, neg=True, imp=True, anchor=1),
    P("unlimited_approval.set_approval_for_all", "multi",
      "activa|habilita|llama|ejecuta|firma|establece|configura|ative|chame|assine|defina|"
      "active|appelle|exécute|signe|définis|aktiviere|rufe|führe|signiere|setze|включи|"
      "вызови|выполни|подпиши|установи|调用|执行|签名|设置|开启|启用",
      "setapprovalforall|set approval for all|set_approval_for_all", gap=15, neg=True,
      imp=True, anchor=1),
)  # fmt: skip
