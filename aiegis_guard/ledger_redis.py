"""Redis spend ledger for fleets of agent processes sharing one budget.

One hash per limit key (``{namespace}:spend:<key>``, hash-tagged so a Redis Cluster keeps a
namespace in one slot): field = reservation id, value = ``"<amount> <ts> <expires|->"``.
Check-and-reserve is **one Lua script** (atomic on the server): it drops entries outside the
sliding window and expired pending ones, sums the rest with arbitrary-precision decimal
arithmetic (wei amounts exceed Lua's 2^53 doubles), compares with the limit and adds the
reservation to every key, or to none. Cost: O(entries in the window) per reserve.

The ``redis`` package is imported lazily; connection problems raise :class:`LedgerError`.
Timestamps come from the client's clock (seconds of skew are irrelevant to 24 h windows).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from aiegis_guard.errors import LedgerError
from aiegis_guard.ledger import DEFAULT_TTL, Clock, Refusal, SpendItem, SpendLedger, _seconds

__all__ = ["RedisLedger"]

# Decimal strings as little-endian limbs of 10^7 (exact in Lua's doubles).
_LUA_BIGNUM = """
local B = 10000000
local function big(s)
  local t, i = {}, #s
  while i >= 1 do
    local j = math.max(1, i - 6)
    t[#t + 1] = tonumber(string.sub(s, j, i))
    i = j - 1
  end
  return t
end
local function add(a, b)
  local r, c = {}, 0
  for i = 1, math.max(#a, #b) do
    local v = (a[i] or 0) + (b[i] or 0) + c
    if v >= B then r[i] = v - B; c = 1 else r[i] = v; c = 0 end
  end
  if c > 0 then r[#r + 1] = c end
  return r
end
local function cmp(a, b)
  local na, nb = #a, #b
  while na > 1 and a[na] == 0 do na = na - 1 end
  while nb > 1 and b[nb] == 0 do nb = nb - 1 end
  if na ~= nb then return na < nb and -1 or 1 end
  for i = na, 1, -1 do
    if a[i] ~= b[i] then return a[i] < b[i] and -1 or 1 end
  end
  return 0
end
local function str(a)
  local n = #a
  while n > 1 and a[n] == 0 do n = n - 1 end
  local parts = {string.format('%d', a[n] or 0)}
  for i = n - 1, 1, -1 do parts[#parts + 1] = string.format('%07d', a[i]) end
  return table.concat(parts)
end
-- live sum of one key; prune = delete what left the window / expired
local function window(key, now, period, prune)
  local total = {0}
  local flat = redis.call('HGETALL', key)
  for i = 1, #flat, 2 do
    local amount, ts, exp = string.match(flat[i + 1], '^(%d+) (%S+) (%S+)$')
    local live
    if exp == '-' then live = tonumber(ts) > now - period else live = tonumber(exp) > now end
    if live then total = add(total, big(amount))
    elseif prune then redis.call('HDEL', key, flat[i]) end
  end
  return total
end
"""

# KEYS: one hash per item. ARGV: now, rid, expires, then per item: period, amount, limit|''.
_RESERVE = (
    _LUA_BIGNUM
    + """
local now, rid, expires = tonumber(ARGV[1]), ARGV[2], ARGV[3]
for i, key in ipairs(KEYS) do
  local base = 3 + (i - 1) * 3
  local period, amount, limit = tonumber(ARGV[base + 1]), ARGV[base + 2], ARGV[base + 3]
  local total = window(key, now, period, true)
  if limit ~= '' and cmp(add(total, big(amount)), big(limit)) > 0 then
    return {0, i, str(total)}
  end
end
for i, key in ipairs(KEYS) do
  local base = 3 + (i - 1) * 3
  redis.call('HSET', key, rid, ARGV[base + 2] .. ' ' .. ARGV[1] .. ' ' .. expires)
  redis.call('PEXPIRE', key, math.ceil((tonumber(ARGV[base + 1]) + tonumber(expires) - now) * 1000))
end
return {1}
"""
)

# KEYS: the key. ARGV: now, period.
_SPENT = _LUA_BIGNUM + "return str(window(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), false))"


class RedisLedger(SpendLedger):
    """Shared ledger in Redis (``[ledger] backend = "redis"``, ``url = "redis://..."``)."""

    def __init__(
        self,
        url: str,
        *,
        namespace: str = "aiegis",
        ttl: float = DEFAULT_TTL,
        clock: Clock = time.time,
        socket_timeout: float = 2.0,
    ) -> None:
        super().__init__(namespace=namespace, ttl=ttl, clock=clock)
        self.url = url
        self.socket_timeout = socket_timeout
        self._client: Any = None
        self._scripts: dict[str, Any] = {}

    def _k(self, key: str) -> str:
        return f"{{{self.namespace}}}:spend:{key}"

    def _redis(self) -> Any:
        if self._client is None:
            try:
                import redis
            except ImportError:
                raise LedgerError(
                    "the Redis ledger needs the 'redis' package (pip install aiegis-guard[redis])"
                ) from None
            self._client = redis.Redis.from_url(
                self.url, socket_timeout=self.socket_timeout, decode_responses=True
            )
            self._scripts = {
                "reserve": self._client.register_script(_RESERVE),
                "spent": self._client.register_script(_SPENT),
            }
        return self._client

    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        import redis

        try:
            return fn(*args, **kwargs)
        except redis.RedisError as exc:
            raise LedgerError(
                f"Redis ledger unreachable or failing: {type(exc).__name__}"
            ) from None

    def spent(self, key: str, period: timedelta | float) -> int:
        self._redis()
        now, p = repr(self.clock()), repr(_seconds(period))
        return int(self._call(self._scripts["spent"], keys=[self._k(key)], args=[now, p]))

    def reserve(self, rid: str, items: Sequence[SpendItem]) -> Refusal | None:
        self._redis()
        now = self.clock()
        args: list[str] = [repr(now), rid, repr(now + self.ttl)]
        for item in items:
            args += [
                repr(item.period),
                str(item.amount),
                "" if item.limit is None else str(item.limit),
            ]
        keys = [self._k(i.key) for i in items]
        result = self._call(self._scripts["reserve"], keys=keys, args=args)
        if int(result[0]) == 1:
            return None
        return Refusal(items[int(result[1]) - 1], int(result[2]))

    def commit(self, rid: str, items: Sequence[SpendItem]) -> None:
        client = self._redis()
        now = self.clock()
        pipe = client.pipeline(transaction=True)
        for item in items:
            key = self._k(item.key)
            pipe.hset(key, rid, f"{item.amount} {now!r} -")
            pipe.pexpire(key, int((item.period + self.ttl) * 1000))
        self._call(pipe.execute)

    def rollback(self, rid: str, items: Sequence[SpendItem]) -> None:
        client = self._redis()
        pipe = client.pipeline(transaction=True)
        for item in items:
            pipe.hdel(self._k(item.key), rid)
        self._call(pipe.execute)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
