# SPDX-License-Identifier: GPL-2.0-or-later
"""Mirror lists of the demo (a dead, a slow and a good mirror): ranking by probes and by
distance, what is remembered and when it expires, failover bookkeeping, medium sources."""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from xosupdate.config import Settings
from xosupdate.domain.medium import Medium
from xosupdate.errors import MirrorListError, NetworkError, ProductIdError
from xosupdate.services.demo import DemoSandbox, DemoServer, serve_demo
from xosupdate.services.mirrors import MirrorResolver, Source
from xosupdate.services.refresh import MediumRefresh, RefreshStatus, refresh_media
from xosupdate.system.http import HttpTransport
from xosupdate.system.metacache import MetadataCache

pytestmark = pytest.mark.integration

DAY = 86400.0


@pytest.fixture
def demo(demo_sandbox: DemoSandbox) -> Iterator[DemoServer]:
    with serve_demo(demo_sandbox, slow_delay=0.2) as server:
        yield server


@pytest.fixture
def root(tmp_path: Path, demo_sandbox: DemoSandbox) -> Path:
    """A root with the demo's product.id (and nothing else)."""
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    (root / "etc/product.id").write_bytes((demo_sandbox.root / "etc/product.id").read_bytes())
    return root


@pytest.fixture
def http() -> Iterator[HttpTransport]:
    with HttpTransport(connect_timeout=0.5, read_timeout=0.5) as transport:
        yield transport


def settings_for(demo: DemoServer) -> Settings:
    return Settings(
        mirrorlist_base_url=demo.mirrorlist_base_url, connect_timeout=0.5, read_timeout=0.5
    )


def resolver(
    root: Path, demo: DemoServer, http: HttpTransport, tmp_path: Path, **kw: object
) -> MirrorResolver:
    return MirrorResolver(
        root,
        transport=http,
        settings=settings_for(demo),
        cache=MetadataCache(tmp_path / "cache", root),
        **kw,  # type: ignore[arg-type]
    )


def list_requests(demo: DemoServer) -> int:
    return sum(1 for r in demo.good.log if r.path.endswith(".list"))


def test_mirrorlist_url_from_product_id(
    root: Path, demo: DemoServer, http: HttpTransport, tmp_path: Path
) -> None:
    r = resolver(root, demo, http, tmp_path)
    assert r.mirrorlist_url() == demo.mirrorlist_url
    assert r.mirrorlist_url().endswith("/api/mirrors/xtreemos.2.0.x86_64.list")
    plain = MirrorResolver(root, transport=http, settings=Settings())
    assert plain.mirrorlist_url() == "http://api.xtreemos.org/mirrors/xtreemos.2.0.x86_64.list"
    (root / "etc/product.id").unlink()
    with pytest.raises(ProductIdError, match="needed for \\$MIRRORLIST"):
        r.mirrorlist_url()


def test_probes_rank_good_slow_dead(
    root: Path, demo: DemoServer, http: HttpTransport, tmp_path: Path
) -> None:
    ranking = resolver(root, demo, http, tmp_path).ranking(demo.mirrorlist_url)
    assert [m.url for m in ranking.mirrors] == [demo.distrib_url, demo.slow_url, demo.dead_url]
    good, slow, dead = ranking.mirrors
    assert good.latency is not None and slow.latency is not None
    assert good.latency < 0.2 <= slow.latency
    assert (dead.latency, dead.error) == (None, "connection refused")
    assert ranking.probed and not ranking.from_cache
    assert ranking.chosen == good
    assert good.location == "Amsterdam, Netherlands"
    probes = [r for r in demo.good.log if r.path.endswith("media.cfg")]
    assert [p.headers.get("Range") for p in probes] == ["bytes=0-0"]
    record = json.loads(json.dumps(ranking.to_json()))
    assert record["chosen"] == demo.distrib_url
    assert [m["error"] for m in record["mirrors"]] == [None, None, "connection refused"]


