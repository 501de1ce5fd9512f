"""Every route declares a policy, and every declared policy exists."""

from django.urls import URLPattern, URLResolver, get_resolver

from tartan.web.permissions import POLICIES


def _patterns(resolver: URLResolver, prefix: str = "") -> list[tuple[str, object]]:
    found = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            found.extend(_patterns(pattern, prefix + str(pattern.pattern)))
        elif isinstance(pattern, URLPattern):
            found.append((prefix + str(pattern.pattern), pattern.callback))
    return found


def test_every_route_declares_an_existing_policy():
    routes = _patterns(get_resolver())
    assert len(routes) > 20
    missing = [route for route, view in routes if not hasattr(view, "policy")]
    assert missing == []
    unknown = {route: view.policy for route, view in routes if view.policy not in POLICIES}
    assert unknown == {}
