import pytest

from tartan.reference.groups import GroupError, load_groups, regional_groups, shipped_groups
from tartan.reference.register import shipped_register


def test_south_east_group_is_the_default_with_19_members():
    groups = shipped_groups()
    assert groups.default.key == "south-east"
    assert len(groups.default.members) == 19
    assert "845" in groups.default


def test_a_group_may_include_an_la_from_another_region(tmp_path):
    path = tmp_path / "groups.toml"
    path.write_text('default = "mixed"\n[groups.mixed]\nname = "Mixed"\nmembers = ["845", "301"]\n')
    group = load_groups(shipped_register(), path).default
    regions = {shipped_register()[code].region_name for code in group.members}
    assert regions == {"South East", "London"}


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ('["845", "928"]', "not a current LA"),
        ('["845", "845"]', "twice"),
        ('["999"]', "not a current LA"),
    ],
)
def test_bad_groups_are_refused(tmp_path, members, message):
    path = tmp_path / "groups.toml"
    path.write_text(f'default = "g"\n[groups.g]\nname = "G"\nmembers = {members}\n')
    with pytest.raises(GroupError, match=message):
        load_groups(shipped_register(), path)


def test_regional_groups_are_englands_nine_regions_of_current_las():
    register = shipped_register()
    groups = regional_groups(register)
    assert len(groups) == 9
    members = [code for group in groups for code in group.members]
    assert sorted(members) == sorted(la.code for la in register.current())
    south_east = next(group for group in groups if group.name == "South East")
    assert set(south_east.members) == set(shipped_groups().default.members)
