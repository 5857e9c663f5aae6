"""``profile``: create, use, list, show, connect and test profiles."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import datetime

from ordinavo_desk.cli.exit_codes import (
    EXIT_FAILURE,
    EXIT_FORBIDDEN,
    EXIT_KEY_REFUSED,
    EXIT_OK,
    EXIT_UNREACHABLE,
)
from ordinavo_desk.connect.errors import (
    ApiError,
    AuthError,
    ConnectError,
    ForbiddenError,
    RequestTimeoutError,
    TransportError,
)
from ordinavo_desk.connect.keys import API_KEY_ENV, ApiKeyStore, KeySource, KeyStoreError
from ordinavo_desk.domain.errors import InputError
from ordinavo_desk.domain.profile import Profile
from ordinavo_desk.i18n import _
from ordinavo_desk.services.profile_service import ConnectOutcome, ProfileService, TestOutcome
from ordinavo_desk.store.database import Store
from ordinavo_desk.store.types import utcnow


def print_profile(profile: Profile, *, current: bool) -> None:
    s = profile.settings
    marker = _(" (current)") if current else ""
    print(f"{profile.name}{marker}")
    print(_("  tenant:         {v}").format(v=s.tenant))
    print(_("  source system:  {v}").format(v=s.source_system))
    print(_("  strategy:       {v}").format(v=s.strategy.value))
    print(_("  scopes:         {v}").format(v=", ".join(x.value for x in s.scopes)))
    auto = ", ".join(k for k, v in s.auto_create.model_dump().items() if v) or _("off")
    print(_("  auto-create:    {v}").format(v=auto))
    print(_("  auto-update:    {v}").format(v=_("on") if s.auto_update else _("off")))
    print(_("  safe fallbacks: {v}").format(v=", ".join(f.value for f in s.safe_fallbacks)))
    gates = s.name_and_address
    print(
        _("  name/address:   threshold {t}, margin {m}, floor {f}, {d} m").format(
            t=gates.threshold, m=gates.margin, f=gates.floor, d=gates.coordinate_agreement_meters
        )
    )
    print(_("  max candidates: {v}").format(v=s.max_candidates))
    if profile.base_url:
        print(_("  server:         {v}").format(v=profile.base_url))


def run_profile(args: argparse.Namespace, store: Store) -> int:
    service = ProfileService(store)
    service.ensure_default()
    if args.profile_command == "connect":
        return run_profile_connect(args, service)
    if args.profile_command == "test":
        return run_profile_test(args, service)
    if args.profile_command == "create":
        profile = service.create(
            args.name,
            tenant=args.tenant,
            source_system=args.source_system,
            strategy=args.strategy,
            scopes=args.scope,
            settings_file=args.settings,
        )
        if args.use:
            service.use(profile.name)
        print(_("created profile '{name}'").format(name=profile.name))
        print_profile(profile, current=args.use)
    elif args.profile_command == "use":
        profile = service.use(args.name)
        print(_("now using profile '{name}'").format(name=profile.name))
    elif args.profile_command == "list":
        profiles, current = service.list()
        for item in profiles:
            marker = "*" if item.name == current else " "
            print(
                f"{marker} {item.name}\t{item.tenant}\t{item.source_system}\t"
                f"{item.settings.strategy.value}"
            )
    else:
        profile = service.get(args.name)
        current = service.list()[1]
        print_profile(profile, current=profile.name == current)
    return EXIT_OK


def connect_failure(exc: ConnectError, url: str | None, timeout: float | None = None) -> int:
    """Print what went wrong talking to the server; answer the exit code."""
    where = url or _("the server")
    if isinstance(exc, AuthError):
        print(
            _("error: the server refused the API key (HTTP 401 {code}: {msg}).").format(
                code=exc.code, msg=exc.message
            ),
            file=sys.stderr,
        )
        print(
            _("  The key is wrong, revoked or expired: run 'profile connect' with a valid key."),
            file=sys.stderr,
        )
        return EXIT_KEY_REFUSED
    if isinstance(exc, ForbiddenError):
        scope = exc.required_scope
        reason = (
            _("the key lacks the scope {scope}").format(scope=scope)
            if scope
            else _("the key may not do this")
        )
        print(
            _("error: {reason} (HTTP 403 {code}).").format(reason=reason, code=exc.code),
            file=sys.stderr,
        )
        print(_("  Ask your Ordinavo administrator to grant it."), file=sys.stderr)
        return EXIT_FORBIDDEN
    if isinstance(exc, RequestTimeoutError):
        limit = _(" within {s:g} s").format(s=timeout) if timeout else ""
        print(
            _("error: no answer from {url}{limit} (timed out).").format(url=where, limit=limit),
            file=sys.stderr,
        )
        return EXIT_UNREACHABLE
    if isinstance(exc, TransportError):
        print(_("error: cannot reach {url}: {msg}").format(url=where, msg=exc), file=sys.stderr)
        print(
            _("  Check the URL, the network and whether the server is running."),
            file=sys.stderr,
        )
        return EXIT_UNREACHABLE
    if isinstance(exc, ApiError) and (exc.status >= 500 or exc.status in {408, 429}):
        print(
            _("error: the server could not answer: {msg}; try again later.").format(msg=exc),
            file=sys.stderr,
        )
        return EXIT_UNREACHABLE
    print(_("error: {msg}").format(msg=exc), file=sys.stderr)
    return EXIT_FAILURE


def read_key(args: argparse.Namespace) -> str:
    if args.key_stdin:
        line = sys.stdin.readline()
    else:
        line = getpass.getpass(_("API key for profile '{name}': ").format(name=args.name))
    key = line.strip()
    if not key:
        raise InputError(_("no API key was given"), field="API key")
    return key


def run_profile_connect(args: argparse.Namespace, service: ProfileService) -> int:
    keys = ApiKeyStore()
    if keys.keyring_available:
        api_key: str | None = read_key(args)
    else:
        print(
            _(
                "note: no keyring backend is available on this machine, so the API key "
                "cannot be stored securely (it is never written to a plain file)."
            ),
            file=sys.stderr,
        )
        print(
            _("  For scripted use, set {env} in the environment.").format(env=API_KEY_ENV),
            file=sys.stderr,
        )
        api_key = None
    try:
        outcome = service.connect(args.name, args.url, api_key, keys=keys, timeout=args.timeout)
    except ConnectError as exc:
        if isinstance(exc, KeyStoreError):
            raise
        code = connect_failure(exc, args.url, args.timeout)
        print(_("  Nothing was stored."), file=sys.stderr)
        return code
    if args.use:
        service.use(outcome.profile.name)
    print_connect(outcome)
    return EXIT_OK


def print_connect(outcome: ConnectOutcome) -> None:
    profile = outcome.profile
    verb = _("created profile") if outcome.created else _("updated profile")
    print(
        _("{verb} '{name}': connected to {url} ({ms:.0f} ms)").format(
            verb=verb, name=profile.name, url=profile.base_url, ms=outcome.latency_ms
        )
    )
    if outcome.key_source is KeySource.KEYRING:
        print(
            _("  API key {key} stored in the system keyring (not in the store)").format(
                key=outcome.masked_key
            )
        )
    else:
        print(
            _("  API key {key} taken from {env}; it is not stored").format(
                key=outcome.masked_key, env=API_KEY_ENV
            )
        )
    if not outcome.server_described:
        print(
            _(
                "  the server names no tenant, scopes or settings (no review extension): "
                "the profile keeps its own values"
            )
        )
    elif outcome.created:
        print(_("  set from the server:"))
    else:
        print(_("  set from the server (the server's values win; * changed):"))
    width = max((len(c.field) for c in outcome.set_values), default=10)
    changed = set() if outcome.created else {c.field for c in outcome.changes}
    for value in outcome.set_values:
        if not outcome.server_described and value.field != "server":
            continue
        mark = "*" if value.field in changed else " "
        was = (
            _("  (was: {v})").format(v=value.before)
            if value.field in changed and value.before is not None
            else ""
        )
        print(f"  {mark} {value.field:<{width}}  {value.after}{was}")
    if outcome.created:
        pass
    elif outcome.changes:
        names = ", ".join(c.field for c in outcome.changes)
        print(_("  changed: {names}").format(names=names))
    else:
        print(_("  nothing changed"))
    if outcome.unknown_scopes:
        print(
            _("  scopes this desk does not know (ignored): {s}").format(
                s=", ".join(outcome.unknown_scopes)
            )
        )


def age(when: datetime | None) -> str:
    if when is None:
        return _("never")
    seconds = max(0.0, (utcnow() - when).total_seconds())
    if seconds < 120:
        ago = _("{n:.0f} s ago").format(n=seconds)
    elif seconds < 7200:
        ago = _("{n:.0f} min ago").format(n=seconds / 60)
    elif seconds < 172800:
        ago = _("{n:.0f} h ago").format(n=seconds / 3600)
    else:
        ago = _("{n:.0f} days ago").format(n=seconds / 86400)
    return f"{when:%Y-%m-%d %H:%M} UTC ({ago})"


def run_profile_test(args: argparse.Namespace, service: ProfileService) -> int:
    profile = service.get(args.name)
    try:
        outcome = service.test(profile.name, keys=ApiKeyStore(), timeout=args.timeout)
    except KeyStoreError:
        raise
    except ConnectError as exc:
        return connect_failure(exc, profile.base_url, args.timeout)
    print_test(outcome)
    return EXIT_OK


def print_test(outcome: TestOutcome) -> None:
    profile, health = outcome.profile, outcome.health
    print(
        _("profile '{name}': {url} is reachable ({ms:.0f} ms, status {status})").format(
            name=profile.name, url=profile.base_url, ms=outcome.latency_ms, status=health.status
        )
    )
    source = _("system keyring") if outcome.key_source is KeySource.KEYRING else API_KEY_ENV
    print(
        _("  API key:        {key} (from {source})").format(key=outcome.masked_key, source=source)
    )
    if health.tenant:
        print(
            _("  key's tenant:   {t}, source system {s}").format(
                t=health.tenant, s=health.source_system or "-"
            )
        )
        print(_("  extensions:     {e}").format(e=", ".join(health.extensions) or _("none")))
    else:
        print(
            _(
                "  the server names no tenant or scopes (no review extension): the scopes "
                "below are the profile's, not checked by the server"
            )
        )
    granted = [c for c in outcome.capabilities if c.granted and c.used_by_desk]
    missing = [c for c in outcome.capabilities if not c.granted and c.used_by_desk]
    print(_("  the key may:"))
    for cap in granted:
        print(f"    + {cap.scope:<28} {cap.allows}")
        print(f"      {'':<28} {', '.join(cap.operations)}")
    if not granted:
        print(_("    (nothing the desk uses)"))
    print(_("  the key may not:"))
    for cap in missing:
        print(f"    - {cap.scope:<28} {cap.without}")
    if not missing:
        print(_("    (nothing the desk uses is missing)"))
    others = [c.scope for c in outcome.capabilities if c.granted and not c.used_by_desk]
    if others:
        print(_("  also granted (not used by the desk): {s}").format(s=", ".join(others)))
    if outcome.unknown_scopes:
        print(_("  unknown scopes: {s}").format(s=", ".join(outcome.unknown_scopes)))
    if outcome.drift:
        names = ", ".join(c.field for c in outcome.drift)
        print(
            _(
                "  the server's values differ from the profile's ({names}): run "
                "'profile connect {name} --url {url}' to take them over"
            ).format(names=names, name=profile.name, url=profile.base_url)
        )
    state = outcome.sync_state
    print(_("  reference data: {age}").format(age=age(state.reference_pulled_at)))
    print(_("  review items:   {age}").format(age=age(state.items_pulled_at)))
