"""The rule families of the phrase books (data): ``<category>.<family>`` is the public rule
id (``injection.override``, ``drainer.sweep``), with its severity and what it means. A rule
in a book names its family first (``sweep.all_funds``); an unknown family fails at load."""

from __future__ import annotations

from collections.abc import Mapping

from aiegis_guard.findings import Category, Severity

__all__ = ["DRAINER_FAMILIES", "ESCALATING", "FAMILIES", "INJECTION_FAMILIES"]

INJECTION_FAMILIES: Mapping[str, tuple[Severity, str]] = {
    "override": (Severity.HIGH, "instruction override"),
    "persona": (Severity.MEDIUM, "role / persona hijack"),
    "prompt_leak": (Severity.MEDIUM, "system-prompt exfiltration request"),
    "fake_authority": (Severity.HIGH, "text claims authority over the agent"),
    "indirection": (Severity.MEDIUM, "asks the agent to obey another source"),
    "urgency": (Severity.MEDIUM, "social proof / urgency to skip confirmation"),
}
DRAINER_FAMILIES: Mapping[str, tuple[Severity, str]] = {
    "redirect": (Severity.HIGH, "recipient / deposit address override"),
    "function_substitution": (Severity.HIGH, "tool / function substitution"),
    "parameter_tampering": (Severity.MEDIUM, "amount / token / bridge tampering"),
    "skim": (Severity.HIGH, "skim-then-proceed payment instruction"),
    "secret_exfiltration": (Severity.HIGH, "asks to reveal or send wallet secrets"),
    "unlimited_approval": (Severity.HIGH, "asks for an unlimited / operator approval"),
    "permit_signature": (Severity.HIGH, "asks to sign a permit or blind message"),
    "sweep": (Severity.HIGH, "asks to move all funds"),
    "lure": (Severity.HIGH, "phishing lure: security alert, migration or claim with a link"),
}
ESCALATING = frozenset({"redirect", "skim", "sweep", "lure"})
"""Drainer families that escalate next to an unknown address or an amount."""

FAMILIES: Mapping[Category, Mapping[str, tuple[Severity, str]]] = {
    Category.INJECTION: INJECTION_FAMILIES,
    Category.DRAINER: DRAINER_FAMILIES,
}