def test_distance_order_without_probes(
    root: Path, demo: DemoServer, http: HttpTransport, tmp_path: Path
) -> None:
    # No time zone: the list's order (dead, slow, good), as urpmi keeps it.
    r = resolver(root, demo, http, tmp_path, probe=False)
    listed = r.ranking(demo.mirrorlist_url)
    assert [m.url for m in listed.mirrors] == list(demo.mirror_urls)
    assert not listed.probed and listed.chosen is not None
    assert listed.chosen.url == demo.dead_url
    # In Paris: Paris (dead), then Amsterdam (good), then Berlin (slow).
    (root / "etc/sysconfig").mkdir(parents=True)
    (root / "etc/sysconfig/clock").write_text('UTC=true\nZONE="Europe/Paris"\n')
    (root / "usr/share/zoneinfo").mkdir(parents=True)
    (root / "usr/share/zoneinfo/zone.tab").write_text("FR\t+4852+00220\tEurope/Paris\n")
    near = resolver(root, demo, http, tmp_path, probe=False).ranking(
        demo.mirrorlist_url, refresh=True
    )
    assert [m.url for m in near.mirrors] == [demo.dead_url, demo.distrib_url, demo.slow_url]


def test_ranking_is_remembered_until_it_expires(
    root: Path, demo: DemoServer, http: HttpTransport, tmp_path: Path
) -> None:
    first = resolver(root, demo, http, tmp_path)
    first.ranking(demo.mirrorlist_url)
    first.save()
    assert list_requests(demo) == 1
    now = time.time()
    again = resolver(root, demo, http, tmp_path, clock=lambda: now + DAY)
    remembered = again.ranking(demo.mirrorlist_url)
    assert remembered.from_cache and remembered.probed
    assert remembered.chosen is not None and remembered.chosen.url == demo.distrib_url
    assert remembered.chosen.mirror is not None  # the list line is remembered too
    assert list_requests(demo) == 1
    # After mirror_cache_days (5), the list is fetched again.
    later = resolver(root, demo, http, tmp_path, clock=lambda: now + 6 * DAY)
    assert not later.ranking(demo.mirrorlist_url).from_cache
    assert list_requests(demo) == 2


def test_product_id_change_expires_the_ranking(
    root: Path, demo: DemoServer, http: HttpTransport, tmp_path: Path
) -> None:
    first = resolver(root, demo, http, tmp_path, probe=False)
    first.ranking(demo.mirrorlist_url)
    first.save()
    product = root / "etc/product.id"
    product.write_text(product.read_text())  # same content, new mtime
    os.utime(product, (1, 1))
    assert (
        not resolver(root, demo, http, tmp_path, probe=False)
        .ranking(demo.mirrorlist_url)
        .from_cache
    )
    assert list_requests(demo) == 2


def test_failover_bookkeeping_is_remembered(
    root: Path, demo: DemoServer, http: HttpTransport, tmp_path: Path
) -> None:
    r = resolver(root, demo, http, tmp_path, probe=False)
    r.ranking(demo.mirrorlist_url)
    sources = {s.mirror: s for s in r.sources(Medium(name="Main", mirrorlist="$MIRRORLIST"))}
    r.mirror_failed(sources[demo.dead_url], "connection refused")
    r.mirror_failed(sources[demo.slow_url], "timed out")
    r.mirror_worked(sources[demo.distrib_url])
    r.save()
    data = json.loads(MetadataCache(tmp_path / "cache", root).mirrors_file.read_text())
    order = data["lists"][demo.mirrorlist_url]["order"]
    assert [(o["url"], o["error"]) for o in order] == [
        (demo.distrib_url, None),
        (demo.dead_url, "connection refused"),
        (demo.slow_url, "timed out"),
    ]
    again = resolver(root, demo, http, tmp_path, probe=False).ranking(demo.mirrorlist_url)
    assert again.chosen is not None and again.chosen.url == demo.distrib_url


