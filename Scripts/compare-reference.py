#!/usr/bin/env python3
"""Side-by-side Zaqar v2 compatibility harness: reference Zaqar vs Flotilla.

Usage:
    Scripts/compare-reference.py --reference http://127.0.0.1:8888 \\
                                 --candidate http://127.0.0.1:PORT [--only NAME[,NAME...]]
    Scripts/compare-reference.py --list
Options: --only takes scenario names or shell globs (comma-separated);
-v shows every differing request; --dump prints every exchange of both sides.

Standard library only (http.client, json, uuid, argparse); runs with any
Python 3.8+, including /usr/bin/python3.

What it does
------------
Runs named *scenarios*. A scenario is a short sequence of HTTP requests
(method, path, headers, body). Every scenario is run twice, once against each
server, with fresh scenario-unique queue names, project ids and Client-IDs
(so runs never interfere), and the two transcripts are compared request by
request:
  * the status code;
  * the headers that matter: Location, Content-Location, Content-Type, Allow,
    Cache-Control (presence and value, after normalisation);
  * the body: parsed as JSON (type-strict: 1 != 1.0 != true) and compared
    structurally including object key order; non-JSON bodies byte-wise.
    Error bodies therefore compare `title` and `description` exactly.
Volatile values are normalised to placeholders on each side, consistently
within a scenario, so "the same id used twice" still compares:
  * our own queue names / project ids -> {name} placeholders;
  * message markers inside hrefs (`/messages?...marker=X`) -> <marker>;
  * ids: message ids -> <m1>, <m2>... and claim ids -> <c1>... numbered in
    the order the scenario created them (message POST `resources`, claim
    Location), unknown ids the scenario made up -> <u1>...; any other UUID
    (dashed or 32 hex) or 24-hex id -> <x1>... by first appearance (the
    `checksum` value is exempt);
  * `age` -> <age>, `created` -> <created>, health `seconds` -> <seconds>;
  * the Python set repr in the purge error is sorted (its order varies).
A scenario is PASS when every request compares equal, EXPECTED DIFF when the
only differences are on the allow-list (ALLOW below: documented deliberate
differences from section 12 of docs/zaqar-v2-api.md and Docs/COMPATIBILITY.md;
each entry names scenario/request, reason, and usually what the candidate must
answer instead), and DIFF otherwise. The exit status is 1 when any scenario
is DIFF (or errored), else 0.

Sanity check: run it with --candidate equal to --reference; every scenario
must PASS (it does), which shows the normalisation hides only noise.

Not covered because time would have to pass (every TTL has a 60 s minimum):
claim expiry (and the stale `?claim_id=` in hrefs after expiry, section 12
row 11), message expiry, a delayed message becoming visible, age growth.
The DLQ flow releases each claim instead of waiting for it to expire as
tempest does (70 s apart). Subscriptions (section 9) are not covered:
Flotilla does not implement them (Docs/COMPATIBILITY.md).

Reference behaviours observed while writing this that the API document does
NOT state (Zaqar 15.0.0 + Redis + SQLAlchemy, falcon 3.1.1). All are
exercised by the scenarios named in brackets:
  1. OPTIONS answers 200 with `content-type: application/json` and an `allow`
     header WITHOUT OPTIONS itself (queue: `DELETE, GET, PATCH, PUT`; the 405
     Allow of the same route adds `, OPTIONS`). OPTIONS without Client-ID /
     X-Project-ID is still 200, but bare: no `allow`, no content type.
     [routing]
  2. The 201 of queue PUT carries `content-type: application/json` (empty
     body); the 204 has none. A 406 with an empty body also carries
     `content-type: application/json`. [queue-put, gate-accept]
  3. `GET /v2/queues/{q}/messages/` (trailing slash) reaches the message-get
     handler with an empty id, not the router: 404 `Not found` with
     `Queue {q} does not exist for project {p}` (missing queue) or
     `Message  does not exist in queue {q} for project {p}`. [routing]
  4. Client-ID is validated on `GET /` when it is present: `Client-ID: x`
     gives 400 `Wrong UUID value`; only a missing one is fine there.
     [gate-client-id]
  5. A body of Content-Length 0 is "present": message POST and claim PATCH
     answer `Request body could not be parsed.`, not `Request body can not
     be empty` (that one is for a missing body). [message-post-errors,
     claim-lifecycle]
  6. Reserved metadata is validated in the order _default_message_ttl,
     _max_messages_post_size, _max_claim_count,
     _dead_letter_queue_messages_ttl, _default_message_delay,
     _enable_encrypt_messages (not the order of the table in section 7), and
     `_dead_letter_queue_messages_ttl: false` fails the range check. A falsy
     stored reserved key keeps its stored position in GET, with the default
     value. [queue-put]
  7. `with_count=true` on a project with no queues also gives `"count": true`
     (the doc says count is left out when it is 0). [queue-list]
  8. JSON-pointer error texts: ``Pointer `/metadata//a` contains adjacent
     "/".``, ``Pointer `/metadata/a/` end with "/".`` and ``Pointer
     `/metadata/a~2` contains "~" not part of a recognized escape sequence.``
     A PATCH operation whose `path` is not a string (1, null) gives 503
     `Queue could not be updated.` - a reference bug missing from section 12.
     [queue-patch, reference-bug-patch-path-type]
  9. `?ids=a,a` returns the message twice; `?ids=,` is 400 `Limit must be at
     least 1 ...`; found messages come back in request order.
     [message-get-ids]
 10. Claim POST checks the `limit` *type* (400 Invalid parameter) before the
     body; pop with ids reports "pop and id params cannot be present
     together" even when pop is out of range; purge with a body `[]` says
     `Post body must contain key "resource_types".` [claim-create-errors,
     message-pop, queue-purge]
 11. The cross-project/cross-queue leak needs the queue name to EXIST in the
     other project (or any existing queue of the same project); otherwise
     404 `Queue ... does not exist`. DELETE by id leaks too: another project
     can delete the message. Claims do not leak (GET/PATCH 404; DELETE is a
     204 no-op). [cross-project]
 12. DLQ moves (Redis): after the move the SOURCE queue stats still count
     it as claimed (`claimed: 2, free: -1, total: 1`) and GET by id through
     the source queue still returns it; the DLQ stats count it as free while
     the DLQ listing hides it. If the DLQ queue does not exist, the message
     is reachable only through the source queue. [dlq, dlq-missing-queue]
 13. A listing WITH a marker takes `limit` messages after the marker and then
     drops claimed ones, so a page can be short or empty although visible
     messages follow (an empty page ends client iteration). Without a marker
     claimed messages are skipped properly. [reference-bug-short-page]
 14. Redis stats put `newest` BEFORE `oldest`. Queue share without a
     `[signed_url] secret_key` checks unknown keys and paths first, then the
     key, so a past or integer `expires` also answers "The `key` can't be
     None". [queue-stats, queue-share]
"""

import argparse
import copy
import fnmatch
import http.client
import json
import math
import re
import sys
import time
import urllib.parse
import uuid

COMPARED_HEADERS = ('location', 'content-location', 'content-type', 'allow',
                    'cache-control')

JSON = 'application/json'
PATCH_CT = 'application/openstack-messaging-v2.0-json-patch'


# ==========================================================================
# HTTP plumbing
# ==========================================================================

class Response(object):
    def __init__(self, status, headers, body, error=None):
        self.status = status
        self.headers = headers      # dict, lower-case names
        self.body = body            # bytes
        self.error = error
        self._json = None
        self._json_ok = None

    @property
    def json(self):
        if self._json_ok is None:
            self._json_ok = False
            if self.body:
                try:
                    self._json = json.loads(self.body.decode('utf-8'))
                    self._json_ok = True
                except (ValueError, UnicodeDecodeError):
                    pass
        return self._json if self._json_ok else None


def http_request(host, port, method, path, headers, body, timeout=60):
    """One request on a fresh connection (the reference is HTTP/1.0)."""
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.putrequest(method, path, skip_host=False,
                        skip_accept_encoding=True)
        for name, value in headers:
            conn.putheader(name, value)
        conn.endheaders(body)
        resp = conn.getresponse()
        data = resp.read()
        hdrs = {}
        for k, v in resp.getheaders():
            k = k.lower()
            hdrs[k] = v if k not in hdrs else hdrs[k] + ', ' + v
        return Response(resp.status, hdrs, data)
    except Exception as exc:  # connection refused, reset, timeout...
        return Response(0, {}, b'', error='%s: %s' % (type(exc).__name__, exc))
    finally:
        conn.close()


class Server(object):
    def __init__(self, url):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme != 'http' or not parts.hostname:
            raise SystemExit('only http://host:port URLs are supported: %r' % url)
        self.url = url
        self.host = parts.hostname
        self.port = parts.port or 80


# ==========================================================================
# Per-scenario, per-side context
# ==========================================================================

class ScenarioAbort(Exception):
    pass


class Exchange(object):
    def __init__(self, label, method, path, req_headers, req_body, resp):
        self.label = label
        self.method = method
        self.path = path
        self.req_headers = req_headers
        self.req_body = req_body
        self.resp = resp


class _Names(dict):
    """name key -> actual queue name, created on first use."""

    def __init__(self, ctx):
        dict.__init__(self)
        self.ctx = ctx

    def __missing__(self, key):
        if key == 'p':
            return self.ctx.project
        value = self.ctx.prefix + key
        self[key] = value
        return value


class Ctx(object):
    """What a scenario function talks to: one server, one set of names."""

    def __init__(self, server, side, tag):
        self.server = server
        self.side = side
        self.tag = tag                      # same length on both sides
        self.prefix = 'x' + tag + '-'
        self.project = 'prj-' + tag
        self.client = str(uuid.uuid4())
        self.client2 = str(uuid.uuid4())
        self.names = _Names(self)
        self.extra = {}                     # other literal -> placeholder
        self.exchanges = []
        self.anchors = []                   # (exchange index, kind, id) in creation order

    # --- names -----------------------------------------------------------
    def q(self, key='q'):
        return self.names[key]

    def qlen(self, key, length):
        """A queue name of exactly `length` characters."""
        if key not in self.names:
            base = self.prefix + key
            self.names[key] = (base + 'z' * length)[:length]
        return self.names[key]

    def qnum(self, key):
        """A queue name made of digits only."""
        if key not in self.names:
            self.names[key] = str(uuid.uuid4().int)[:18]
        return self.names[key]

    def uid(self):
        """A fresh unknown id for this side, normalised as <u1>, <u2>..."""
        value = str(uuid.uuid4())
        self.anchors.append((len(self.exchanges), 'u', value))
        return value

    def literal(self, key, value):
        """Register another per-side literal to be normalised as {key}."""
        self.extra[value] = '{' + key + '}'
        return value

    def fmt(self, template):
        return template.format_map(self.names)

    # --- requests --------------------------------------------------------
    def req(self, label, method, path, body=None, headers=None, ctype=None,
            raw_path=False, project=None, client=None):
        """Send one request and record it.

        path     template; {q}, {dlq}... are this side's queue names, {p} the
                 project. raw_path=True sends it unformatted.
        body     None = no body and no Content-Length; dict/list = JSON
                 (json.dumps defaults, as zaqarclient); str/bytes = as is.
        headers  overrides of the defaults (Client-ID, X-Project-ID, Accept,
                 Content-Type); a value of None removes the header.
        """
        p = path if raw_path else self.fmt(path)
        hdrs = [('Client-ID', client or self.client),
                ('X-Project-ID', project or self.project),
                ('Accept', JSON)]
        data = None
        if body is not None:
            if isinstance(body, (dict, list)):
                data = json.dumps(body).encode('utf-8')
            elif isinstance(body, str):
                data = body.encode('utf-8')
            else:
                data = body
            hdrs.append(('Content-Type', ctype or JSON))
        elif ctype:
            hdrs.append(('Content-Type', ctype))
        for name, value in (headers or {}).items():
            hdrs = [(k, v) for (k, v) in hdrs if k.lower() != name.lower()]
            if value is not None:
                hdrs.append((name, value))
        if data is not None and not any(k.lower() == 'content-length' for k, _ in hdrs):
            hdrs.append(('Content-Length', str(len(data))))
        resp = http_request(self.server.host, self.server.port, method, p, hdrs, data)
        self._anchor(method, p, resp)
        self.exchanges.append(Exchange(label, method, p, hdrs, data, resp))
        return resp

    def _anchor(self, method, path, resp):
        """Ids created by this request (message POST, claim POST), registered in
        creation order so that their placeholders do not depend on where they
        first show up in a body (an expected difference may add or drop one)."""
        n = len(self.exchanges)
        base = path.split('?', 1)[0]
        if method == 'POST' and resp.status == 201 and base.endswith('/messages'):
            res = resp.json.get('resources') if isinstance(resp.json, dict) else None
            for href in res if isinstance(res, list) else []:
                if isinstance(href, str):
                    self.anchors.append((n, 'm', href.rsplit('/', 1)[-1]))
        if method == 'POST' and resp.status == 201 and base.endswith('/claims'):
            loc = resp.headers.get('location', '')
            if loc:
                self.anchors.append((n, 'c', loc.rsplit('/', 1)[-1]))

    def get(self, label, path, **kw):
        return self.req(label, 'GET', path, **kw)

    def put(self, label, path, body=None, **kw):
        return self.req(label, 'PUT', path, body, **kw)

    def post(self, label, path, body=None, **kw):
        return self.req(label, 'POST', path, body, **kw)

    def delete(self, label, path, **kw):
        return self.req(label, 'DELETE', path, **kw)

    def patch(self, label, path, body=None, ctype=PATCH_CT, **kw):
        return self.req(label, 'PATCH', path, body, ctype=ctype, **kw)

    def follow(self, label, href, **kw):
        """GET a root-relative (or absolute) href taken from a response."""
        parts = urllib.parse.urlsplit(href)
        target = parts.path + ('?' + parts.query if parts.query else '')
        return self.req(label, 'GET', target, raw_path=True, **kw)

    # --- helpers over responses -----------------------------------------
    def need(self, cond, what):
        if not cond:
            raise ScenarioAbort(what)

    def post_msgs(self, label, qkey, messages, **kw):
        """POST messages; returns their ids (from `resources`)."""
        r = self.post(label, '/v2/queues/{%s}/messages' % qkey, {'messages': messages}, **kw)
        self.need(r.status == 201 and isinstance(r.json, dict) and 'resources' in r.json,
                  'message POST did not answer 201 with resources')
        return [h.rsplit('/', 1)[-1] for h in r.json['resources']]

    def claim(self, label, qkey, body=None, query='', **kw):
        """POST a claim; returns (claim id or None, response)."""
        r = self.post(label, '/v2/queues/{%s}/claims%s' % (qkey, query), body, **kw)
        cid = None
        if r.status == 201:
            self.need('location' in r.headers, 'claim 201 without Location')
            cid = r.headers['location'].rsplit('/', 1)[-1]
        return cid, r

    def next_href(self, r):
        self.need(isinstance(r.json, dict) and r.json.get('links'), 'no links in listing')
        return r.json['links'][0]['href']


