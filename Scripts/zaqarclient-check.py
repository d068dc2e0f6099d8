#!/usr/bin/env python3
"""Drive a Zaqar v2 server with python-zaqarclient, the way a real client does.

Usage:
    /usr/bin/python3 Scripts/zaqarclient-check.py --url http://127.0.0.1:PORT [--project NAME]

Needs python-zaqarclient (Debian's python3-zaqarclient 2.4.0 is installed for
/usr/bin/python3). A pyenv `python3` first on PATH usually lacks it; the script
then re-executes itself with /usr/bin/python3, but calling /usr/bin/python3
explicitly is the safe way. No other dependencies.

Prints one line per step, `OK <step>` or `FAIL <step>: <details>` (plus
`NOTE` lines that explain client limitations), and exits 1 if any step failed.
Every run uses a fresh project id and fresh queue names.

Steps: ping, home document, health (the client cannot send X-Roles: see the
note it prints), queue create (force_create PUT), exists() (unavailable in the
v2 client), list with count and paging (links), metadata get and update via
queue.metadata(new_meta=...) (GET-then-JSON-patch including `remove` of
unstored reserved keys), stats, post single and batch, list with paging
(follows `links`), get one and several by id, claims with ttl/grace, message
delete through the claim (`?claim_id=` taken from the href), claim GET/update/
release, a claim with the client's default `{"ttl": null, "grace": null}`
body, pop, bulk delete, purge, queue delete, and the error mapping of a few
client errors (404 / 400 / 403).
"""

import argparse
import os
import sys
import traceback
import uuid

try:
    from zaqarclient.queues import client as zclient
    from zaqarclient.queues.v2 import message as zmessage
    from zaqarclient.transport import errors as zerrors
except ImportError:  # pragma: no cover - environment problem
    # `#!/usr/bin/env python3` may find a python without the client (pyenv);
    # Debian's python3-zaqarclient lives with /usr/bin/python3.
    if os.path.realpath(sys.executable) != os.path.realpath('/usr/bin/python3') \
            and os.path.exists('/usr/bin/python3') and not os.environ.get('ZQC_REEXEC'):
        os.environ['ZQC_REEXEC'] = '1'
        os.execv('/usr/bin/python3', ['/usr/bin/python3', os.path.abspath(__file__)] + sys.argv[1:])
    sys.stderr.write('python-zaqarclient is not importable by %s; run this script with '
                     '/usr/bin/python3 (Debian python3-zaqarclient)\n' % sys.executable)
    sys.exit(2)


class Checker(object):
    def __init__(self):
        self.failures = 0
        self.steps = 0

    def step(self, name, fn):
        """Run fn(); it returns None/True (OK), a string (OK with detail) or
        raises/returns False (FAIL)."""
        self.steps += 1
        try:
            res = fn()
        except AssertionError as exc:
            self.failures += 1
            print('FAIL %s: %s' % (name, exc))
            return None
        except Exception as exc:
            self.failures += 1
            detail = '%s: %s' % (type(exc).__name__, exc)
            print('FAIL %s: %s' % (name, detail))
            if VERBOSE:
                traceback.print_exc()
            return None
        if res is False:
            self.failures += 1
            print('FAIL %s' % name)
        elif isinstance(res, str):
            print('OK %s (%s)' % (name, res))
        else:
            print('OK %s' % name)
        return res

    @staticmethod
    def note(text):
        print('NOTE %s' % text)


VERBOSE = False


def expect_error(exc_type, fn):
    try:
        fn()
    except exc_type as exc:
        return exc
    except Exception as exc:
        raise AssertionError('expected %s, got %s: %s' % (exc_type.__name__, type(exc).__name__, exc))
    raise AssertionError('expected %s, got success' % exc_type.__name__)


def mid(m):
    """Message id; Claim._get() builds v1 Message objects, which keep it in `_id`."""
    return getattr(m, 'id', None) or getattr(m, '_id', None)


def make_client(url, project, roles=None):
    conf = {'auth_opts': {'backend': 'noauth', 'options': {'os_project_id': project}}}
    cli = zclient.Client(url, version=2, conf=conf)
    if roles:
        # The noauth backend cannot send X-Roles; wrap the request factory the
        # way a keystone-less deployment would have to.
        orig = cli._request_and_transport

        def with_roles():
            req, trans = orig()
            req.headers['X-Roles'] = roles
            return req, trans
        cli._request_and_transport = with_roles
    return cli