def test_sources_of_media(
    root: Path, demo: DemoServer, http: HttpTransport, tmp_path: Path
) -> None:
    (root / "etc/release").write_text("XtreemOS release 2.0 (Official) for x86_64\n")
    r = resolver(root, demo, http, tmp_path, probe=False)
    url_medium = Medium(name="U", url="http://m/xtreemos/$RELEASE/$ARCH/media/main/release/")
    assert r.sources(url_medium) == (
        Source(base_url="http://m/xtreemos/2.0/x86_64/media/main/release"),
    )
    listed = r.sources(
        Medium(name="L", mirrorlist="$MIRRORLIST", with_dir="media/main/../main/release")
    )
    assert [s.base_url for s in listed] == [f"{u}/media/main/release" for u in demo.mirror_urls]
    assert {s.list_url for s in listed} == {demo.mirrorlist_url}
    # A plain mirror first, the list as fallback (formats.md §2.2).
    both = r.sources(
        Medium(name="B", mirrorlist="http://plain/$ARCH $MIRRORLIST", with_dir="media/x")
    )
    assert both[0] == Source(base_url="http://plain/x86_64/media/x", mirror="http://plain/x86_64")
    assert len(both) == 4
    # An unreachable list next to a plain mirror: the plain mirror is enough.
    dead_list = f"{demo.dead_url}/mirrors.list"
    only = r.sources(Medium(name="D", mirrorlist=f"{dead_list} http://plain", with_dir="m"))
    assert [s.base_url for s in only] == ["http://plain/m"]
    with pytest.raises(NetworkError, match="connection refused"):
        r.sources(Medium(name="E", mirrorlist=dead_list, with_dir="m"))