# ==========================================================================
# Normalisation
# ==========================================================================

HEXID_RE = re.compile(
    r'(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-'
    r'[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}|[0-9A-Fa-f]{32}|[0-9a-f]{24})(?![0-9A-Fa-f])')
MARKER_RE = re.compile(r'(/messages\?(?:[^#]*?&)?marker=)([^&#]*)')
CREATED_RE = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$')
SET_RE = re.compile(r"\{'(messages|subscriptions)', '(messages|subscriptions)'\}")


class Normaliser(object):
    def __init__(self, ctx):
        self.ctx = ctx
        self.ids = {}
        self.counts = {}
        self.next_anchor = 0
        lits = {}
        for key, val in ctx.names.items():
            lits[val] = '{' + key + '}'
        lits[ctx.project] = '{p}'
        lits.update(ctx.extra)
        self.literals = sorted(lits.items(), key=lambda kv: -len(kv[0]))

    def _register(self, value, kind):
        v = value.lower().replace('-', '')
        if v not in self.ids:
            self.counts[kind] = self.counts.get(kind, 0) + 1
            self.ids[v] = '<%s%d>' % (kind, self.counts[kind])
        return self.ids[v]

    def advance(self, upto):
        """Register the anchored ids created by exchanges [0, upto]."""
        anchors = self.ctx.anchors
        while self.next_anchor < len(anchors) and anchors[self.next_anchor][0] <= upto:
            _, kind, value = anchors[self.next_anchor]
            if HEXID_RE.fullmatch(value):
                self._register(value, kind)
            else:
                self.ctx.extra.setdefault(value, value)
            self.next_anchor += 1

    def _id(self, m):
        # m = message id, c = claim id, u = unknown id we sent, x = any other
        return self._register(m.group(0), 'x')

    def string(self, s):
        s = MARKER_RE.sub(lambda m: m.group(1) + '<marker>', s)
        s = HEXID_RE.sub(self._id, s)
        for lit, ph in self.literals:
            if lit in s:
                s = s.replace(lit, ph)
        s = SET_RE.sub("{'messages', 'subscriptions'}", s)
        return s

    def value(self, v, key=None):
        if isinstance(v, dict):
            return dict((self.string(k), self.value(x, k)) for k, x in v.items())
        if isinstance(v, list):
            return [self.value(x) for x in v]
        if isinstance(v, str):
            if key == 'checksum':
                return v
            if key == 'created' and CREATED_RE.match(v):
                return '<created>'
            return self.string(v)
        if key == 'age' and type(v) is int and v >= 0:
            return '<age>'
        if key == 'seconds' and type(v) in (int, float) and v >= 0:
            return '<seconds>'
        return v

    def exchange(self, ex, index=None):
        """-> dict(status, headers, body_kind, body) ready for comparison."""
        if index is not None:
            self.advance(index)
        r = ex.resp
        out = {'status': r.status, 'error': r.error}
        hdrs = {}
        for h in COMPARED_HEADERS:
            if h in r.headers:
                v = r.headers[h].strip()
                if h in ('location', 'content-location'):
                    v = self.string(v)
                hdrs[h] = v
        out['headers'] = hdrs
        if not r.body:
            out['kind'], out['body'] = 'empty', None
        else:
            parsed = _strict_json(r.body)
            if parsed is not _NOT_JSON:
                out['kind'], out['body'] = 'json', self.value(parsed)
            else:
                out['kind'], out['body'] = 'raw', self.string(r.body.decode('utf-8', 'replace'))
        return out


_NOT_JSON = object()


def _strict_json(data):
    try:
        return json.loads(data.decode('utf-8'))
    except (ValueError, UnicodeDecodeError):
        return _NOT_JSON


# ==========================================================================
# Structural comparison
# ==========================================================================

def _same_scalar(a, b):
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


def first_diff(a, b, path):
    """None if equal (type-strict, key order significant) else (path, a, b)."""
    if isinstance(a, dict) and isinstance(b, dict):
        ka, kb = list(a), list(b)
        if ka != kb:
            if set(ka) == set(kb):
                return (path + ' (key order)', ka, kb)
            missing = [k for k in ka if k not in b]
            extra = [k for k in kb if k not in a]
            return (path + ' (keys: only-reference %s, only-candidate %s)' % (missing, extra), ka, kb)
        for k in ka:
            d = first_diff(a[k], b[k], '%s.%s' % (path, k))
            if d:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_diff(x, y, '%s[%d]' % (path, i))
            if d:
                return d
        if len(a) != len(b):
            return (path + ' (length %d vs %d)' % (len(a), len(b)), a, b)
        return None
    if _same_scalar(a, b):
        return None
    return (path, a, b)


def compare_norm(na, nb):
    """Differences between two normalised exchanges, most important first."""
    diffs = []
    if na['status'] != nb['status']:
        diffs.append(('status', na['status'] or na['error'], nb['status'] or nb['error']))
    for h in COMPARED_HEADERS:
        va, vb = na['headers'].get(h), nb['headers'].get(h)
        if va != vb:
            diffs.append(('header ' + h, va if va is not None else '(absent)',
                          vb if vb is not None else '(absent)'))
    if na['kind'] != nb['kind']:
        diffs.append(('body', _show_body(na), _show_body(nb)))
    elif na['kind'] == 'json':
        d = first_diff(na['body'], nb['body'], 'body')
        if d:
            diffs.append(d)
    elif na['kind'] == 'raw' and na['body'] != nb['body']:
        diffs.append(('body', na['body'], nb['body']))
    return diffs


def _show_body(n):
    if n['kind'] == 'empty':
        return '(empty)'
    if n['kind'] == 'raw':
        return n['body']
    return n['body']


def short(v, limit=160):
    if isinstance(v, str) and v.startswith('(') and v.endswith(')'):
        s = v
    else:
        try:
            s = json.dumps(v, ensure_ascii=False)
        except (TypeError, ValueError):
            s = repr(v)
    return s if len(s) <= limit else s[:limit - 3] + '...'


# ==========================================================================
# Allow-list: documented deliberate differences
# ==========================================================================

class Allow(object):
    """A documented deliberate difference.

    scenario/request: fnmatch globs over scenario names and request labels.
    path:             optional fnmatch glob over the request's normalised
                      path (e.g. '*/stats'), for differences that show up
                      wherever an endpoint is used.
    reason:           shown as EXPECTED DIFF (reason).
    transform:        optional f(side, norm) -> norm applied to both sides;
                      the difference is expected only if the transformed
                      exchanges compare equal. Without it any difference in
                      the matched request is accepted (subject to `expect`).
    expect:           optional check of the candidate's (normalised)
                      exchange, the documented Flotilla answer: a dict with
                      any of status, title, description, or a callable
                      f(norm) -> bool.
    """

    def __init__(self, scenario, request, reason, transform=None, expect=None, path=None):
        self.scenario = scenario
        self.request = request
        self.path = path
        self.reason = reason
        self.transform = transform
        self.expect = expect

    def matches(self, scenario, label, path):
        return fnmatch.fnmatchcase(scenario, self.scenario) and \
            fnmatch.fnmatchcase(label, self.request) and \
            (self.path is None or fnmatch.fnmatchcase(path, self.path))

    def expectation_holds(self, nb):
        e = self.expect
        if e is None:
            return True, ''
        if callable(e):
            return bool(e(nb)), 'candidate answer does not match the documented Flotilla behaviour'
        if 'status' in e and nb['status'] != e['status']:
            return False, 'candidate status %s, documented Flotilla answer is %s' % (nb['status'], e['status'])
        body = nb['body'] if nb['kind'] == 'json' and isinstance(nb['body'], dict) else {}
        for k in ('title', 'description'):
            if k in e and body.get(k) != e[k]:
                return False, 'candidate %s %s, documented Flotilla answer is %s' % (
                    k, short(body.get(k)), short(e[k]))
        return True, ''


def _map_hrefs(v, fn):
    if isinstance(v, dict):
        return dict((k, (fn(x) if k == 'href' and isinstance(x, str) else _map_hrefs(x, fn)))
                    for k, x in v.items())
    if isinstance(v, list):
        return [_map_hrefs(x, fn) for x in v]
    return v


def _strip_forced_include_delayed(side, n):
    """[1] The reference forces include_delayed=true into message next links
    when the queue has no default delay; Flotilla does not force it."""
    def fix(h):
        if '/messages?' not in h:
            return h
        base, q = h.split('?', 1)
        parts = [p for p in q.split('&') if p != 'include_delayed=true']
        return base + '?' + '&'.join(parts)
    n = copy.deepcopy(n)
    if n['kind'] == 'json':
        n['body'] = _map_hrefs(n['body'], fix)
    return n


def _pop_claim_id_null(side, n):
    """[12] The reference puts its internal claim id into popped messages."""
    n = copy.deepcopy(n)
    if n['kind'] == 'json' and isinstance(n['body'], dict):
        for m in n['body'].get('messages') or []:
            if isinstance(m, dict) and m.get('claim_id') is not None:
                m['claim_id'] = None
    return n


def _stats_minimal(side, n):
    """[13] Stats oldest/newest: reference = whole message, Flotilla =
    {age, created, href}. Reduce the reference side; compare the rest."""
    n = copy.deepcopy(n)
    if n['kind'] == 'json' and isinstance(n['body'], dict):
        msgs = n['body'].get('messages')
        if isinstance(msgs, dict):
            for k in ('oldest', 'newest'):
                if isinstance(msgs.get(k), dict):
                    o = msgs[k]
                    msgs[k] = dict((f, o.get(f)) for f in ('age', 'created', 'href'))
                    href = msgs[k]['href']
                    if isinstance(href, str) and '?claim_id=' in href:
                        msgs[k]['href'] = href.split('?claim_id=')[0]
            if side == 'reference':
                # put oldest before newest (the Redis object has them reversed)
                body = dict((k, msgs[k]) for k in ('claimed', 'free', 'total') if k in msgs)
                for k in ('oldest', 'newest'):
                    if k in msgs:
                        body[k] = msgs[k]
                n['body']['messages'] = body
            else:
                n['body']['messages'] = dict((k, msgs[k]) for k in
                                             ('claimed', 'free', 'total', 'oldest', 'newest') if k in msgs)
    return n


def _count_true_is_int(expected):
    """[4] reference `"count": true` -> the real count (key omitted when 0)."""
    def t(side, n):
        n = copy.deepcopy(n)
        if side == 'reference' and n['kind'] == 'json' and isinstance(n['body'], dict) \
                and n['body'].get('count') is True:
            if expected:
                n['body']['count'] = expected
            else:
                del n['body']['count']
        return n
    return t


def _drop_subscription_rels(side, n):
    """Subscriptions are not implemented (Docs/COMPATIBILITY.md), so the home
    document has no rel/subscription* entries."""
    n = copy.deepcopy(n)
    if side == 'reference' and n['kind'] == 'json' and isinstance(n['body'], dict) \
            and isinstance(n['body'].get('resources'), dict):
        n['body']['resources'] = dict((k, v) for k, v in n['body']['resources'].items()
                                      if not k.startswith('rel/subscription'))
    return n


def _error(status, title, description=None):
    e = {'status': status, 'title': title}
    if description is not None:
        e['description'] = description
    return e


def _queue_names(names):
    def check(n):
        return n['status'] == 200 and n['kind'] == 'json' and isinstance(n['body'], dict) \
            and [q.get('name') for q in n['body'].get('queues') or []] == names
    return check


def _stats_total(total):
    def check(n):
        return n['status'] == 200 and n['kind'] == 'json' and isinstance(n['body'], dict) \
            and (n['body'].get('messages') or {}).get('total') == total
    return check


def _unclaimed_message(n):
    return n['status'] == 200 and n['kind'] == 'json' and isinstance(n['body'], dict) \
        and '?claim_id=' not in str(n['body'].get('href'))


def _list_len(n_expected):
    def check(n):
        return n['status'] == 200 and n['kind'] == 'json' and isinstance(n['body'], dict) \
            and len(n['body'].get('messages') or []) == n_expected
    return check