def main():
    global VERBOSE
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0],
                                 epilog='Run with /usr/bin/python3 (it has python3-zaqarclient).')
    ap.add_argument('--url', required=True, help='server base URL, e.g. http://127.0.0.1:8888')
    ap.add_argument('--project', help='project id (default: a fresh one)')
    ap.add_argument('-v', '--verbose', action='store_true', help='tracebacks for failures')
    args = ap.parse_args()
    VERBOSE = args.verbose

    tag = uuid.uuid4().hex[:8]
    project = args.project or 'zqc-%s' % tag
    cli = make_client(args.url, project)
    admin = make_client(args.url, project, roles='admin')
    qname = 'zqc-%s-main' % tag
    c = Checker()
    state = {}

    # ------------------------------------------------------------ service --
    def ping():
        assert cli.ping() is True, 'ping() returned %r' % cli.ping()
    c.step('ping', ping)

    def homedoc():
        doc = cli.homedoc()
        assert isinstance(doc, dict) and 'resources' in doc, 'homedoc: %r' % (doc,)
        missing = [k for k in ('rel/queues', 'rel/queue', 'rel/messages', 'rel/post_claim', 'rel/ping')
                   if k not in doc['resources']]
        assert not missing, 'homedoc lacks %s' % missing
        return '%d resources' % len(doc['resources'])
    c.step('homedoc', homedoc)

    def health_no_role():
        exc = expect_error(zerrors.ForbiddenError, cli.health)
        return '403 without X-Roles: %s' % (getattr(exc, 'title', None) or exc)
    c.note('python-zaqarclient cannot send X-Roles with the noauth backend, so health() '
           'is checked twice: plainly (expected 403) and with X-Roles: admin injected '
           'into the client\'s request factory')
    c.step('health-without-admin-role', health_no_role)

    def health_admin():
        h = admin.health()
        assert isinstance(h, dict) and h, 'health() returned %r' % (h,)
        if 'storage_reachable' in h:
            assert h['storage_reachable'] is True, 'storage_reachable=%r' % h['storage_reachable']
        return 'keys: %s' % ', '.join(sorted(h))
    c.step('health-with-admin-role', health_admin)

    # ------------------------------------------------------------- queues --
    def create():
        q = cli.queue(qname, force_create=True)
        state['q'] = q
        others = [cli.queue('zqc-%s-p%d' % (tag, i), force_create=True) for i in range(3)]
        state['others'] = others
    c.step('queue-create', create)
    q = state.get('q') or cli.queue(qname, auto_create=False)

    def exists():
        expect_error(Exception, q.exists)
        return 'Queue.exists() raises InvalidOperation in the v2 client, as documented; '\
               'existence is checked through the list instead'
    c.step('queue-exists-unavailable', exists)

    def list_with_count():
        it, count = cli.queues(with_count=True)
        names = [x.name for x in it]
        assert qname in names, '%s not in %s' % (qname, names)
        assert count is not None, 'no count returned'
        if count is True:
            return 'count is `true` (reference SQLAlchemy bug, section 12 row 4)'
        assert isinstance(count, int) and count == 4, 'count=%r, expected 4' % (count,)
        return 'count=%d' % count
    c.step('queue-list-with-count', list_with_count)

    def list_paging():
        it, _ = cli.queues(limit=2)
        names = [x.name for x in it.stream()]
        expected = sorted([qname] + ['zqc-%s-p%d' % (tag, i) for i in range(3)])
        assert names == expected, 'paged names %s, expected %s' % (names, expected)
        return '%d queues over pages of 2' % len(names)
    c.step('queue-list-paging', list_paging)

    def list_detailed():
        it, _ = cli.queues(detailed=True, limit=20)
        got = dict((x.name, x._metadata) for x in it)
        md = got.get(qname)
        assert isinstance(md, dict) and md.get('_default_message_ttl') == 3600, 'metadata %r' % (md,)
    c.step('queue-list-detailed', list_detailed)

    def metadata_get():
        md = q.metadata(force_reload=True)
        for k, v in (('_max_messages_post_size', 262144), ('_default_message_ttl', 3600),
                     ('_default_message_delay', 0)):
            assert md.get(k) == v, '%s=%r' % (k, md.get(k))
    c.step('queue-metadata-get', metadata_get)

    def metadata_update():
        new = q.metadata(new_meta={'color': 'red', '_default_message_ttl': 300, 'n': 1})
        assert new.get('color') == 'red' and new.get('_default_message_ttl') == 300, 'patched %r' % (new,)
        again = q.metadata(force_reload=True)
        assert again.get('color') == 'red' and again.get('n') == 1, 'reloaded %r' % (again,)
        # second update: replaces `color`, drops `n` (remove of a stored key)
        # and removes the unstored reserved defaults again
        new2 = q.metadata(new_meta={'color': 'blue', '_default_message_ttl': 300})
        assert new2.get('color') == 'blue' and 'n' not in new2, 'second patch %r' % (new2,)
        assert new2.get('_max_messages_post_size') == 262144, 'defaults lost: %r' % (new2,)
        return 'GET-then-PATCH incl. remove of unstored reserved keys'
    c.step('queue-metadata-update', metadata_update)

    def stats_empty():
        st = q.stats
        m = st.get('messages', {})
        assert (m.get('total'), m.get('free'), m.get('claimed')) == (0, 0, 0), 'stats %r' % (st,)
    c.step('queue-stats-empty', stats_empty)

    # ----------------------------------------------------------- messages --
    def post_single():
        res = q.post({'body': {'n': 0}, 'ttl': 600})
        assert len(res['resources']) == 1 and res['resources'][0].startswith('/v2/queues/%s/messages/' % qname), \
            'resources %r' % (res,)
        state['ids'] = [res['resources'][0].rsplit('/', 1)[-1]]
    c.step('message-post-single', post_single)

    def post_batch():
        res = q.post([{'body': {'n': i}, 'ttl': 600} for i in range(1, 6)])
        ids = [h.rsplit('/', 1)[-1] for h in res['resources']]
        assert len(ids) == 5, 'resources %r' % (res,)
        state.setdefault('ids', []).extend(ids)
        return '%d ids' % len(ids)
    c.step('message-post-batch', post_batch)
    ids = state.get('ids', [])

    def stats_full():
        m = q.stats['messages']
        assert (m['total'], m['free'], m['claimed']) == (6, 6, 0), 'stats %r' % (m,)
        for k in ('oldest', 'newest'):
            assert 'href' in m.get(k, {}) and 'age' in m[k] and 'created' in m[k], '%s %r' % (k, m.get(k))
    c.step('queue-stats-non-empty', stats_full)

    def list_own_hidden():
        got = list(q.messages())
        assert got == [], 'own messages listed without echo: %r' % (got,)
    c.step('message-list-hides-own', list_own_hidden)

    def list_paging_msgs():
        got = list(q.messages(echo=True, limit=2).stream())
        bodies = [m.body['n'] for m in got]
        assert bodies == list(range(6)), 'bodies over pages %r' % (bodies,)
        assert [m.id for m in got] == ids, 'ids differ'
        return '6 messages over pages of 2 (links followed)'
    c.step('message-list-paging', list_paging_msgs)

    def get_one():
        m = q.message(ids[2])
        assert m.id == ids[2] and m.body == {'n': 2} and m.ttl == 600 and m.age >= 0, \
            'message %r body=%r' % (m, m.body)
    c.step('message-get-one', get_one)

    def get_many():
        got = list(q.messages(ids[0], ids[3], ids[5]))
        assert sorted(m.body['n'] for m in got) == [0, 3, 5], 'got %r' % ([m.body for m in got],)
    c.step('message-get-many', get_many)

    def get_missing():
        expect_error(zerrors.ResourceNotFound, lambda: q.message(str(uuid.uuid4())))
        expect_error(zerrors.ResourceNotFound, lambda: list(q.messages(str(uuid.uuid4()))))
    c.step('message-get-missing-404', get_missing)

    # ------------------------------------------------------------- claims --
    def claim_create():
        cl = q.claim(ttl=60, grace=60, limit=2)
        state['claim'] = cl
        msgs = list(cl)
        assert cl.id, 'no claim id parsed from href'
        assert [m.id for m in msgs] == ids[:2], 'claimed %r' % ([m.id for m in msgs],)
        for m in msgs:
            assert m.claim_id == cl.id, 'href %s lacks claim_id=%s' % (m.href, cl.id)
        state['claimed'] = msgs
        return 'claim %s, 2 messages' % cl.id
    c.step('claim-create', claim_create)
    cl = state.get('claim')

    def claim_get():
        fresh = q.claim(id=cl.id)
        age = fresh.age            # GET
        assert fresh.ttl == 60 and age >= 0, 'ttl=%r age=%r' % (fresh.ttl, age)
        assert sorted(mid(m) for m in fresh) == sorted(ids[:2]), 'claim messages differ'
    c.step('claim-get', claim_get)

    def claimed_hidden():
        visible = [m.id for m in q.messages(echo=True, limit=20)]
        assert visible == ids[2:], 'listing %r' % (visible,)
        # a Message whose href has no ?claim_id= deletes without a claim id
        bare = zmessage.Message(q, ttl=0, age=0, body=None,
                                href='/v2/queues/%s/messages/%s' % (qname, ids[0]))
        expect_error(zerrors.ForbiddenError, bare.delete)
        return 'claimed messages hidden; delete without claim_id -> 403'
    c.step('claim-hides-messages', claimed_hidden)

    def delete_via_claim():
        msg = state['claimed'][0]
        msg.delete()               # DELETE ...?claim_id=<cid> from the href
        expect_error(zerrors.ResourceNotFound, lambda: q.message(msg.id))
    c.step('message-delete-with-claim-id', delete_via_claim)

    def claim_update():
        cl.update(ttl=120, grace=60)
        fresh = q.claim(id=cl.id)
        fresh.age
        assert fresh.ttl == 120, 'ttl after update %r' % fresh.ttl
        left = [mid(m) for m in fresh]
        assert left == [ids[1]], 'claim messages after delete %r' % (left,)
    c.step('claim-update', claim_update)

    def claim_bad_ttl():
        exc = expect_error(zerrors.MalformedRequest, lambda: q.claim(ttl=30, grace=60))
        return '400: %s' % (getattr(exc, 'description', None) or exc)
    c.step('claim-invalid-ttl-400', claim_bad_ttl)

    def claim_release():
        cl.delete()
        expect_error(zerrors.ResourceNotFound, lambda: q.claim(id=cl.id).age)
        visible = [m.id for m in q.messages(echo=True, limit=20)]
        assert visible == ids[1:], 'after release %r' % (visible,)
    c.step('claim-release', claim_release)

    def claim_defaults():
        # q.claim() sends {"ttl": null, "grace": null}
        try:
            cl2 = q.claim(limit=1)
        except zerrors.MalformedRequest as exc:
            return 'server rejects {"ttl": null, "grace": null} with 400 (%s) - the reference ' \
                   'behaviour; Flotilla applies the defaults' % getattr(exc, 'description', exc)
        msgs = list(cl2)
        assert len(msgs) == 1 and msgs[0].id == ids[1], 'claimed %r' % (msgs,)
        fresh = q.claim(id=cl2.id)
        fresh.age
        assert fresh.ttl == 300, 'default ttl %r' % fresh.ttl
        cl2.delete()
        return 'null ttl/grace -> defaults (ttl 300), the Flotilla decision'
    c.step('claim-null-ttl-grace', claim_defaults)

    def claim_empty():
        other = cli.queue('zqc-%s-empty' % tag, auto_create=False)
        cl3 = other.claim(ttl=60, grace=60)
        assert list(cl3) == [] and cl3.id is None, 'claim on empty queue %r' % (cl3.id,)
        return '204 -> no messages'
    c.step('claim-nothing-to-claim', claim_empty)

    # --------------------------------------------------- pop / bulk delete --
    def pop():
        got = list(q.pop(count=2))
        assert [m.id for m in got] == ids[1:3], 'popped %r' % ([m.id for m in got],)
        assert [m.body for m in got] == [{'n': 1}, {'n': 2}], 'bodies %r' % ([m.body for m in got],)
        expect_error(zerrors.ResourceNotFound, lambda: q.message(ids[1]))
    c.step('message-pop', pop)

    def delete_unclaimed():
        m = q.message(ids[3])
        m.delete()
        expect_error(zerrors.ResourceNotFound, lambda: q.message(ids[3]))
    c.step('message-delete-unclaimed', delete_unclaimed)

    def bulk_delete():
        q.delete_messages(ids[4], ids[5])
        st = q.stats['messages']
        assert st['total'] == 0, 'stats after bulk delete %r' % (st,)
    c.step('message-bulk-delete', bulk_delete)

    def purge():
        q.post([{'body': 'x'}, {'body': 'y'}])
        q.purge()
        st = q.stats['messages']
        assert st['total'] == 0, 'stats after purge %r' % (st,)
        q.post([{'body': 'z'}])
        q.purge(resource_types=['messages'])
        assert q.stats['messages']['total'] == 0, 'stats after typed purge'
    c.step('queue-purge', purge)

    def pop_errors():
        exc = expect_error(zerrors.MalformedRequest, lambda: list(q.pop(count=21)))
        return '400: %s' % (getattr(exc, 'description', None) or exc)
    c.step('message-pop-invalid-400', pop_errors)

    # ------------------------------------------------------- queue delete --
    def delete_queue():
        q.delete()
        q.delete()                 # idempotent
        it, _ = cli.queues(limit=20)
        names = [x.name for x in it]
        assert qname not in names, '%s still listed' % qname
        m = q.stats['messages']
        assert m['total'] == 0, 'stats of deleted queue %r' % (m,)
        for o in state.get('others', []):
            o.delete()
    c.step('queue-delete', delete_queue)

    print('%d steps, %d failed' % (c.steps, c.failures))
    return 1 if c.failures else 0


if __name__ == '__main__':
    sys.exit(main())
