"""The Jinja2 environment of the service: GOV.UK Frontend macros, url(), static(), policies."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader

from tartan.decimals import percent, plain
from tartan.rug.html import rug_css
from tartan.web.submissions.once import once_input


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def allowed(user: Any, policy_name: str, obj: Any = None) -> bool:
    from tartan.web.permissions import is_allowed

    return is_allowed(user, policy_name, obj)


def form_error_list(form: Any) -> list[dict[str, str]]:
    """A form's errors for the GOV.UK error summary, each linking to its field."""
    return [
        {"text": str(error), "href": f"#id_{name}" if name != "__all__" else "#main-content"}
        for name, errors in form.errors.items()
        for error in errors
    ]


def figure(value: Any) -> str:
    """A submitted figure as people read it: whole numbers with thousands separators, and
    decimals only where there are some (day sums)."""
    return plain(value, grouped=True)


def environment(**options: Any) -> Environment:
    env = Environment(**options)
    env.loader = ChoiceLoader(
        [
            env.loader,  # type: ignore[list-item]
            PrefixLoader(
                {"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja", "templates")}
            ),
        ]
    )
    from tartan.web.accounts.roles import Role

    env.globals["ROLE"] = Role
    env.filters["figure"] = figure
    env.filters["percent"] = percent
    env.filters["decimal"] = plain
    env.globals.update(
        url=url,
        static=static,
        allowed=allowed,
        rug_css=rug_css,
        form_error_list=form_error_list,
        once_input=once_input,
        debug=settings.DEBUG,
    )
    return env
