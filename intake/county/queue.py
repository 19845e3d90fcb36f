"""The conflict queue as the window walks it: filtered, next and previous, one group compared
and its records side by side. Mixed into CountyDesk (which keeps `_groups`, the groups of the
last refresh with the decisions applied, and `builder`)."""
from __future__ import annotations

from intake.county.model import Group


def neighbour_in(queue: list, key: str, step: int):
    """The item `step` places from the one keyed `key` (items have .key), wrapping around; the
    first (or last) when `key` is not in the queue; None for an empty queue."""
    if not queue:
        return None
    at = next((n for n, item in enumerate(queue) if item.key == key), None)
    if at is None:
        return queue[0] if step > 0 else queue[-1]
    return queue[(at + step) % len(queue)]


class DeskQueue:
    def groups(self, kind: str | None = None, township: str | None = None,
               status: str | None = None, compared: bool = False) -> list[Group]:
        """The conflict queue (duplicate, both_forms, possible_duplicate; then by township,
        file, row), optionally only one kind, groups with a record of one township, or one
        status. compared: with agrees/differs filled in (reads the records; see compared())."""
        found = [g for g in self._groups if (kind is None or g.kind == kind)
                 and (township is None or township in g.townships) and (status is None or g.status == status)]
        return self._compare(found) if compared else found

    def compared(self, group: Group) -> Group:
        """The group with the fields that agree and differ (a few milliseconds for one group)."""
        return self._compare([group])[0]

    def _compare(self, groups: list[Group]) -> list[Group]:
        done = {g.key: g for g in self.builder.compare(groups, self.snapshot)}
        self._groups = [done.get(g.key, g) if g.refs == done.get(g.key, g).refs else g for g in self._groups]
        return [done[g.key] for g in groups]

    def group(self, key: str) -> Group | None:
        return next((g for g in self._groups if g.key == key), None)

    def neighbour(self, key: str, step: int = 1, **filters) -> Group | None:
        """The next (step 1) or previous (-1) group of the queue filtered as by groups(...),
        wrapping around; the first (or last) when `key` is not in the filtered queue."""
        return neighbour_in(self.groups(**filters), key, step)

    def side_by_side(self, group: Group) -> list[tuple]:
        """(occurrence, {field key: cell text}) for each record of the group, edits applied;
        compared(group).differs names the fields to highlight."""
        values = self.records.values(group.refs)
        return [(o, values[o.ref]) for o in group.occurrences]