ALLOW = [
    # --- applies everywhere --------------------------------------------------
    Allow('*', '*', '[1] include_delayed is not forced into message next links '
          '(Flotilla: include_delayed defaults to false)',
          transform=_strip_forced_include_delayed),
    Allow('*', '*', '[12] pop returns claim_id null, not the internal claim id',
          transform=_pop_claim_id_null, path='*/messages?*pop=*'),
    Allow('*', '*', '[13] stats oldest/newest are {age, created, href}',
          transform=_stats_minimal, path='*/stats'),
    Allow('home', 'home', 'COMPATIBILITY.md: subscriptions are not implemented, so the home '
          'document has no rel/subscription* entries', transform=_drop_subscription_rels),
    # --- COMPATIBILITY.md "HTTP API" table ------------------------------------
    Allow('versions', 'versions-accept-xml', 'COMPATIBILITY.md: a 406 for an XML-only Accept has an '
          'empty body', expect={'status': 406}),
    Allow('versions', '*', 'COMPATIBILITY.md: GET / lists only v2 (Flotilla serves only v2)',
          expect={'status': 300}, path='/'),
    Allow('gate-project', 'missing-not-on-root', 'COMPATIBILITY.md: GET / lists only v2',
          expect={'status': 300}),
    Allow('home', 'home', 'COMPATIBILITY.md: the home document lists only served resources '
          '(no pools or flavors)', expect={'status': 200}),
    Allow('gate-accept', 'accept-xml', 'COMPATIBILITY.md: a 406 for an XML-only Accept has an '
          'empty body', expect={'status': 406}),
    Allow('reference-bug-short-page', 'page-2-after-claims', 'COMPATIBILITY.md: full pages of '
          'visible messages after a marker (reference: the limit is applied before claimed '
          'messages are dropped)', expect=_list_len(1)),
    Allow('reference-bug-patch-path-type', '*', 'COMPATIBILITY.md / [8]: a PATCH path that is not '
          'a string is 400 Invalid request body (reference: 503)', expect={'status': 400}),
    # --- section 12 rows (specific entries before the generic ones) --------
    Allow('message-delay', 'nodefault-post-901', '[1] per-message delay is validated always',
          expect=_error(400, 'Invalid API request')),
    Allow('message-delay', 'nodefault-list', '[1] a per-message delay is honoured even when '
          'the queue has no default delay (the delayed message is hidden)', expect=_list_len(0)),
    Allow('message-delay', 'nodefault-*', '[1] per-message delay is honoured and validated '
          'even when the queue has no default delay'),
    Allow('message-list', 'include-claimed-nomarker',
          '[2] include_claimed=true without a marker works (reference: 503)',
          expect={'status': 200}),
    Allow('message-list-markers', 'marker-*', '[3] strictly-after markers; an '
          'unknown/unparseable marker gives an empty page (Redis restarts from the start)',
          expect=_list_len(0)),
    Allow('queue-list', 'with-count', '[4] count is an integer (SQLAlchemy sends true)',
          transform=_count_true_is_int(4)),
    Allow('queue-list', 'empty-with-count', '[4] count is an integer, omitted when 0 '
          '(SQLAlchemy sends true even for an empty project)', transform=_count_true_is_int(0)),
    Allow('queue-list-filters', 'filter-*', '[5] Flotilla implements the MongoDB name '
          'substring and metadata equality filters; the reference ignores them',
          expect=_queue_names(['{alpha}'])),
    Allow('message-post-bad-no-queue', 'list-after-bad-posts',
          '[7] a rejected message POST does not create the queue', expect=_queue_names([])),
    Allow('message-post-errors', 'non-object-element',
          '[8] non-object element in messages: 400 (reference: 500)',
          expect=_error(400, 'Invalid request body')),
    Allow('queue-patch', 'not-an-array',
          '[8] non-array PATCH body: 400 (reference: 503)',
          expect=_error(400, 'Invalid request body',
                        'Request body must be a JSON array of operation objects.')),
    Allow('purge-claimed', 'after-purge-get-ids', '[9] purge removes every message, claimed '
          'ones too', expect={'status': 404}),
    Allow('purge-claimed', 'after-purge-stats', '[9] purge removes every message, claimed '
          'ones too', expect=_stats_total(0)),
    Allow('dlq*', 'dlq-list', '[10] a DLQ move leaves the message unclaimed and visible at '
          'once (reference: it keeps the consuming claim)', expect=_list_len(1)),
    Allow('dlq*', 'dlq-get', '[10] a moved message is unclaimed (no ?claim_id= in its href); '
          'ttl = _dead_letter_queue_messages_ttl; a missing DLQ queue is created',
          expect=_unclaimed_message),
    Allow('dlq*', 'dlq-*', '[10] a DLQ move leaves the message unclaimed and visible at once '
          '(reference: it keeps the consuming claim); a missing DLQ queue is created'),
    Allow('dlq*', 'source-get', 'decision: a message is reachable only through its own queue '
          '(reference still serves a moved message through the source queue)',
          expect={'status': 404}),
    Allow('dlq*', 'source-stats', '[10] a moved message is no longer counted in the source '
          'queue (reference: counts it as claimed, free = -1)', expect=_stats_total(1)),
    # --- section 12 "Flotilla's decisions" paragraph ------------------------
    Allow('claim-create-errors', 'null-ttl-grace',
          'decision: {"ttl": null, "grace": null} means the defaults (reference: 400)',
          expect={'status': 201}),
    Allow('cross-project', 'leak-own-message-after-other-delete', 'decision: another project '
          'cannot delete the message (reference: it can)', expect={'status': 200}),
    Allow('cross-project', 'leak-*', 'decision: a message is reachable only through its own '
          'project and queue (reference serves it through any existing queue of any project)',
          expect={'status': 404}),
    # --- section 1.4 -----------------------------------------------------------
    Allow('json-quirks', 'nan-*', '1.4: NaN/Infinity are rejected with 400 (reference '
          'accepts and echoes invalid JSON)', expect={'status': 400}),
]


# ==========================================================================
# Scenarios
# ==========================================================================

SCENARIOS = []


def scenario(fn):
    SCENARIOS.append((fn.__name__[3:].replace('_', '-'), fn))
    return fn


NO_HEADERS = {'Client-ID': None, 'X-Project-ID': None, 'Accept': None}


# ---------------------------------------------------------------- routing --

@scenario
def sc_versions(t):
    """GET / (versions), with and without the v2 headers; other methods."""
    t.get('versions-bare', '/', headers=NO_HEADERS)
    t.get('versions-headers', '/')
    t.req('versions-head', 'HEAD', '/', headers=NO_HEADERS)
    t.post('versions-post', '/', headers=NO_HEADERS)
    t.post('versions-post-headers', '/')
    t.req('versions-options', 'OPTIONS', '/')
    t.get('versions-accept-xml', '/', headers={'Accept': 'application/xml'})


@scenario
def sc_home(t):
    """GET /v2/ home document; /v2 without slash; gate."""
    t.get('home', '/v2/')
    t.get('home-no-slash', '/v2')
    t.get('home-no-client', '/v2/', headers={'Client-ID': None})
    t.get('home-no-project', '/v2/', headers={'X-Project-ID': None})
    t.req('home-post', 'POST', '/v2/', body={})
    t.req('home-options', 'OPTIONS', '/v2/')


@scenario
def sc_ping(t):
    """GET/HEAD /v2/ping and their header gate."""
    t.get('ping-get', '/v2/ping')
    t.req('ping-head', 'HEAD', '/v2/ping')
    t.get('ping-no-client', '/v2/ping', headers={'Client-ID': None})
    t.get('ping-no-project', '/v2/ping', headers={'X-Project-ID': None})
    t.req('ping-head-no-client', 'HEAD', '/v2/ping', headers={'Client-ID': None})
    t.post('ping-post', '/v2/ping')
    t.req('ping-options', 'OPTIONS', '/v2/ping')


@scenario
def sc_health(t):
    """GET /v2/health without and with the admin role."""
    t.get('health-no-role', '/v2/health')
    t.get('health-member', '/v2/health', headers={'X-Roles': 'member'})
    t.get('health-admin', '/v2/health', headers={'X-Roles': 'admin'})
    t.get('health-roles-list', '/v2/health', headers={'X-Roles': 'member,admin'})
    t.get('health-no-client', '/v2/health', headers={'Client-ID': None, 'X-Roles': 'admin'})
    t.post('health-post', '/v2/health', headers={'X-Roles': 'admin'})


@scenario
def sc_routing(t):
    """1.1: unknown paths, 405 + Allow, trailing slashes, HEAD, OPTIONS."""
    t.get('unknown-bare', '/nope', headers=NO_HEADERS)
    t.get('unknown-v2', '/v2/nope')
    t.get('unknown-v2-bare', '/v2/nope', headers=NO_HEADERS)
    t.get('unknown-sub', '/v2/queues/{q}/nope')
    t.get('unknown-v1', '/v1/queues')
    t.get('pools-404', '/v2/pools', headers={'X-Roles': 'admin'})
    t.get('flavors-404', '/v2/flavors')
    t.put('queues-trailing-slash', '/v2/queues/')
    t.get('queues-trailing-slash-get', '/v2/queues/')
    t.get('messages-trailing-slash', '/v2/queues/{q}/messages/')
    t.post('405-queue', '/v2/queues/{q}')
    t.req('405-queue-head', 'HEAD', '/v2/queues/{q}')
    t.post('405-queue-no-headers', '/v2/queues/{q}', headers=NO_HEADERS)
    t.put('405-queues', '/v2/queues')
    t.put('405-messages', '/v2/queues/{q}/messages')
    t.put('405-message', '/v2/queues/{q}/messages/%s' % t.uid())
    t.get('405-claims', '/v2/queues/{q}/claims')
    t.put('405-claim', '/v2/queues/{q}/claims/%s' % t.uid())
    t.delete('405-stats', '/v2/queues/{q}/stats')
    t.get('405-purge', '/v2/queues/{q}/purge')
    t.delete('405-ping', '/v2/ping')
    for lab, path in (('queues', '/v2/queues'), ('queue', '/v2/queues/{q}'),
                      ('messages', '/v2/queues/{q}/messages'),
                      ('message', '/v2/queues/{q}/messages/%s' % t.uid()),
                      ('claims', '/v2/queues/{q}/claims'),
                      ('claim', '/v2/queues/{q}/claims/%s' % t.uid()),
                      ('stats', '/v2/queues/{q}/stats'), ('purge', '/v2/queues/{q}/purge'),
                      ('health', '/v2/health')):
        t.req('options-' + lab, 'OPTIONS', path)
    t.req('options-queue-no-headers', 'OPTIONS', '/v2/queues/{q}', headers=NO_HEADERS)


# ------------------------------------------------------------ header gate --

@scenario
def sc_gate_client_id(t):
    """1.2 step 4: Client-ID missing/empty/malformed and accepted spellings."""
    path = '/v2/queues/{q}'
    t.get('missing', path, headers={'Client-ID': None})
    t.get('empty', path, headers={'Client-ID': ''})
    t.get('not-uuid', path, headers={'Client-ID': 'not-a-uuid'})
    t.get('31-hex', path, headers={'Client-ID': '3381af922b9e11e3b19171861300734'})
    t.get('33-hex', path, headers={'Client-ID': '3381af922b9e11e3b19171861300734cc'})
    t.get('non-hex', path, headers={'Client-ID': '3381af92-2b9e-11e3-b191-71861300734g'})
    t.get('uppercase-nodash', path, headers={'Client-ID': '3381AF922B9E11E3B19171861300734C'})
    t.get('braces', path, headers={'Client-ID': '{3381af92-2b9e-11e3-b191-71861300734c}'})
    t.get('urn-uuid', path, headers={'Client-ID': 'urn:uuid:3381af92-2b9e-11e3-b191-71861300734c'})
    t.get('odd-dashes', path, headers={'Client-ID': '3381af92-2b9e11e3-b19171861300734c'})
    t.get('many-dashes', path, headers={'Client-ID': '3-381af922b9e11e3b19171861300734-c'})
    t.get('surrounding-spaces', path, headers={'Client-ID': '  3381af92-2b9e-11e3-b191-71861300734c  '})
    t.get('missing-on-ping', '/v2/ping', headers={'Client-ID': ''})
    t.get('bad-on-home', '/v2/', headers={'Client-ID': 'x'})
    t.get('bad-on-queues', '/v2/queues', headers={'Client-ID': 'x'})
    t.get('bad-not-on-root', '/', headers={'Client-ID': 'x'})
    # order: Client-ID before X-Project-ID before queue name
    t.get('missing-both', path, headers={'Client-ID': None, 'X-Project-ID': None})
    t.get('bad-client-bad-name', '/v2/queues/bad%40name', headers={'Client-ID': 'x'})


@scenario
def sc_gate_project(t):
    """1.2 step 5 and 6: X-Project-ID missing/empty/long."""
    t.get('missing', '/v2/queues/{q}', headers={'X-Project-ID': None})
    t.get('empty', '/v2/queues/{q}', headers={'X-Project-ID': ''})
    t.get('missing-on-list', '/v2/queues', headers={'X-Project-ID': None})
    t.get('missing-on-ping', '/v2/ping', headers={'X-Project-ID': None})
    t.get('missing-not-on-root', '/', headers={'X-Project-ID': None})
    long256 = t.literal('p256', ('P' + t.tag + 'x' * 256)[:256])
    long257 = t.literal('p257', ('Q' + t.tag + 'x' * 257)[:257])
    long300 = t.literal('p300', ('R' + t.tag + 'x' * 300)[:300])
    t.put('project-256', '/v2/queues/{q}', project=long256)
    t.get('project-256-list', '/v2/queues', project=long256)
    t.put('project-257', '/v2/queues/{q}', project=long257)
    t.get('project-300-list', '/v2/queues', project=long300)
    t.get('missing-project-bad-name', '/v2/queues/bad%40name', headers={'X-Project-ID': None})


