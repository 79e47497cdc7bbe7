"""Redis spend ledger for fleets of agent processes sharing one budget.

Per limit key two Redis keys, hash-tagged so a Redis Cluster keeps a namespace in one slot:
``{ns}:spend:<key>`` (hash: reservation id -> amount, plus ``=total``, the running sum) and
``{ns}:until:<key>`` (sorted set: reservation id -> the time it stops counting). Every
operation is **one Lua script**, atomic on the server: reserve drops what left the window or
expired (O(those entries)), compares ``total + amount`` with the limit and adds the reservation
to every key, or to none. Amounts use arbitrary-precision decimal arithmetic in Lua (wei
amounts exceed Lua's 2^53 doubles). Keys expire on their own once nothing in them counts.

The ``redis`` package is imported lazily; connection problems raise :class:`LedgerError`.
Timestamps come from the client's clock (seconds of skew are irrelevant to 24 h windows).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from aiegis_guard.errors import LedgerError
from aiegis_guard.ledger.base import DEFAULT_TTL, Clock, Refusal, SpendItem, SpendLedger

__all__ = ["RedisLedger"]

# Decimal strings as little-endian limbs of 10^7 (exact in Lua's doubles); a >= b in sub.
_LUA_LIB = """
local B = 10000000
local function big(s)
  local t, i = {}, #s
  while i >= 1 do
    local j = math.max(1, i - 6)
    t[#t + 1] = tonumber(string.sub(s, j, i))
    i = j - 1
  end
  if #t == 0 then t[1] = 0 end
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
local function sub(a, b)
  local r, c = {}, 0
  for i = 1, #a do
    local v = a[i] - (b[i] or 0) - c
    if v < 0 then r[i] = v + B; c = 1 else r[i] = v; c = 0 end
  end
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
local function total(h) return big(redis.call('HGET', h, '=total') or '0') end
local function remove(h, z, rid, t)
  local amount = redis.call('HGET', h, rid)
  if amount then
    t = sub(t, big(amount))
    redis.call('HDEL', h, rid)
  end
  redis.call('ZREM', z, rid)
  return t
end
-- drop what stopped counting; returns the live total
local function prune(h, z, now)
  local t = total(h)
  local gone = redis.call('ZRANGEBYSCORE', z, '-inf', now)
  for _, rid in ipairs(gone) do t = remove(h, z, rid, t) end
  if #gone > 0 then redis.call('HSET', h, '=total', str(t)) end
  return t
end
local function insert(h, z, rid, amount, untl, now)
  local t = remove(h, z, rid, total(h))
  redis.call('HSET', h, rid, amount, '=total', str(add(t, big(amount))))
  redis.call('ZADD', z, untl, rid)
  local last = redis.call('ZRANGE', z, -1, -1, 'WITHSCORES')
  local ms = math.ceil((tonumber(last[2]) - now) * 1000) + 1000
  redis.call('PEXPIRE', h, ms)
  redis.call('PEXPIRE', z, ms)
end
"""

# KEYS: hash, zset per item. ARGV: now, rid, expires, then per item: amount, limit|''.
_RESERVE = (
    _LUA_LIB
    + """
local now, rid, expires = tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3])
for i = 1, #KEYS, 2 do
  local amount, limit = ARGV[3 + i], ARGV[4 + i]
  local t = prune(KEYS[i], KEYS[i + 1], now)
  if limit ~= '' and cmp(add(t, big(amount)), big(limit)) > 0 then
    return {0, (i + 1) / 2, str(t)}
  end
end
for i = 1, #KEYS, 2 do insert(KEYS[i], KEYS[i + 1], rid, ARGV[3 + i], expires, now) end
return {1}
"""
)

# KEYS: hash, zset per item. ARGV: now, rid, then per item: amount, period.
_COMMIT = (
    _LUA_LIB
    + """
local now, rid = tonumber(ARGV[1]), ARGV[2]
for i = 1, #KEYS, 2 do
  -- replaces the pending entry, or records it again if it expired meanwhile
  insert(KEYS[i], KEYS[i + 1], rid, ARGV[2 + i], now + tonumber(ARGV[3 + i]), now)
end
return 1
"""
)

# KEYS: hash, zset per item. ARGV: rid.
_ROLLBACK = (
    _LUA_LIB
    + """
for i = 1, #KEYS, 2 do
  if redis.call('HEXISTS', KEYS[i], ARGV[1]) == 1 then
    local t = remove(KEYS[i], KEYS[i + 1], ARGV[1], total(KEYS[i]))
    redis.call('HSET', KEYS[i], '=total', str(t))
  end
end
return 1
"""
)

# KEYS: hash, zset. ARGV: now.
_SPENT = _LUA_LIB + "return str(prune(KEYS[1], KEYS[2], tonumber(ARGV[1])))"


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
        self._connecting = threading.Lock()  # threads sharing a fresh ledger connect once

    def _keys(self, items: Sequence[SpendItem]) -> list[str]:
        ns = self.namespace
        return [k for i in items for k in (f"{{{ns}}}:spend:{i.key}", f"{{{ns}}}:until:{i.key}")]

    def _redis(self) -> dict[str, Any]:
        """The registered scripts (connecting lazily, once, whichever thread comes first;
        redis-py reconnects by itself). The scripts are published before the client, so a
        thread that sees a client always finds them."""
        scripts = self._scripts
        if scripts:
            return scripts
        with self._connecting:
            if not self._scripts:
                self._scripts = self._connect()
            return self._scripts

    def _connect(self) -> dict[str, Any]:
        try:
            import redis
        except ImportError:
            raise LedgerError(
                "the Redis ledger needs the 'redis' package (pip install aiegis-guard[redis])"
            ) from None
        client = redis.Redis.from_url(
            self.url, socket_timeout=self.socket_timeout, decode_responses=True
        )
        sources = {"reserve": _RESERVE, "commit": _COMMIT, "rollback": _ROLLBACK, "spent": _SPENT}
        scripts = {n: client.register_script(src) for n, src in sources.items()}
        self._client = client
        return scripts

    def _run(self, script: str, items: Sequence[SpendItem], args: list[str]) -> Any:
        import redis

        fn = self._redis()[script]
        try:
            return fn(keys=self._keys(items), args=args)
        except redis.RedisError as exc:
            raise LedgerError(
                f"Redis ledger unreachable or failing: {type(exc).__name__}"
            ) from None

    def spent(self, key: str, period: timedelta | float) -> int:
        item = SpendItem(key, 0, None, 0.0)
        return int(self._run("spent", [item], [repr(self.clock())]))

    def reserve(self, rid: str, items: Sequence[SpendItem]) -> Refusal | None:
        now = self.clock()
        args = [repr(now), rid, repr(now + self.ttl)]
        for item in items:
            args += [str(item.amount), "" if item.limit is None else str(item.limit)]
        result = self._run("reserve", items, args)
        if int(result[0]) == 1:
            return None
        return Refusal(items[int(result[1]) - 1], int(result[2]))

    def commit(self, rid: str, items: Sequence[SpendItem]) -> None:
        args = [repr(self.clock()), rid]
        for item in items:
            args += [str(item.amount), repr(item.period)]
        self._run("commit", items, args)

    def rollback(self, rid: str, items: Sequence[SpendItem]) -> None:
        self._run("rollback", items, [rid])

    def close(self) -> None:
        with self._connecting:
            client, self._client, self._scripts = self._client, None, {}
        if client is not None:
            client.close()