def test_bad_lists(
    root: Path,
    demo: DemoServer,
    http: HttpTransport,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = demo.mirrorlist_url.removeprefix(demo.good.url)
    demo.good.fault(path, content=b"<html><body>Login to the hotspot</body></html>\n")
    r = resolver(root, demo, http, tmp_path, probe=False)
    with pytest.raises(MirrorListError):
        r.ranking(demo.mirrorlist_url)
    demo.good.fault(
        path,
        content=b"continent=EU,version=2.0,arch=i586,type=distrib,url=http://x/i586\n"
        b"continent=EU,version=2.0,arch=x86_64,type=distrib,url=rsync://x/x86_64\n",
    )
    with pytest.raises(MirrorListError, match="no usable mirror"):
        r.ranking(demo.mirrorlist_url)
    # A list from the network never sends anyone to local files (as root, the helper).
    demo.good.fault(
        path,
        content=b"continent=EU,version=2.0,arch=x86_64,type=distrib,url=file:///etc/hostname?\n"
        b"continent=EU,version=2.0,arch=x86_64,type=distrib,url=file:///srv/mirror\n",
    )
    with pytest.raises(MirrorListError, match="no usable mirror"):
        r.ranking(demo.mirrorlist_url)
    # An expired ranking is better than none when the list cannot be fetched.
    demo.good.clear_faults()
    now = time.time()
    fetched = resolver(root, demo, http, tmp_path, probe=False)
    fetched.ranking(demo.mirrorlist_url)
    fetched.save()
    demo.good.fault(path, status=503)
    with caplog.at_level(logging.WARNING, logger="xosupdate.services.mirrors"):
        stale = resolver(root, demo, http, tmp_path, probe=False, clock=lambda: now + 9 * DAY)
        ranking = stale.ranking(demo.mirrorlist_url)
    assert ranking.stale and len(ranking.mirrors) == 3
    assert "HTTP 503" in caplog.text
    caplog.clear()  # asserted: not an unexpected warning


def test_an_expired_ranking_stays_expired_when_a_mirror_fails(
    root: Path,
    demo: DemoServer,
    http: HttpTransport,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fetched = resolver(root, demo, http, tmp_path, probe=False)
    fetched.ranking(demo.mirrorlist_url)
    fetched.save()
    # product.id changes (not in a way that changes the list's URL): the ranking expires;
    # the list cannot be fetched, so the remembered one serves, and a mirror fails.
    product = root / "etc/product.id"
    product.write_text(product.read_text().rstrip("\n") + ",release=2\n")
    path = demo.mirrorlist_url.removeprefix(demo.good.url)
    demo.good.fault(path, status=503)
    with caplog.at_level(logging.WARNING, logger="xosupdate.services.mirrors"):
        stale = resolver(root, demo, http, tmp_path, probe=False)
        ranking = stale.ranking(demo.mirrorlist_url)
    assert ranking.stale
    caplog.clear()  # the 503, asserted above through ``stale``
    first = ranking.mirrors[0].url
    stale.mirror_failed(Source(base_url=first, mirror=first, list_url=demo.mirrorlist_url), "x")
    stale.save()
    # Saved reordered, but still expired: the next run asks for the list again.
    demo.good.clear_faults()
    before = list_requests(demo)
    assert not resolver(root, demo, http, tmp_path, probe=False).ranking(demo.mirrorlist_url).stale
    assert list_requests(demo) == before + 1


def test_settings_are_passed_not_global(root: Path, http: HttpTransport) -> None:
    custom = dataclasses.replace(Settings(), mirrorlist_base_url="http://private/lists/")
    r = MirrorResolver(root, transport=http, settings=custom)
    assert r.mirrorlist_url() == "http://private/lists/xtreemos.2.0.x86_64.list"


def test_a_lagging_mirror_never_rolls_the_cache_back(
    demo_sandbox: DemoSandbox, tmp_path: Path
) -> None:
    """A newer Main fetched from one mirror; that mirror goes down and the next one still
    has the older tree: the refresh fails over, refuses the older metadata, and keeps the
    newer cache (the mirror that lags is tried last from now on)."""
    with serve_demo(demo_sandbox, slow_delay=0.0) as demo:
        main = demo_sandbox.media[0]
        info = f"/{demo_sandbox.distrib_url_path}/{main.with_dir}/media_info"
        synthesis = gzip.compress(
            b"@summary@new\n@info@xos-new-9.0-1xos2.0.noarch@0@1@System/Base\n", mtime=0
        )
        md5sum = f"{hashlib.md5(synthesis).hexdigest()}  synthesis.hdlist.cz\n".encode()
        # The first mirror in the list has a newer tree (its files dated now).
        demo.slow.fault(info + "/MD5SUM", content=md5sum)
        demo.slow.fault(info + "/synthesis.hdlist.cz", content=synthesis)
        settings = settings_for(demo)
        cache = tmp_path / "cache"

        def refresh() -> MediumRefresh:
            with HttpTransport(connect_timeout=0.5, read_timeout=0.5) as http:
                r = MirrorResolver(
                    demo_sandbox.root,
                    transport=http,
                    settings=settings,
                    cache=MetadataCache(cache, demo_sandbox.root),
                    probe=False,
                )
                report = refresh_media(
                    demo_sandbox.root,
                    cache_dir=cache,
                    settings=settings,
                    transport=http,
                    resolver=r,
                    names=[main.name],
                )
                r.save()
            (result,) = report.results
            return result

        assert refresh().status is RefreshStatus.UPDATED
        demo.slow.clear_faults()
        demo.slow.fault("/" + demo_sandbox.distrib_url_path, status=503)
        # The next mirror's tree is a day older.
        for name in ("MD5SUM", "synthesis.hdlist.cz"):
            real = demo_sandbox.mirror / demo_sandbox.distrib_url_path / main.with_dir
            data = (real / "media_info" / name).read_bytes()
            demo.good.fault(f"{info}/{name}", content=data, mtime=time.time() - 86400)
        result = refresh()
        assert result.status is RefreshStatus.FAILED
        assert "older metadata" in str(result.error)
        kept = MetadataCache(cache, demo_sandbox.root).medium_dir(main.name)
        assert (kept / "synthesis.hdlist.cz").read_bytes() == synthesis