@scenario
def sc_gate_accept(t):
    """1.2 step 3: Accept variants, 406."""
    path = '/v2/queues/{q}/stats'
    t.get('accept-missing', path, headers={'Accept': None})
    t.get('accept-any', path, headers={'Accept': '*/*'})
    t.get('accept-application-any', path, headers={'Accept': 'application/*'})
    t.get('accept-list-low-q', path, headers={'Accept': 'text/html, application/json;q=0.1'})
    t.get('accept-html', path, headers={'Accept': 'text/html'})
    t.get('accept-plain', path, headers={'Accept': 'text/plain'})
    t.get('accept-xml', path, headers={'Accept': 'application/xml'})
    t.get('accept-html-no-client', path, headers={'Accept': 'text/html', 'Client-ID': None})
    t.get('accept-html-unknown-route', '/v2/nope', headers={'Accept': 'text/html'})


@scenario
def sc_gate_form(t):
    """1.2 step 2: form content type; any other content type is fine."""
    body = {'messages': [{'body': 1}]}
    t.post('form', '/v2/queues/{q}/messages', body, ctype='application/x-www-form-urlencoded')
    t.post('form-upper', '/v2/queues/{q}/messages', body, ctype='Application/X-WWW-Form-URLEncoded')
    t.post('form-no-client', '/v2/queues/{q}/messages', body,
           ctype='application/x-www-form-urlencoded', headers={'Client-ID': None})
    t.post('form-with-charset', '/v2/queues/{q}/messages', body,
           ctype='application/x-www-form-urlencoded; charset=utf-8')
    t.post('text-plain', '/v2/queues/{q}/messages', body, ctype='text/plain')
    t.post('no-content-type', '/v2/queues/{q}/messages', body, headers={'Content-Type': None})
    t.put('form-put-queue', '/v2/queues/{q2}', {}, ctype='application/x-www-form-urlencoded')
    t.get('form-get-no-body', '/v2/queues/{q}/stats', ctype='application/x-www-form-urlencoded')


@scenario
def sc_queue_names(t):
    """1.2 step 6 and tempest's name cases."""
    t.put('name-65', '/v2/queues/' + 'q' * 65, raw_path=True)
    t.put('name-64', '/v2/queues/' + t.qlen('long', 64), raw_path=True)
    t.put('name-specials', '/v2/queues/%40%24%40%5Eqw%40', raw_path=True)
    t.put('name-non-ascii', '/v2/queues/' + urllib.parse.quote('qué'), raw_path=True)
    t.put('name-encoded-at', '/v2/queues/bad%40name', raw_path=True)
    t.put('name-space', '/v2/queues/a%20b', raw_path=True)
    t.put('name-numeric', '/v2/queues/' + t.qnum('num'), raw_path=True)
    t.put('name-dot', '/v2/queues/{q}.dot')
    t.put('name-dash-underscore', '/v2/queues/{q}-_x')
    t.put('name-encoded-plain', '/v2/queues/' + urllib.parse.quote(t.q('enc'), safe='').replace('x', '%78'),
          raw_path=True)
    t.get('name-65-get', '/v2/queues/' + 'q' * 65 + '/stats', raw_path=True)
    t.post('name-65-post', '/v2/queues/' + 'q' * 65 + '/messages', {'messages': [{'body': 1}]}, raw_path=True)
    t.get('list', '/v2/queues?detailed=true')


# ---------------------------------------------------------- query params --

@scenario
def sc_query_params(t):
    """1.5: empty values, repeats, lenient integers, booleans."""
    for k in ('a', 'b', 'c'):
        t.put('put-' + k, '/v2/queues/{%s}' % k)
    t.get('empty-values', '/v2/queues?limit=&marker=&detailed=&with_count=')
    t.get('repeated-limit', '/v2/queues?limit=1&limit=2')
    t.get('limit-space', '/v2/queues?limit=%201')
    t.get('limit-plus-encoded', '/v2/queues?limit=%2B1')
    t.get('limit-plus', '/v2/queues?limit=+1')
    t.get('limit-leading-zero', '/v2/queues?limit=01')
    t.get('limit-float', '/v2/queues?limit=1.0')
    t.get('limit-abc', '/v2/queues?limit=abc')
    t.get('limit-negative-zero', '/v2/queues?limit=-0')
    for v in ('true', 'True', 't', 'yes', 'y', '1', 'on', 'false', 'False', 'f', 'no', 'n',
              '0', 'off', 'TRUE', 'None', 'tru', '2'):
        t.get('detailed-' + v, '/v2/queues?limit=1&detailed=' + v)
    t.get('with-count-None', '/v2/queues?with_count=None')
    t.get('echo-TRUE', '/v2/queues/{a}/messages?echo=TRUE')
    t.get('echo-yes', '/v2/queues/{a}/messages?echo=yes')
    t.get('include-claimed-None', '/v2/queues/{a}/messages?include_claimed=None')
    t.get('include-delayed-None', '/v2/queues/{a}/messages?include_delayed=None')
    t.get('unknown-param', '/v2/queues/{a}/stats?foo=bar')


# ----------------------------------------------------------------- queues --

@scenario
def sc_queue_list(t):
    """4.1: paging, markers, detailed, with_count, limits."""
    t.get('empty', '/v2/queues')
    t.get('empty-with-count', '/v2/queues?with_count=true')
    t.put('put-a', '/v2/queues/{a}', {'x': 1, '_default_message_ttl': 120})
    for k in ('b', 'c', 'd'):
        t.put('put-' + k, '/v2/queues/{%s}' % k)
    t.get('default', '/v2/queues')
    r = t.get('limit-2', '/v2/queues?limit=2')
    r = t.follow('page-2', t.next_href(r))
    r = t.follow('page-3', t.next_href(r))
    t.need(r.status == 200, 'page 3')
    t.get('detailed', '/v2/queues?detailed=true')
    r = t.get('detailed-limit-marker', '/v2/queues?limit=2&marker={a}&detailed=true')
    t.follow('detailed-next', t.next_href(r))
    t.get('marker-order', '/v2/queues?marker={b}&limit=2&detailed=false')
    t.get('marker-unknown-between', '/v2/queues?marker={b}0')
    t.get('marker-last', '/v2/queues?marker={d}')
    t.get('with-count', '/v2/queues?with_count=true')
    t.get('with-count-false', '/v2/queues?with_count=false')
    t.get('limit-20', '/v2/queues?limit=20')
    for v in ('0', '21', '-1', '200'):
        t.get('limit-' + v, '/v2/queues?limit=' + v)
    t.get('detailed-None', '/v2/queues?detailed=None')


@scenario
def sc_queue_list_filters(t):
    """4.1 filters (reference ignores them; Flotilla implements MongoDB's)."""
    t.put('put-a', '/v2/queues/{alpha}', {'color': 'red', 'n': 5})
    t.put('put-b', '/v2/queues/{beta}', {'color': 'blue'})
    t.get('filter-name', '/v2/queues?name=alp')
    t.get('filter-meta', '/v2/queues?color=red')
    t.get('filter-meta-int', '/v2/queues?n=5&detailed=true')


@scenario
def sc_queue_put(t):
    """4.2: 201/204, body/no body, each error."""
    t.put('new-no-body', '/v2/queues/{a}')
    t.put('again', '/v2/queues/{a}')
    t.put('again-with-body', '/v2/queues/{a}', {'new': 1})
    t.get('get-unchanged', '/v2/queues/{a}')
    t.put('new-with-body', '/v2/queues/{b}', {'a': 1, '_default_message_ttl': 120})
    t.get('get-b', '/v2/queues/{b}')
    t.put('content-length-0', '/v2/queues/{c}', b'')
    t.put('empty-object', '/v2/queues/{d}', {})
    t.put('falsy-reserved', '/v2/queues/{e}', {'_max_claim_count': 0, '_dead_letter_queue': '',
                                               '_enable_encrypt_messages': False})
    t.get('get-falsy-reserved', '/v2/queues/{e}')
    t.put('all-reserved', '/v2/queues/{f}', {
        '_max_messages_post_size': 1000, '_default_message_ttl': 600,
        '_default_message_delay': 5, '_dead_letter_queue': 'somewhere',
        '_dead_letter_queue_messages_ttl': 7799, '_max_claim_count': 3,
        '_enable_encrypt_messages': True, 'z': [1, {'b': 2, 'a': 1}]})
    t.get('get-all-reserved', '/v2/queues/{f}')
    pad = 65536 - len(json.dumps({'k': ''}))
    t.put('meta-65536', '/v2/queues/{g}', json.dumps({'k': 'v' * pad}))
    t.put('meta-65537', '/v2/queues/{h}', json.dumps({'k': 'v' * (pad + 1)}))
    t.put('meta-65537-invalid-json', '/v2/queues/{h}', '[' * 65537)
    t.put('array', '/v2/queues/{h}', [])
    t.put('array-of-object', '/v2/queues/{h}', [{'a': 1}])
    t.put('invalid-json', '/v2/queues/{h}', '{"a":')
    t.put('whitespace', '/v2/queues/{h}', '   ')
    t.put('scalar-number', '/v2/queues/{h}', '123')
    t.put('scalar-string', '/v2/queues/{h}', '"x"')
    t.put('scalar-null', '/v2/queues/{h}', 'null')
    t.put('scalar-true', '/v2/queues/{h}', 'true')
    bad = [
        ('ttl-string', {'_default_message_ttl': 'x'}),
        ('ttl-59', {'_default_message_ttl': 59}),
        ('ttl-0', {'_default_message_ttl': 0}),
        ('ttl-max+1', {'_default_message_ttl': 1209601}),
        ('ttl-float', {'_default_message_ttl': 60.5}),
        ('ttl-true', {'_default_message_ttl': True}),
        ('post-size-0', {'_max_messages_post_size': 0}),
        ('post-size-max+1', {'_max_messages_post_size': 262145}),
        ('post-size-string', {'_max_messages_post_size': 'a'}),
        ('delay-901', {'_default_message_delay': 901}),
        ('delay-negative', {'_default_message_delay': -1}),
        ('delay-string', {'_default_message_delay': 'a'}),
        ('claim-count-string', {'_max_claim_count': 'a'}),
        ('dlq-ttl-59', {'_dead_letter_queue_messages_ttl': 59}),
        ('dlq-ttl-string', {'_dead_letter_queue_messages_ttl': 'a'}),
        ('encrypt-string', {'_enable_encrypt_messages': 'yes'}),
        ('encrypt-int', {'_enable_encrypt_messages': 1}),
        ('two-errors', {'_max_messages_post_size': 0, '_default_message_ttl': 1}),
        ('order-claim-count-before-delay', {'_default_message_delay': 901, '_max_claim_count': 'a'}),
        ('order-dlq-ttl-before-delay', {'_default_message_delay': 'a', '_dead_letter_queue_messages_ttl': 1}),
        ('dlq-ttl-false', {'_dead_letter_queue_messages_ttl': False}),
        ('big-int', '{"n": 9223372036854775808}'),
    ]
    for lab, body in bad:
        t.put('bad-' + lab, '/v2/queues/{h}', body)
    t.put('falsy-unchecked', '/v2/queues/{j}', {'_enable_encrypt_messages': 0, '_max_claim_count': '',
                                                '_default_message_delay': None})
    t.get('get-falsy-unchecked', '/v2/queues/{j}')
    t.put('big-int-ok', '/v2/queues/{i}', '{"n": 9223372036854775807, "m": -9223372036854775808}')
    t.get('get-big-int-ok', '/v2/queues/{i}')
    t.get('list-after', '/v2/queues?limit=20')


@scenario
def sc_queue_get(t):
    """4.3: defaults, missing queue, stored order."""
    t.get('missing', '/v2/queues/{a}')
    t.put('put', '/v2/queues/{a}', {'zz': 1, '_default_message_ttl': 120, 'aa': None})
    t.get('stored-first', '/v2/queues/{a}')
    t.get('missing-after-other', '/v2/queues/{b}')


def _patch_bodies():
    return [
        ('op-not-object', [1]),
        ('op-missing', [{}]),
        ('op-missing-path-only', [{'path': '/metadata/a', 'value': 1}]),
        ('op-move', [{'op': 'move', 'path': '/metadata/a'}]),
        ('op-test', [{'op': 'test', 'path': '/metadata/a', 'value': 1}]),
        ('op-number', [{'op': 1, 'path': '/metadata/a', 'value': 1}]),
        ('op-uppercase', [{'op': 'ADD', 'path': '/metadata/a', 'value': 1}]),
        ('path-missing', [{'op': 'add', 'value': 1}]),
        ('path-no-slash', [{'op': 'add', 'path': 'metadata/a', 'value': 1}]),
        ('path-empty-segment', [{'op': 'add', 'path': '/metadata//a', 'value': 1}]),
        ('path-trailing-slash', [{'op': 'add', 'path': '/metadata/a/', 'value': 1}]),
        ('path-bad-escape', [{'op': 'add', 'path': '/metadata/a~2', 'value': 1}]),
        ('path-tilde-end', [{'op': 'add', 'path': '/metadata/a~', 'value': 1}]),
        ('path-3-segments', [{'op': 'add', 'path': '/metadata/a/b', 'value': 1}]),
        ('path-1-segment', [{'op': 'add', 'path': '/metadata', 'value': 1}]),
        ('path-root', [{'op': 'add', 'path': '/', 'value': 1}]),
        ('add-no-value', [{'op': 'add', 'path': '/metadata/a'}]),
        ('replace-no-value', [{'op': 'replace', 'path': '/metadata/a'}]),
        ('add-bad-root', [{'op': 'add', 'path': '/meta/a', 'value': 1}]),
        ('replace-bad-root', [{'op': 'replace', 'path': '/meta/a', 'value': 1}]),
        ('second-op-invalid', [{'op': 'add', 'path': '/metadata/a', 'value': 1}, {'op': 'bad'}]),
    ]


