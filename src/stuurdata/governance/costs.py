# SPDX-License-Identifier: EUPL-1.2
"""Tenants: usage per gemeente and the platform cost split with the region's cost key.

The split is exact to the cent: every gemeente gets the floor of its exact share, and the cents
left over go one by one to the largest fractional remainders (ties: gemeentecode order), so the
parts always add up to the total (largest-remainder method). Usage is what the platform knows:
builds in the period, rows loaded per source and gemeente (where a row's gemeente is known from
its gemeentecode, buurtcode or wijkcode), requests by users of each gemeente from the audit log,
and data requests handled per gemeente.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import Engine

from stuurdata.errors import Problem, ProblemsError
from stuurdata.workspace import Workspace

SHARED = "gedeeld"
"""Usage that belongs to no single gemeente (e.g. a source without area codes)."""
_PERIOD = re.compile(r"^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$")
_AREA_COLUMNS = (("gemeentecode", 2), ("buurtcode", 2), ("wijkcode", 2))


class CostError(ProblemsError):
    """The period, amount or cost key cannot be used."""


def _error(rule: str, message: str, found: str | None = None) -> CostError:
    return CostError(
        "kostenverdeling niet mogelijk", [Problem("kosten", rule, message, found=found)]
    )


@dataclass(frozen=True)
class Period:
    """A half-open date range [start, end) with its label (``2026-Q3``, ``2026-07``, ``2026``)."""

    label: str
    start: dt.date
    end: dt.date

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PERIOD.match(text.strip())
        if match is None:
            raise _error("periode", "periode als JJJJ, JJJJ-Qn of JJJJ-MM, bijv. 2026-Q3", text)
        year = int(match.group(1))
        if match.group(2):
            first = (int(match.group(2)) - 1) * 3 + 1
            start, months = dt.date(year, first, 1), 3
        elif match.group(3):
            start, months = dt.date(year, int(match.group(3)), 1), 1
        else:
            start, months = dt.date(year, 1, 1), 12
        month = start.month - 1 + months
        end = dt.date(year + month // 12, month % 12 + 1, 1)
        return cls(text.strip(), start, end)

    @classmethod
    def current_quarter(cls, today: dt.date | None = None) -> Period:
        today = today or dt.datetime.now(dt.UTC).date()
        return cls.parse(f"{today.year}-Q{(today.month - 1) // 3 + 1}")

    def contains(self, moment: dt.date | dt.datetime) -> bool:
        day = moment.date() if isinstance(moment, dt.datetime) else moment
        return self.start <= day < self.end


def parse_amount(text: str) -> int:
    """An amount in euros (``120000``, ``120000.50``, ``120.000,50``) as whole cents."""
    cleaned = text.strip().replace("€", "").replace(" ", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except ArithmeticError:
        raise _error("bedrag", "bedrag in euro's, bijv. 120000 of 120000,50", text) from None
    if not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.01")):
        raise _error("bedrag", "een positief bedrag in hele centen", text)
    return int(value * 100)


def split_cents(total_cents: int, weights: Mapping[str, float | str | Fraction]) -> dict[str, int]:
    """Split ``total_cents`` over the keys in proportion to ``weights``, exactly.

    Weights are read as decimals (``1.17`` is 117/100, not the nearest float). Every part is
    the floor of its exact share or one cent more; the parts add up to ``total_cents``.
    """
    if total_cents < 0:
        raise _error("bedrag", "een negatief bedrag kan niet verdeeld worden", str(total_cents))
    exact = {
        code: Fraction(str(w)) if not isinstance(w, Fraction) else w for code, w in weights.items()
    }
    if not exact or any(w <= 0 for w in exact.values()):
        raise _error("kostensleutel", "de kostensleutel heeft alleen gewichten groter dan 0")
    whole = sum(exact.values(), Fraction(0))
    shares = {code: total_cents * w / whole for code, w in exact.items()}
    parts = {code: share.numerator // share.denominator for code, share in shares.items()}
    left = total_cents - sum(parts.values())
    order = sorted(shares, key=lambda code: (-(shares[code] - parts[code]), code))
    for code in order[:left]:
        parts[code] += 1
    return parts


@dataclass
class TenantUsage:
    """Usage of one gemeente (or of the shared platform, :data:`SHARED`)."""

    code: str
    name: str
    weight: float | None = None
    """Its weight in the cost key."""
    share_cents: int | None = None
    """Its part of the amount, in cents."""
    rows_loaded: dict[str, int] = field(default_factory=dict)
    """Rows loaded per source in the served version."""
    requests: int = 0
    """Requests by its users that reached non-public data (audit log) in the period."""
    data_requests_handled: int = 0
    """Data requests of this gemeente that were delivered in the period."""

    @property
    def rows_total(self) -> int:
        return sum(self.rows_loaded.values())


@dataclass
class CostReport:
    period: Period
    total_cents: int | None
    builds: int
    """Builds in the period among the kept versions."""
    tenants: list[TenantUsage]

    @property
    def key_total(self) -> float:
        return sum(t.weight or 0 for t in self.tenants)


def _cost_key(ws: Workspace) -> dict[str, float]:
    region = ws.config.region
    codes = [t.code for t in ws.config.tenants]
    if region is not None and region.cost_key:
        missing = sorted(set(codes) - set(region.cost_key))
        if missing:
            raise _error("kostensleutel", f"geen gewicht voor {', '.join(missing)}")
        return {code: region.cost_key[code] for code in codes}
    return dict.fromkeys(codes, 1.0)


def _builds(ws: Workspace, period: Period) -> int:
    from stuurdata.warehouse.manifest import Manifest

    folder = ws.root / ws.config.engine.path / "versions"
    count = 0
    for path in sorted(folder.glob("*.manifest.json")):
        try:
            manifest = Manifest.model_validate_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        count += period.contains(manifest.finished_at)
    return count


def _rows_per_gemeente(ws: Workspace) -> dict[str, dict[str, int]]:
    """gemeentecode (or :data:`SHARED`) -> source -> rows loaded, from the served version."""
    from stuurdata.warehouse import open_current

    version = open_current(ws.root, ws.config.engine.path)
    found: dict[str, dict[str, int]] = {}
    if version is None:
        return found
    con = version.connect()
    try:
        for source in version.manifest.sources:
            columns = {
                str(r[0])
                for r in con.execute(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_schema = 'raw' AND table_name = ?",
                    [source.name],
                ).fetchall()
            }
            column = next((c for c, _ in _AREA_COLUMNS if c in columns), None)
            if column is None:
                found.setdefault(SHARED, {})[source.name] = source.rows_loaded
                continue
            rows = con.execute(
                f'SELECT \'GM\' || substr("{column}", 3, 4), count(*) FROM raw."{source.name}" '
                "GROUP BY 1"
            ).fetchall()
            for code, count in rows:
                key = str(code) if code else SHARED
                found.setdefault(key, {})[source.name] = int(count)
    finally:
        con.close()
    return found


def _requests_per_gemeente(engine: Engine, period: Period) -> Counter[str]:
    """Audit-log lines in the period per gemeente of the user (users of several: shared)."""
    from stuurdata.governance.accounts import Accounts
    from stuurdata.governance.audit import AuditLog

    users = {user.id: user for user in Accounts(engine).all()}
    counts: Counter[str] = Counter()
    for line in AuditLog(engine).lines():
        moment = dt.datetime.fromisoformat(str(line.get("at")))
        if not period.contains(moment):
            continue
        user = users.get(str(line.get("actor")))
        gemeenten = sorted(user.gemeenten) if user else []
        counts[gemeenten[0] if len(gemeenten) == 1 else SHARED] += 1
    return counts


def cost_report(ws: Workspace, period: Period, total_cents: int | None = None) -> CostReport:
    """Usage per gemeente in ``period`` and, given an amount, its split with the cost key."""
    from stuurdata.appdb import open_app_database
    from stuurdata.governance.intake_store import handled_per_gemeente

    key = _cost_key(ws)
    parts = split_cents(total_cents, key) if total_cents is not None else {}
    rows = _rows_per_gemeente(ws)
    database = open_app_database(ws.root)
    try:
        requests = _requests_per_gemeente(database.engine, period)
        handled = handled_per_gemeente(database.engine, period.start, period.end)
    finally:
        database.dispose()
    tenants = [
        TenantUsage(
            code=tenant.code,
            name=tenant.name,
            weight=key[tenant.code],
            share_cents=parts.get(tenant.code),
            rows_loaded=dict(sorted(rows.get(tenant.code, {}).items())),
            requests=requests.get(tenant.code, 0),
            data_requests_handled=handled.get(tenant.code, 0),
        )
        for tenant in ws.config.tenants
    ]
    known = {t.code for t in tenants}
    shared_rows: dict[str, int] = {}
    for code, per_source in rows.items():
        if code not in known:
            for source, count in per_source.items():
                shared_rows[source] = shared_rows.get(source, 0) + count
    shared_requests = sum(n for code, n in requests.items() if code not in known)
    shared_handled = sum(n for code, n in handled.items() if code not in known)
    if shared_rows or shared_requests or shared_handled:
        tenants.append(
            TenantUsage(
                SHARED,
                "gedeeld (regio)",
                rows_loaded=dict(sorted(shared_rows.items())),
                requests=shared_requests,
                data_requests_handled=shared_handled,
            )
        )
    return CostReport(period, total_cents, _builds(ws, period), tenants)


def euros(cents: int) -> str:
    """``12345678`` -> ``€ 123.456,78`` (Dutch notation)."""
    whole, rest = divmod(cents, 100)
    return f"€ {whole:,}".replace(",", ".") + f",{rest:02d}"
