"""Frontier order per strategy, site boundaries and trap caps."""

from __future__ import annotations

from spidernest.services.site.frontier import Frontier

SITE = {"127.0.0.1:8000"}
BASE = "http://127.0.0.1:8000"


def _drain(frontier: Frontier) -> list[str]:
    order = []
    while (item := frontier.pop()) is not None:
        order.append(item.url.removeprefix(BASE))
    return order


def test_bestfirst_pops_the_highest_score() -> None:
    frontier = Frontier("bestfirst", SITE)
    frontier.push(BASE + "/a", 1.0, 1)
    frontier.push(BASE + "/kontakt", 140.0, 1)
    frontier.push(BASE + "/b", 5.0, 2)
    assert _drain(frontier) == ["/kontakt", "/b", "/a"]


def test_bfs_and_dfs() -> None:
    bfs, dfs = Frontier("bfs", SITE), Frontier("dfs", SITE)
    for frontier in (bfs, dfs):
        frontier.push(BASE + "/1", 0, 1)
        frontier.push(BASE + "/1/deep", 0, 2)
        frontier.push(BASE + "/2", 0, 1)
    assert _drain(bfs) == ["/1", "/2", "/1/deep"]
    assert _drain(dfs) == ["/1/deep", "/1", "/2"]


def test_duplicates_other_sites_and_files_are_refused() -> None:
    frontier = Frontier("bestfirst", SITE)
    assert frontier.push(BASE + "/a?utm_source=x", 0, 1)
    assert not frontier.push(BASE + "/a#top", 0, 1)
    assert not frontier.push("http://127.0.0.1:9000/a", 0, 1)
    assert not frontier.push(BASE + "/brochure.pdf", 0, 1)
    assert not frontier.mark_seen(BASE + "/a")
    assert frontier.mark_seen(BASE + "/b")


def test_numbered_templates_and_query_variants_are_capped() -> None:
    frontier = Frontier("bfs", SITE)
    pushed = [frontier.push(f"{BASE}/archive?d={n}", 0, n) for n in range(10)]
    assert sum(pushed) == 3
    pushed = [frontier.push(f"{BASE}/item/{n}", 0, 1) for n in range(10)]
    assert sum(pushed) == 5