@scenario
def sc_queue_patch(t):
    """4.4: content type, body checks, each op/pointer error, 404, 409, reserved keys."""
    ops = [{'op': 'add', 'path': '/metadata/b', 'value': 2}]
    # order of the early checks (queue does not exist yet)
    big = json.dumps([{'op': 'add', 'path': '/metadata/k', 'value': 'v' * 65536}])
    t.patch('too-large-wrong-type', '/v2/queues/{q}', big, ctype=JSON)
    t.patch('too-large', '/v2/queues/{q}', big)
    t.patch('ct-json', '/v2/queues/{q}', ops, ctype=JSON)
    t.patch('ct-charset', '/v2/queues/{q}', ops, ctype=PATCH_CT + '; charset=utf-8')
    t.patch('ct-uppercase', '/v2/queues/{q}', ops, ctype=PATCH_CT.upper())
    t.patch('ct-missing', '/v2/queues/{q}', ops, ctype=None, headers={'Content-Type': None})
    t.patch('ct-wrong-invalid-body', '/v2/queues/{q}', '{', ctype=JSON)
    t.patch('empty-body', '/v2/queues/{q}', b'')
    t.patch('no-body', '/v2/queues/{q}', None)
    t.patch('invalid-json', '/v2/queues/{q}', '[{')
    t.patch('not-an-array', '/v2/queues/{q}', {'op': 'add'})
    t.patch('scalar', '/v2/queues/{q}', '5')
    for lab, body in _patch_bodies():
        t.patch(lab, '/v2/queues/{q}', body)
    t.patch('missing-queue', '/v2/queues/{q}', ops)
    t.patch('missing-queue-empty-ops', '/v2/queues/{q}', [])
    t.patch('missing-queue-remove-other-root', '/v2/queues/{q}', [{'op': 'remove', 'path': '/x/a'}])
    # now with a queue
    t.put('create', '/v2/queues/{q}', {'a': 1, 'keep': 'k'})
    t.patch('add', '/v2/queues/{q}', ops)
    t.patch('add-overwrite', '/v2/queues/{q}', [{'op': 'add', 'path': '/metadata/a', 'value': {'n': [1, 2]}}])
    t.patch('add-root-case', '/v2/queues/{q}', [{'op': 'add', 'path': '/METADATA/c', 'value': 3}])
    t.patch('replace-stored', '/v2/queues/{q}', [{'op': 'replace', 'path': '/metadata/c', 'value': 33}])
    t.patch('replace-unknown-409', '/v2/queues/{q}', [{'op': 'replace', 'path': '/metadata/zz', 'value': 1}])
    t.patch('remove-unknown-409', '/v2/queues/{q}', [{'op': 'remove', 'path': '/metadata/zz'}])
    t.patch('409-leaves-earlier-ops', '/v2/queues/{q}', [
        {'op': 'add', 'path': '/metadata/new', 'value': 1},
        {'op': 'remove', 'path': '/metadata/zz'}])
    t.get('get-after-409', '/v2/queues/{q}')
    t.patch('replace-reserved-unstored', '/v2/queues/{q}',
            [{'op': 'replace', 'path': '/metadata/_max_claim_count', 'value': 5}])
    t.patch('remove-reserved-unstored', '/v2/queues/{q}',
            [{'op': 'remove', 'path': '/metadata/_max_messages_post_size'},
             {'op': 'remove', 'path': '/metadata/_enable_encrypt_messages'}])
    t.patch('remove-reserved-stored', '/v2/queues/{q}',
            [{'op': 'remove', 'path': '/metadata/_max_claim_count'}])
    t.patch('remove-any-root', '/v2/queues/{q}', [{'op': 'remove', 'path': '/anything/keep'}])
    t.patch('escapes', '/v2/queues/{q}', [{'op': 'add', 'path': '/metadata/x~1y', 'value': 1},
                                          {'op': 'add', 'path': '/metadata/t~0', 'value': 2}])
    t.patch('spaces', '/v2/queues/{q}', [{'op': 'add', 'path': '/metadata/ sp ', 'value': 1}])
    t.patch('remove-escaped', '/v2/queues/{q}', [{'op': 'remove', 'path': '/metadata/x~1y'},
                                                 {'op': 'remove', 'path': '/metadata/t~0'}])
    t.patch('validate-after-patch', '/v2/queues/{q}',
            [{'op': 'add', 'path': '/metadata/_default_message_ttl', 'value': 59}])
    t.patch('validate-after-patch-type', '/v2/queues/{q}',
            [{'op': 'replace', 'path': '/metadata/_enable_encrypt_messages', 'value': 'x'}])
    t.patch('validate-post-size', '/v2/queues/{q}',
            [{'op': 'add', 'path': '/metadata/_max_messages_post_size', 'value': 262145}])
    t.patch('add-reserved-ok', '/v2/queues/{q}',
            [{'op': 'add', 'path': '/metadata/_default_message_ttl', 'value': 7200},
             {'op': 'add', 'path': '/metadata/_max_claim_count', 'value': 0}])
    t.patch('noop', '/v2/queues/{q}', [])
    t.patch('extra-fields', '/v2/queues/{q}', [{'op': 'remove', 'path': '/metadata/b', 'value': 1, 'x': 2}])
    t.get('get-final', '/v2/queues/{q}')
    # what zaqarclient's queue.metadata(new_meta=...) sends after a GET
    r = t.get('client-get', '/v2/queues/{q}')
    t.need(isinstance(r.json, dict), 'queue GET')
    new_meta = {'a': 'A', 'fresh': True, '_default_message_ttl': 300}
    changes = []
    cur = dict(r.json)
    for k, v in new_meta.items():
        changes.append({'op': 'replace' if cur.get(k) is not None else 'add',
                        'path': '/metadata/%s' % k, 'value': v})
        cur.pop(k, None)
    for k in cur:
        changes.append({'op': 'remove', 'path': '/metadata/%s' % k})
    t.patch('client-algorithm', '/v2/queues/{q}', changes)
    t.get('client-get-after', '/v2/queues/{q}')


@scenario
def sc_queue_delete(t):
    """4.5: always 204; messages and claims go."""
    t.delete('missing', '/v2/queues/{q}')
    t.put('create', '/v2/queues/{q}', {'a': 1})
    t.post_msgs('post', 'q', [{'body': 1}, {'body': 2}])
    cid, _ = t.claim('claim', 'q', {'ttl': 60, 'grace': 60}, '?limit=1')
    t.delete('delete', '/v2/queues/{q}')
    t.delete('delete-again', '/v2/queues/{q}')
    t.get('get-after', '/v2/queues/{q}')
    t.get('list-after', '/v2/queues')
    t.get('messages-after', '/v2/queues/{q}/messages?echo=true')
    t.get('stats-after', '/v2/queues/{q}/stats')
    t.get('claim-after', '/v2/queues/{q}/claims/%s' % cid)
    t.put('recreate', '/v2/queues/{q}')
    t.get('get-recreated', '/v2/queues/{q}')


@scenario
def sc_queue_stats(t):
    """4.6: empty, missing, non-empty (claimed/free, oldest/newest)."""
    t.get('stats-missing', '/v2/queues/{q}/stats')
    t.put('create', '/v2/queues/{q}')
    t.get('stats-empty', '/v2/queues/{q}/stats')
    t.post_msgs('post', 'q', [{'body': 'a', 'ttl': 300}, {'body': 'b', 'ttl': 400}, {'body': None, 'ttl': 500}])
    t.get('stats-3-free', '/v2/queues/{q}/stats')
    t.claim('claim-2', 'q', {'ttl': 60, 'grace': 60}, '?limit=2')
    t.get('stats-2-claimed', '/v2/queues/{q}/stats')
    t.post_msgs('post-more', 'q', [{'body': {'k': 'v'}}])
    t.get('stats-newest-changed', '/v2/queues/{q}/stats')


@scenario
def sc_queue_purge(t):
    """4.7: body variants, errors, effect on free messages."""
    t.post('missing-queue', '/v2/queues/{q}/purge')
    t.post_msgs('post', 'q', [{'body': 1}, {'body': 2}])
    t.post('bad-no-key', '/v2/queues/{q}/purge', {})
    t.post('bad-other-key', '/v2/queues/{q}/purge', {'types': ['messages']})
    t.post('bad-string', '/v2/queues/{q}/purge', {'resource_types': 'messages'})
    t.post('bad-element', '/v2/queues/{q}/purge', {'resource_types': ['bogus']})
    t.post('bad-mixed', '/v2/queues/{q}/purge', {'resource_types': ['messages', 'claims']})
    t.post('bad-array-body', '/v2/queues/{q}/purge', [])
    t.post('bad-invalid-json', '/v2/queues/{q}/purge', '{')
    t.get('list-after-errors', '/v2/queues/{q}/messages?echo=true')
    t.post('empty-list', '/v2/queues/{q}/purge', {'resource_types': []})
    t.post('subscriptions-only', '/v2/queues/{q}/purge', {'resource_types': ['subscriptions']})
    t.get('list-still-there', '/v2/queues/{q}/messages?echo=true')
    t.post('messages', '/v2/queues/{q}/purge', {'resource_types': ['messages']})
    t.get('list-purged', '/v2/queues/{q}/messages?echo=true')
    t.post_msgs('post-again', 'q', [{'body': 3}])
    t.post('no-body', '/v2/queues/{q}/purge')
    t.get('list-purged-again', '/v2/queues/{q}/messages?echo=true')
    t.post_msgs('post-third', 'q', [{'body': 4}])
    t.post('both', '/v2/queues/{q}/purge', {'resource_types': ['messages', 'subscriptions']})
    t.get('stats-after', '/v2/queues/{q}/stats')
    t.get('queue-kept', '/v2/queues')


@scenario
def sc_purge_claimed(t):
    """4.7 / [9]: claimed messages survive a reference purge."""
    ids = t.post_msgs('post', 'q', [{'body': 1}, {'body': 2}])
    t.claim('claim', 'q', {'ttl': 60, 'grace': 60}, '?limit=1')
    t.post('purge', '/v2/queues/{q}/purge')
    t.get('after-purge-get-ids', '/v2/queues/{q}/messages?ids=%s' % ','.join(ids))
    t.get('after-purge-stats', '/v2/queues/{q}/stats')


@scenario
def sc_queue_share(t):
    """4.8: pre-signed URL creation (reference harness has no secret key)."""
    t.post('share-empty', '/v2/queues/{q}/share', {})
    t.post('share-no-body', '/v2/queues/{q}/share')
    t.post('share-unknown-key', '/v2/queues/{q}/share', {'foo': 1})
    t.post('share-bad-path', '/v2/queues/{q}/share', {'paths': ['bogus']})
    t.post('share-past', '/v2/queues/{q}/share', {'expires': '2000-01-01T00:00:00'})
    t.post('share-int-expires', '/v2/queues/{q}/share', {'expires': 5})
    t.post('share-full', '/v2/queues/{q}/share', {'paths': ['messages', 'claims'],
                                                  'methods': ['POST', 'GET'],
                                                  'expires': '2030-01-01T00:00:00'})


# --------------------------------------------------------------- messages --

@scenario
def sc_message_post(t):
    """5.1 success paths: single, batch, lazy queue, queue default ttl, body types."""
    t.post('single', '/v2/queues/{q}/messages', {'messages': [{'body': {'event': 'one'}, 'ttl': 300}]})
    t.get('queue-created', '/v2/queues')
    r = t.post('batch', '/v2/queues/{q}/messages', {'messages': [
        {'body': None}, {'body': ''}, {'body': 0}, {'body': []}, {'body': {}},
        {'body': [1, 'two', {'3': None}], 'ttl': 60, 'extra': 'dropped'},
        {'body': False, 'ttl': 1209600}]})
    t.need(r.status == 201, 'batch post')
    t.follow('get-location', r.headers.get('location', ''))
    t.put('queue-with-ttl', '/v2/queues/{t}', {'_default_message_ttl': 120})
    ids = t.post_msgs('post-default-ttl', 't', [{'body': 'x'}, {'body': 'y', 'ttl': 90}])
    t.get('get-default-ttl', '/v2/queues/{t}/messages?ids=%s' % ','.join(ids))
    t.post('many-messages', '/v2/queues/{t}/messages', {'messages': [{'body': i} for i in range(30)]})
    t.get('stats', '/v2/queues/{t}/stats')
    t.post('text-plain', '/v2/queues/{q}/messages', {'messages': [{'body': 1}]}, ctype='text/plain')
    t.post('pretty-json', '/v2/queues/{q}/messages',
           json.dumps({'messages': [{'body': {'b': 1}, 'ttl': 61}]}, indent=4))


def _sized_post(n):
    base = len(json.dumps({'messages': [{'body': ''}]}))
    return json.dumps({'messages': [{'body': 'x' * (n - base)}]})


@scenario
def sc_message_post_errors(t):
    """5.1: every error, in processing order, incl. size limits."""
    path = '/v2/queues/{q}/messages'
    t.put('create', '/v2/queues/{q}')
    t.post('no-body', path, None)
    t.post('empty-body', path, b'')
    t.post('invalid-json', path, '{"messages": [')
    t.post('scalar', path, '123')
    t.post('scalar-string', path, '"x"')
    t.post('top-level-array', path, [{'body': 1}])
    t.post('empty-object', path, {})
    t.post('other-key', path, {'message': [{'body': 1}]})
    t.post('messages-object', path, {'messages': {'body': 1}})
    t.post('messages-string', path, {'messages': 'x'})
    t.post('messages-null', path, {'messages': None})
    t.post('messages-empty', path, {'messages': []})
    t.post('missing-body', path, {'messages': [{'ttl': 60}]})
    t.post('ttl-string', path, {'messages': [{'body': 1, 'ttl': '60'}]})
    t.post('ttl-float', path, {'messages': [{'body': 1, 'ttl': 60.0}]})
    t.post('ttl-null', path, {'messages': [{'body': 1, 'ttl': None}]})
    t.post('ttl-true', path, {'messages': [{'body': 1, 'ttl': True}]})
    t.post('ttl-0', path, {'messages': [{'body': 1, 'ttl': 0}]})
    t.post('ttl-59', path, {'messages': [{'body': 1, 'ttl': 59}]})
    t.post('ttl-max+1', path, {'messages': [{'body': 1, 'ttl': 1209601}]})
    t.post('ttl-big-int', path, '{"messages": [{"body": 1, "ttl": 9223372036854775808}]}')
    t.post('body-big-int', path, '{"messages": [{"body": -9223372036854775809}]}')
    t.post('second-invalid', path, {'messages': [{'body': 1}, {'ttl': 60}]})
    t.post('second-ttl-bad', path, {'messages': [{'body': 1}, {'body': 2, 'ttl': 10}]})
    t.post('type-error-before-range', path, {'messages': [{'body': 1, 'ttl': 10}, {'ttl': 60}]})
    t.post('non-object-element', path, {'messages': ['x']})
    t.get('nothing-stored', '/v2/queues/{q}/messages?echo=true')
    # size limits (Content-Length)
    t.post('size-262144', path, _sized_post(262144))
    t.post('size-262145', path, _sized_post(262145))
    t.post('size-262145-invalid-json', path, '[' * 262145)
    t.put('create-small', '/v2/queues/{s}', {'_max_messages_post_size': 100})
    t.post('queue-size-100', '/v2/queues/{s}/messages', _sized_post(100))
    t.post('queue-size-101', '/v2/queues/{s}/messages', _sized_post(101))
    t.post('queue-size-global', '/v2/queues/{s}/messages', _sized_post(262145))
    t.get('small-stats', '/v2/queues/{s}/stats')


@scenario
def sc_message_post_bad_no_queue(t):
    """[7]: the reference creates the queue before validating the POST."""
    t.post('bad-post', '/v2/queues/{q}/messages', {'messages': []})
    t.post('bad-post-2', '/v2/queues/{q2}/messages', '{')
    t.get('list-after-bad-posts', '/v2/queues')


@scenario
def sc_message_delay(t):
    """5.1/7.1 delay handling; [1] for queues without a default delay."""
    t.put('create-delayed', '/v2/queues/{d}', {'_default_message_delay': 30})
    ids = t.post_msgs('post-default-delay', 'd', [{'body': 'delayed'}])
    ids0 = t.post_msgs('post-delay-0', 'd', [{'body': 'now', 'delay': 0}])
    t.post('post-delay-901', '/v2/queues/{d}/messages', {'messages': [{'body': 1, 'delay': 901}]})
    t.post('post-delay-negative', '/v2/queues/{d}/messages', {'messages': [{'body': 1, 'delay': -1}]})
    t.post('post-delay-string', '/v2/queues/{d}/messages', {'messages': [{'body': 1, 'delay': '5'}]})
    t.get('list-hides-delayed', '/v2/queues/{d}/messages?echo=true')
    t.get('list-include-delayed', '/v2/queues/{d}/messages?echo=true&include_delayed=true')
    t.get('get-delayed-by-id', '/v2/queues/{d}/messages/%s' % ids[0])
    t.get('get-by-ids', '/v2/queues/{d}/messages?ids=%s,%s' % (ids[0], ids0[0]))
    t.get('stats', '/v2/queues/{d}/stats')
    t.claim('claim-skips-delayed', 'd', {'ttl': 60, 'grace': 60})
    t.req('pop-skips-delayed', 'DELETE', '/v2/queues/{d}/messages?pop=5')
    # queue without a default delay: the reference drops per-message delays
    t.post('nodefault-post-delay', '/v2/queues/{n}/messages', {'messages': [{'body': 'x', 'delay': 30}]})
    t.get('nodefault-list', '/v2/queues/{n}/messages?echo=true')
    t.post('nodefault-post-901', '/v2/queues/{n}/messages', {'messages': [{'body': 'y', 'delay': 901}]})


@scenario
def sc_message_list(t):
    """5.2: echo, include_claimed, limits, next links."""
    ida = t.post_msgs('post', 'q', [{'body': i, 'ttl': 300 + i} for i in range(5)])
    t.get('own-hidden', '/v2/queues/{q}/messages')
    t.get('own-hidden-other-spelling', '/v2/queues/{q}/messages',
          headers={'Client-ID': t.client.replace('-', '').upper()})
    t.get('echo', '/v2/queues/{q}/messages?echo=true')
    t.get('other-client', '/v2/queues/{q}/messages', client=t.client2)
    r = t.get('page-1', '/v2/queues/{q}/messages?echo=true&limit=2')
    r = t.follow('page-2', t.next_href(r))
    r = t.follow('page-3', t.next_href(r))
    r = t.follow('page-4-empty', t.next_href(r))
    t.need(r.status == 200, 'page 4')
    t.get('limit-20', '/v2/queues/{q}/messages?echo=true&limit=20')
    for v in ('0', '21', '-1', 'abc'):
        t.get('limit-' + v, '/v2/queues/{q}/messages?limit=' + v)
    t.get('echo-None', '/v2/queues/{q}/messages?echo=None')
    t.get('include-claimed-None', '/v2/queues/{q}/messages?include_claimed=None')
    t.get('echo-True', '/v2/queues/{q}/messages?echo=True&limit=1')
    t.get('all-params', '/v2/queues/{q}/messages?include_claimed=false&limit=1&echo=yes')
    r = t.get('page-1-again', '/v2/queues/{q}/messages?echo=true&limit=2')
    href = t.next_href(r)
    t.claim('claim-4', 'q', {'ttl': 60, 'grace': 60}, '?limit=4')
    t.get('claimed-hidden', '/v2/queues/{q}/messages?echo=true')
    t.follow('after-marker-include-claimed', href + '&include_claimed=true')
    t.get('include-claimed-nomarker', '/v2/queues/{q}/messages?echo=true&include_claimed=true')
    t.get('missing-queue', '/v2/queues/{zz}/messages?echo=true')
    t.get('by-ids-ignores-echo', '/v2/queues/{q}/messages?ids=%s' % ida[0])


@scenario
def sc_reference_bug_short_page(t):
    """5.2: Redis fills a page with `limit` messages, then drops claimed ones."""
    t.post_msgs('post', 'q', [{'body': i} for i in range(5)])
    r = t.get('page-1', '/v2/queues/{q}/messages?echo=true&limit=2')
    href = t.next_href(r)
    t.claim('claim-4', 'q', {'ttl': 60, 'grace': 60}, '?limit=4')
    # messages 3 and 4 are claimed, message 5 is free: a page of 2 after
    # message 2 should hold message 5; the reference answers an empty page
    t.follow('page-2-after-claims', href)
    t.get('no-marker-limit-1', '/v2/queues/{q}/messages?echo=true&limit=1')


@scenario
def sc_message_list_markers(t):
    """5.2 markers: [3] unknown / first-message markers differ by design."""
    ids = t.post_msgs('post', 'q', [{'body': i} for i in range(3)])
    t.get('marker-unknown', '/v2/queues/{q}/messages?echo=true&marker=zzz')
    t.get('marker-message-id', '/v2/queues/{q}/messages?echo=true&marker=%s' % ids[0])


@scenario
def sc_message_get_ids(t):
    """5.3: ?ids= sets, unknown ids, 21 ids, missing queue."""
    ids = t.post_msgs('post', 'q', [{'body': 'a'}, {'body': 'b'}, {'body': 'c'}])
    unknown = t.uid()
    t.get('two', '/v2/queues/{q}/messages?ids=%s,%s' % (ids[0], ids[2]))
    t.get('reverse-order', '/v2/queues/{q}/messages?ids=%s,%s,%s' % (ids[2], ids[1], ids[0]))
    t.get('with-unknown', '/v2/queues/{q}/messages?ids=%s,%s' % (ids[1], unknown))
    t.get('repeated-param', '/v2/queues/{q}/messages?ids=%s&ids=%s' % (ids[0], ids[1]))
    t.get('duplicate-id', '/v2/queues/{q}/messages?ids=%s,%s' % (ids[0], ids[0]))
    t.get('only-unknown', '/v2/queues/{q}/messages?ids=%s' % unknown)
    t.get('minus-one', '/v2/queues/{q}/messages?ids=-1')
    t.get('two-unknown', '/v2/queues/{q}/messages?ids=-1,123')
    t.get('21-ids', '/v2/queues/{q}/messages?ids=' + ','.join(t.uid() for _ in range(21)))
    t.get('20-unknown-ids', '/v2/queues/{q}/messages?ids=' + ','.join(str(i) for i in range(20)))
    t.get('ids-empty', '/v2/queues/{q}/messages?ids=&echo=true')
    t.get('ids-comma', '/v2/queues/{q}/messages?ids=,')
    t.get('missing-queue', '/v2/queues/{zz}/messages?ids=%s' % ids[0])
    t.claim('claim', 'q', {'ttl': 60, 'grace': 60}, '?limit=1')
    t.get('claimed-included', '/v2/queues/{q}/messages?ids=%s' % ids[0])
    t.delete('delete', '/v2/queues/{q}/messages/%s' % ids[1])
    t.get('deleted-404', '/v2/queues/{q}/messages?ids=%s' % ids[1])


@scenario
def sc_message_get_id(t):
    """5.4: get one by id."""
    ids = t.post_msgs('post', 'q', [{'body': {'x': 1}, 'ttl': 120}, {'body': 2}])
    t.get('get', '/v2/queues/{q}/messages/%s' % ids[0])
    t.get('get-other-client', '/v2/queues/{q}/messages/%s' % ids[1], client=t.client2)
    t.get('unknown', '/v2/queues/{q}/messages/%s' % t.uid())
    t.get('minus-one', '/v2/queues/{q}/messages/-1')
    t.get('dash-uuid', '/v2/queues/{q}/messages/-%s' % t.uid())
    t.get('missing-queue', '/v2/queues/{zz}/messages/%s' % t.uid())
    t.get('wrong-queue', '/v2/queues/{zz}/messages/%s' % ids[0])
    t.claim('claim', 'q', {'ttl': 60, 'grace': 60}, '?limit=1')
    t.get('claimed', '/v2/queues/{q}/messages/%s' % ids[0])


@scenario
def sc_message_delete(t):
    """5.5: every row of the delete table."""
    t.delete('missing-queue', '/v2/queues/{zz}/messages/%s' % t.uid())
    ids = t.post_msgs('post', 'q', [{'body': i} for i in range(4)])
    t.delete('missing-message', '/v2/queues/{q}/messages/%s' % t.uid())
    t.delete('malformed-id', '/v2/queues/{q}/messages/-1')
    t.delete('unclaimed', '/v2/queues/{q}/messages/%s' % ids[3])
    t.get('unclaimed-gone', '/v2/queues/{q}/messages/%s' % ids[3])
    t.delete('unclaimed-with-claim-id', '/v2/queues/{q}/messages/%s?claim_id=%s' % (ids[2], t.uid()))
    t.delete('unclaimed-with-bad-claim-id', '/v2/queues/{q}/messages/%s?claim_id=123' % ids[2])
    ca, _ = t.claim('claim-a', 'q', {'ttl': 60, 'grace': 60}, '?limit=1')   # ids[0]
    cb, _ = t.claim('claim-b', 'q', {'ttl': 60, 'grace': 60}, '?limit=1')   # ids[1]
    t.need(ca and cb, 'claims')
    t.delete('claimed-no-claim-id', '/v2/queues/{q}/messages/%s' % ids[0])
    t.delete('claimed-empty-claim-id', '/v2/queues/{q}/messages/%s?claim_id=' % ids[0])
    t.delete('claimed-malformed-claim-id', '/v2/queues/{q}/messages/%s?claim_id=123' % ids[0])
    t.delete('claimed-unknown-claim-id', '/v2/queues/{q}/messages/%s?claim_id=%s' % (ids[0], t.uid()))
    t.delete('claimed-other-claim', '/v2/queues/{q}/messages/%s?claim_id=%s' % (ids[0], cb))
    t.get('still-there', '/v2/queues/{q}/messages/%s' % ids[0])
    t.delete('claimed-right-claim', '/v2/queues/{q}/messages/%s?claim_id=%s' % (ids[0], ca))
    t.get('deleted', '/v2/queues/{q}/messages/%s' % ids[0])
    t.get('claim-a-after', '/v2/queues/{q}/claims/%s' % ca)
    t.delete('missing-with-claim-id', '/v2/queues/{q}/messages/%s?claim_id=%s' % (ids[0], ca))
    t.delete('release-b', '/v2/queues/{q}/claims/%s' % cb)
    t.delete('released-claim-id', '/v2/queues/{q}/messages/%s?claim_id=%s' % (ids[1], cb))
    t.get('list-after', '/v2/queues/{q}/messages?echo=true')


@scenario
def sc_message_bulk_delete(t):
    """5.6: delete by ids, ignoring claims."""
    ids = t.post_msgs('post', 'q', [{'body': i} for i in range(4)])
    t.claim('claim', 'q', {'ttl': 60, 'grace': 60}, '?limit=1')
    t.delete('ids-incl-claimed', '/v2/queues/{q}/messages?ids=%s,%s' % (ids[0], ids[1]))
    t.get('list-after', '/v2/queues/{q}/messages?echo=true')
    t.get('get-deleted', '/v2/queues/{q}/messages?ids=%s,%s' % (ids[0], ids[1]))
    t.delete('ids-unknown', '/v2/queues/{q}/messages?ids=%s,-1' % t.uid())
    t.delete('ids-21', '/v2/queues/{q}/messages?ids=' + ','.join(t.uid() for _ in range(21)))
    t.delete('ids-20', '/v2/queues/{q}/messages?ids=' + ','.join(t.uid() for _ in range(20)))
    t.delete('ids-empty', '/v2/queues/{q}/messages?ids=')
    t.delete('neither', '/v2/queues/{q}/messages')
    t.delete('missing-queue', '/v2/queues/{zz}/messages?ids=%s' % ids[2])
    t.delete('repeated', '/v2/queues/{q}/messages?ids=%s&ids=%s' % (ids[2], ids[3]))
    t.get('stats-after', '/v2/queues/{q}/stats')


@scenario
def sc_message_pop(t):
    """5.7: pop and each error."""
    path = '/v2/queues/{q}/messages'
    t.req('pop-missing-queue', 'DELETE', '/v2/queues/{zz}/messages?pop=1')
    ids = t.post_msgs('post', 'q', [{'body': 'p%d' % i, 'ttl': 200 + i} for i in range(5)] + [{'body': None}])
    t.claim('claim-first', 'q', {'ttl': 60, 'grace': 60}, '?limit=1')
    t.delete('pop-1', path + '?pop=1')
    t.delete('pop-2', path + '?pop=2')
    for v in ('0', '21', '-1', '1000000000'):
        t.delete('pop-bad-' + v, path + '?pop=' + v)
    t.delete('pop-space', path + '?pop=%20')
    t.delete('pop-abc', path + '?pop=abc')
    t.delete('pop-float', path + '?pop=1.5')
    t.delete('pop-and-ids', path + '?pop=1&ids=%s' % ids[4])
    t.delete('pop-and-bad-ids', path + '?pop=50&ids=%s' % ids[4])
    t.delete('pop-empty-value', path + '?pop=')
    t.delete('pop-rest', path + '?pop=20')
    t.delete('pop-empty-queue', path + '?pop=3')
    t.get('claimed-left', path + '?ids=%s' % ','.join(ids))
    t.get('stats', '/v2/queues/{q}/stats')


# ----------------------------------------------------------------- claims --

@scenario
def sc_claim_create(t):
    """6.1 success paths: 201 body+Location, 204, limits, defaults."""
    t.post('missing-queue', '/v2/queues/{zz}/claims', {'ttl': 60, 'grace': 60})
    t.put('create', '/v2/queues/{q}')
    t.post('empty-queue', '/v2/queues/{q}/claims', {'ttl': 60, 'grace': 60})
    # ttl 600 > default claim ttl 300, so the default claim never extends them
    # (ttl 300 would race: extended only if the clock ticked since the post)
    ids = t.post_msgs('post', 'q', [{'body': i, 'ttl': 600} for i in range(12)])
    t.post('claim-limit-1', '/v2/queues/{q}/claims?limit=1', {'ttl': 60, 'grace': 60})
    t.post('claim-no-body', '/v2/queues/{q}/claims?limit=1')
    t.post('claim-empty-body', '/v2/queues/{q}/claims?limit=1', b'')
    t.post('claim-empty-object', '/v2/queues/{q}/claims?limit=1', {})
    t.post('claim-extra-fields', '/v2/queues/{q}/claims?limit=1', {'ttl': 100, 'x': 1})
    t.post('claim-ttl-extends', '/v2/queues/{q}/claims?limit=1', {'ttl': 700, 'grace': 100})
    t.post('claim-default-limit', '/v2/queues/{q}/claims', {'ttl': 60, 'grace': 60})
    t.post('claim-nothing-left', '/v2/queues/{q}/claims', {'ttl': 60, 'grace': 60})
    t.get('stats', '/v2/queues/{q}/stats')
    t.get('get-claimed-by-ids', '/v2/queues/{q}/messages?ids=%s' % ','.join(ids[:7]))


@scenario
def sc_claim_create_errors(t):
    """6.1: every error, in order."""
    path = '/v2/queues/{q}/claims'
    t.post_msgs('post', 'q', [{'body': 1}])
    t.post('array', path, [])
    t.post('array-of-object', path, [{'ttl': 60}])
    t.post('invalid-json', path, '{')
    t.post('scalar', path, '42')
    t.post('ttl-string', path, {'ttl': '60', 'grace': 60})
    t.post('ttl-float', path, {'ttl': 60.0})
    t.post('ttl-true', path, {'ttl': True})
    t.post('grace-string', path, {'ttl': 60, 'grace': 'x'})
    t.post('ttl-59', path, {'ttl': 59, 'grace': 60})
    t.post('ttl-43201', path, {'ttl': 43201, 'grace': 60})
    t.post('grace-59', path, {'ttl': 60, 'grace': 59})
    t.post('grace-43201', path, {'ttl': 60, 'grace': 43201})
    t.post('limit-0', path + '?limit=0', {'ttl': 60, 'grace': 60})
    t.post('limit-21', path + '?limit=21', {'ttl': 60, 'grace': 60})
    t.post('limit-abc', path + '?limit=abc', {'ttl': 60, 'grace': 60})
    t.post('order-ttl-before-limit', path + '?limit=21', {'ttl': 59, 'grace': 60})
    t.post('order-limit-before-grace', path + '?limit=21', {'ttl': 60, 'grace': 59})
    t.post('order-type-before-range', path, {'ttl': 59, 'grace': 'x'})
    t.post('order-limit-type-before-body', path + '?limit=abc', {'ttl': 'x'})
    t.get('list-after', '/v2/queues/{q}/messages?echo=true')
    t.post('null-ttl-grace', path, {'ttl': None, 'grace': None})


@scenario
def sc_claim_lifecycle(t):
    """6.2-6.4: GET, PATCH, DELETE of claims."""
    ids = t.post_msgs('post', 'q', [{'body': 'a', 'ttl': 300}, {'body': 'b', 'ttl': 3600}, {'body': 'c'}])
    cid, _ = t.claim('claim', 'q', {'ttl': 120, 'grace': 60}, '?limit=2')
    t.need(cid, 'claim')
    base = '/v2/queues/{q}/claims/'
    t.get('get', base + cid)
    t.get('get-unknown', base + t.uid())
    t.get('get-malformed', base + '123')
    t.get('get-missing-queue', '/v2/queues/{zz}/claims/' + cid)
    t.get('message-ttl-extended', '/v2/queues/{q}/messages/%s' % ids[0])
    t.get('message-ttl-kept', '/v2/queues/{q}/messages/%s' % ids[1])
    t.patch('patch-ttl', base + cid, {'ttl': 400, 'grace': 100}, ctype=JSON)
    t.get('get-after-patch', base + cid)
    t.get('message-after-patch', '/v2/queues/{q}/messages/%s' % ids[0])
    t.patch('patch-empty-object', base + cid, {}, ctype=JSON)
    t.get('get-after-empty-patch', base + cid)
    t.patch('patch-grace-1', base + cid, {'ttl': 100, 'grace': 1}, ctype=JSON)
    t.patch('patch-no-body', base + cid, None, ctype=JSON)
    t.patch('patch-empty-body', base + cid, b'', ctype=JSON)
    t.patch('patch-invalid-json', base + cid, '{', ctype=JSON)
    t.patch('patch-array', base + cid, [], ctype=JSON)
    t.patch('patch-ttl-59', base + cid, {'ttl': 59}, ctype=JSON)
    t.patch('patch-ttl-string', base + cid, {'ttl': '60'}, ctype=JSON)
    t.patch('patch-grace-string', base + cid, {'ttl': 60, 'grace': 'x'}, ctype=JSON)
    t.patch('patch-unknown', base + t.uid(), {'ttl': 60}, ctype=JSON)
    t.patch('patch-malformed', base + '123', {'ttl': 60}, ctype=JSON)
    t.patch('patch-patch-ct', base + cid, {'ttl': 200}, ctype=PATCH_CT)
    t.delete('delete', base + cid)
    t.delete('delete-again', base + cid)
    t.delete('delete-malformed', base + '123')
    t.delete('delete-missing-queue', '/v2/queues/{zz}/claims/' + cid)
    t.get('get-released', base + cid)
    t.patch('patch-released', base + cid, {'ttl': 60}, ctype=JSON)
    t.get('message-href-clean', '/v2/queues/{q}/messages/%s' % ids[0])
    cid2, _ = t.claim('reclaim', 'q', {'ttl': 60, 'grace': 60})
    t.need(cid2, 'reclaim')
    for n, mid in enumerate(ids):
        t.delete('delete-msg-%d' % n, '/v2/queues/{q}/messages/%s?claim_id=%s' % (mid, cid2))
    t.get('claim-all-deleted', base + cid2)


def _dlq_flow(t, create_dlq):
    meta = {'_max_claim_count': 2, '_dead_letter_queue': t.q('dlq'),
            '_dead_letter_queue_messages_ttl': 7799}
    t.put('create', '/v2/queues/{q}', meta)
    if create_dlq:
        t.put('create-dlq', '/v2/queues/{dlq}')
    t.get('get-meta', '/v2/queues/{q}')
    ids = t.post_msgs('post', 'q', [{'body': 'dead', 'ttl': 300}, {'body': 'alive', 'ttl': 300}])
    for n in (1, 2):
        cid, _ = t.claim('claim-%d' % n, 'q', {'ttl': 60, 'grace': 60}, '?limit=1')
        t.need(cid, 'claim %d' % n)
        t.delete('release-%d' % n, '/v2/queues/{q}/claims/' + cid)
    # the third claim moves the first message and claims the second one
    t.claim('claim-3-moves-first', 'q', {'ttl': 60, 'grace': 60}, '?limit=1')
    t.claim('claim-4-takes-second', 'q', {'ttl': 60, 'grace': 60}, '?limit=1')
    t.get('source-list', '/v2/queues/{q}/messages?echo=true')
    t.get('source-get', '/v2/queues/{q}/messages/%s' % ids[0])
    t.get('source-stats', '/v2/queues/{q}/stats')
    t.get('dlq-list', '/v2/queues/{dlq}/messages?echo=true')
    t.get('dlq-get', '/v2/queues/{dlq}/messages/%s' % ids[0])
    t.get('dlq-stats', '/v2/queues/{dlq}/stats')
    t.get('dlq-queues', '/v2/queues')
    t.req('dlq-pop', 'DELETE', '/v2/queues/{dlq}/messages?pop=1')


@scenario
def sc_dlq(t):
    """7.2 DLQ flow (DLQ queue exists); claims are released instead of waiting 70 s."""
    _dlq_flow(t, True)


@scenario
def sc_dlq_missing_queue(t):
    """7.2 DLQ flow when the DLQ queue was never created."""
    _dlq_flow(t, False)


@scenario
def sc_dlq_zero(t):
    """7.2: _max_claim_count 0 moves on the first claim; either key alone does nothing."""
    t.put('create', '/v2/queues/{q}', {'_max_claim_count': 0, '_dead_letter_queue': t.q('dlq')})
    t.put('create-dlq', '/v2/queues/{dlq}')
    t.get('get-meta', '/v2/queues/{q}')
    ids = t.post_msgs('post', 'q', [{'body': 'x'}])
    t.claim('claim-moves', 'q', {'ttl': 60, 'grace': 60})
    t.get('dlq-get', '/v2/queues/{dlq}/messages/%s' % ids[0])
    t.put('create-count-only', '/v2/queues/{c}', {'_max_claim_count': 1})
    t.post_msgs('post-c', 'c', [{'body': 'y'}])
    for i in range(3):
        cid, _ = t.claim('count-only-claim-%d' % i, 'c', {'ttl': 60, 'grace': 60})
        t.need(cid, 'claim')
        t.delete('count-only-release-%d' % i, '/v2/queues/{c}/claims/' + cid)
    t.put('create-dlq-only', '/v2/queues/{d}', {'_dead_letter_queue': t.q('dlq')})
    t.post_msgs('post-d', 'd', [{'body': 'z'}])
    for i in range(2):
        cid, _ = t.claim('no-count-claim-%d' % i, 'd', {'ttl': 60, 'grace': 60})
        t.need(cid, 'claim')
        t.delete('no-count-release-%d' % i, '/v2/queues/{d}/claims/' + cid)


@scenario
def sc_cross_project(t):
    """Decision: messages/claims reachable only via their own project and queue."""
    ids = t.post_msgs('post', 'q', [{'body': 'secret'}, {'body': 'victim'}])
    cid, _ = t.claim('claim', 'q', {'ttl': 60, 'grace': 60}, '?limit=1')
    t.need(cid, 'claim')
    other = t.literal('p2', 'prj2' + t.tag[1:])
    t.get('other-project-missing-queue-get', '/v2/queues/{q}/messages/%s' % ids[0], project=other)
    t.get('other-project-missing-queue-ids', '/v2/queues/{q}/messages?ids=%s' % ids[0], project=other)
    t.put('other-project-create-same-name', '/v2/queues/{q}', project=other)
    t.put('create-other-queue', '/v2/queues/{q2}')
    t.get('leak-other-project-get', '/v2/queues/{q}/messages/%s' % ids[0], project=other)
    t.get('leak-other-project-ids', '/v2/queues/{q}/messages?ids=%s' % ids[0], project=other)
    t.get('leak-other-queue-get', '/v2/queues/{q2}/messages/%s' % ids[0])
    t.get('other-project-list', '/v2/queues/{q}/messages?echo=true', project=other)
    t.get('other-project-stats', '/v2/queues/{q}/stats', project=other)
    t.get('other-project-claim', '/v2/queues/{q}/claims/%s' % cid, project=other)
    t.patch('other-project-claim-patch', '/v2/queues/{q}/claims/%s' % cid, {'ttl': 100},
            ctype=JSON, project=other)
    t.delete('other-project-claim-delete', '/v2/queues/{q}/claims/%s' % cid, project=other)
    t.get('own-claim-intact', '/v2/queues/{q}/claims/%s' % cid)
    t.delete('other-project-delete-message', '/v2/queues/{q}/messages/%s' % ids[1], project=other)
    t.get('leak-own-message-after-other-delete', '/v2/queues/{q}/messages/%s' % ids[1])
    t.get('other-project-queues', '/v2/queues', project=other)


@scenario
def sc_reference_bug_patch_path_type(t):
    """4.4: a non-string `path` in a PATCH op (reference: 503, not in section 12)."""
    t.put('create', '/v2/queues/{q}')
    t.patch('path-number', '/v2/queues/{q}', [{'op': 'add', 'path': 1, 'value': 1}])
    t.patch('path-null-remove', '/v2/queues/{q}', [{'op': 'remove', 'path': None}])


# ------------------------------------------------------------ JSON quirks --

@scenario
def sc_json_quirks(t):
    """1.4: scalars, big integers, floats, key order, NaN."""
    path = '/v2/queues/{q}/messages'
    ids = t.post_msgs('post-floats', 'q', [{'body': {'f': 1.50, 'e': 1e2, 'z': 0, 'a': -0.0,
                                                     'neg': -1.25e-7, 'big': 1e100}}])
    t.get('get-floats', '/v2/queues/{q}/messages/%s' % ids[0])
    r = t.post('post-raw-floats', path, '{"messages": [{"body": {"x": 1.50, "y": 1E2, "w": 1.0e+2, "v": 10}}]}')
    t.need(r.status == 201, 'raw floats')
    t.follow('get-raw-floats', r.headers['location'])
    r = t.post('post-duplicate-keys', path, '{"messages": [{"body": {"a": 1, "b": 2, "a": 3}}]}')
    t.need(r.status == 201, 'dup keys')
    t.follow('get-duplicate-keys', r.headers['location'])
    r = t.post('post-unicode-escapes', path, '{"messages": [{"body": "\\u00e9\\ud83d\\ude00/\\t"}]}')
    t.need(r.status == 201, 'unicode')
    t.follow('get-unicode-escapes', r.headers['location'])
    t.post('post-max-int64', path, '{"messages": [{"body": [9223372036854775807, -9223372036854775808]}]}')
    t.post('post-int-too-large', path, '{"messages": [{"body": 9223372036854775808}]}')
    t.put('put-int-too-large', '/v2/queues/{q2}', '{"a": -9223372036854775809}')
    t.post('claim-int-too-large', '/v2/queues/{q}/claims', '{"ttl": 9223372036854775808}')
    t.post('post-invalid-utf8', path, b'{"messages": [{"body": "\xff"}]}')
    t.post('post-trailing-garbage', path, '{"messages": [{"body": 1}]} x')
    t.post('post-bom', path, b'\xef\xbb\xbf{"messages": [{"body": 1}]}')
    t.post('nan-body', path, '{"messages": [{"body": NaN}]}')
    t.post('nan-infinity', path, '{"messages": [{"body": [Infinity, -Infinity]}]}')
    t.put('nan-queue-meta', '/v2/queues/{q3}', '{"a": NaN}')


@scenario
def sc_checksums(t):
    """8.6: checksum values over the re-serialised body."""
    bodies = [
        '{"b":1,"a":"\u00e9"}', '""', 'null', '1.5', '1e2', '1E+100', '"\U0001F600"', '"\\ud83d\\ude00"',
        '{"z": [1, 2.0, {"y": null, "x": true}], "a": false}', '0', '-0.0', '1e-7',
        '4611686018427387904', '"</script>\\"\\\\"', '"\\u00e9"', '[]', '{}',
        '123456789.123456789', '0.1', '{"k":"\u2028"}', '"\\u0000"',
    ]
    raw = '{"messages": [%s]}' % ', '.join('{"body": %s}' % b for b in bodies)
    r = t.post('post', '/v2/queues/{q}/messages', raw)
    t.need(r.status == 201 and r.json, 'post')
    ids = [h.rsplit('/', 1)[-1] for h in r.json['resources']]
    for i, mid in enumerate(ids):
        t.get('get-%d' % i, '/v2/queues/{q}/messages/%s' % mid)


# ==========================================================================
# Runner and report
# ==========================================================================

def run_side(server, side, name, fn, tag):
    ctx = Ctx(server, side, tag)
    err = None
    try:
        fn(ctx)
    except ScenarioAbort as exc:
        err = 'scenario stopped: %s' % exc
    except Exception as exc:  # a bug in a scenario, or an unexpected answer
        err = 'scenario stopped: %s: %s' % (type(exc).__name__, exc)
    return ctx, err


def compare_scenario(name, ctx_a, err_a, ctx_b, err_b, verbose):
    """-> (status, lines) with status in PASS / EXPECTED / DIFF / ERROR."""
    na_all = Normaliser(ctx_a)
    nb_all = Normaliser(ctx_b)
    lines = []
    expected = []
    unexpected = []
    n = max(len(ctx_a.exchanges), len(ctx_b.exchanges))
    for i in range(n):
        ea = ctx_a.exchanges[i] if i < len(ctx_a.exchanges) else None
        eb = ctx_b.exchanges[i] if i < len(ctx_b.exchanges) else None
        if ea is None or eb is None or ea.label != eb.label:
            e = ea or eb
            unexpected.append((i, e, [('transcript', ea.label if ea else '(none: %s)' % (err_a or 'ended'),
                                       eb.label if eb else '(none: %s)' % (err_b or 'ended'))]))
            break
        na = na_all.exchange(ea, i)
        nb = nb_all.exchange(eb, i)
        diffs = compare_norm(na, nb)
        if not diffs:
            continue
        # Allow entries apply in order; transforms accumulate.
        handled = False
        reasons = []
        cur_a, cur_b = na, nb
        for allow in ALLOW:
            if not allow.matches(name, ea.label, na_all.string(ea.path)):
                continue
            if allow.transform is not None:
                ta, tb = allow.transform('reference', cur_a), allow.transform('candidate', cur_b)
                new_diffs = compare_norm(ta, tb)
                if new_diffs != diffs:
                    reasons.append(allow.reason)
                cur_a, cur_b, diffs = ta, tb, new_diffs
                if diffs:
                    continue
            else:
                reasons.append(allow.reason)
            ok, why = allow.expectation_holds(nb)
            if not ok:
                diffs = [('allow-list check failed (%s)' % allow.reason, '(documented Flotilla answer)', why)] + diffs
                break
            handled = True
            break
        if handled:
            expected.append((i, ea, '; '.join(reasons)))
        else:
            unexpected.append((i, ea, diffs))
    if err_a and len(ctx_a.exchanges) <= len(ctx_b.exchanges) and not unexpected:
        # the reference itself did not finish the scenario: a harness problem
        # (both sides stopping at the same point counts as a harness problem too)
        lines.append('    reference side: %s' % err_a)
        return 'ERROR', lines
    if err_b and not unexpected:
        unexpected.append((len(ctx_b.exchanges), None, [('scenario', '(completed)', err_b)]))
    for i, ex, diffs in (unexpected if verbose else unexpected[:1]):
        lines.extend(_format_diff(i, ex, diffs, verbose, na_all))
    by_reason = []
    for i, ex, reason in expected:
        for entry in by_reason:
            if entry[0] == reason:
                entry[1].append((i, ex))
                break
        else:
            by_reason.append((reason, [(i, ex)]))
    for reason, items in by_reason:
        if verbose:
            for i, ex in items:
                lines.append('    EXPECTED DIFF (%s): #%d [%s] %s %s' % (
                    reason, i + 1, ex.label, ex.method, na_all.string(ex.path)))
        else:
            lines.append('    EXPECTED DIFF (%s): %s' % (
                reason, ', '.join('#%d [%s]' % (i + 1, ex.label) for i, ex in items)))
    if unexpected and not verbose and len(unexpected) > 1:
        lines.append('    (+%d more differing requests; -v shows all)' % (len(unexpected) - 1))
    if unexpected:
        return 'DIFF', lines
    if expected:
        return 'EXPECTED', lines
    return 'PASS', lines


def _format_diff(i, ex, diffs, verbose, norm):
    out = []
    if ex is not None:
        path = norm.string(ex.path)
        out.append('    #%d [%s] %s %s' % (i + 1, ex.label, ex.method, path))
    for what, a, b in (diffs if verbose else diffs[:2]):
        out.append('        %s → %s | %s' % (what, short(a), short(b)))
    return out


def _cut(s, limit):
    return s if len(s) <= limit else s[:limit - 3] + '...'


def dump(ctx, err):
    print('  --- %s (%s) ---' % (ctx.side, ctx.server.url))
    for i, ex in enumerate(ctx.exchanges):
        body = ex.req_body
        print('  #%d [%s] %s %s' % (i + 1, ex.label, ex.method, ex.path))
        hdrs = ', '.join('%s: %s' % kv for kv in ex.req_headers if kv[0] not in ('Content-Length',))
        print('      > %s' % hdrs)
        if body:
            print('      > %s' % _cut(body.decode('utf-8', 'replace'), 300))
        r = ex.resp
        shown = dict((k, v) for k, v in r.headers.items() if k in COMPARED_HEADERS)
        print('      < %s %s' % (r.status or r.error, shown))
        if r.body:
            print('      < %s' % _cut(r.body.decode('utf-8', 'replace'), 700))
    if err:
        print('  !! %s' % err)


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split('\n\n')[0],
        epilog='Runs with any python3 (standard library only), e.g. /usr/bin/python3.')
    ap.add_argument('--reference', default='http://127.0.0.1:8888')
    ap.add_argument('--candidate')
    ap.add_argument('--only', help='comma-separated scenario names or globs')
    ap.add_argument('--list', action='store_true', help='list the scenarios and exit')
    ap.add_argument('-v', '--verbose', action='store_true')
    ap.add_argument('--dump', choices=('both', 'reference', 'candidate'),
                    help='print every exchange of one or both sides')
    args = ap.parse_args()

    selected = SCENARIOS
    if args.only:
        pats = [p.strip() for p in args.only.split(',') if p.strip()]
        selected = [(n, f) for (n, f) in SCENARIOS if any(fnmatch.fnmatchcase(n, p) for p in pats)]
        if not selected:
            raise SystemExit('no scenario matches %r (see --list)' % args.only)
    if args.list:
        for n, f in SCENARIOS:
            print('%-28s %s' % (n, (f.__doc__ or '').strip().split('\n')[0]))
        return 0
    if not args.candidate:
        ap.error('--candidate is required')

    ref = Server(args.reference)
    cand = Server(args.candidate)
    run = uuid.uuid4().hex[:6]
    counts = {'PASS': 0, 'EXPECTED': 0, 'DIFF': 0, 'ERROR': 0}
    print('reference %s | candidate %s | run %s' % (ref.url, cand.url, run))
    for idx, (name, fn) in enumerate(selected):
        t0 = time.time()
        ca, ea = run_side(ref, 'reference', name, fn, '%s%03dr' % (run, idx))
        cb, eb = run_side(cand, 'candidate', name, fn, '%s%03dc' % (run, idx))
        status, lines = compare_scenario(name, ca, ea, cb, eb, args.verbose)
        counts[status] += 1
        label = {'PASS': 'PASS', 'EXPECTED': 'PASS*', 'DIFF': 'DIFF', 'ERROR': 'ERROR'}[status]
        print('%-6s %-28s %3d requests  %.1fs' % (label, name, len(ca.exchanges), time.time() - t0))
        for line in lines:
            print(line)
        if args.dump in ('both', 'reference'):
            dump(ca, ea)
        if args.dump in ('both', 'candidate'):
            dump(cb, eb)
        sys.stdout.flush()
    print('\n%d scenarios: %d PASS, %d PASS with only expected diffs (PASS*), %d DIFF, %d ERROR'
          % (len(selected), counts['PASS'], counts['EXPECTED'], counts['DIFF'], counts['ERROR']))
    return 1 if counts['DIFF'] or counts['ERROR'] else 0


if __name__ == '__main__':
    sys.exit(main())
