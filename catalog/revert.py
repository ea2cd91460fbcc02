"""Put an object back as it was at a revision: a framework with all its rows.

``plan()`` compares each object of the subject's timeline (see ``timeline``) as it
is now with its last version at the revision: rows added since are removed, rows
removed since come back with their old ids, changed ones get their old values,
and a framework gets its old use cases. ``apply()`` carries the plan out in one
transaction, as one revision of its own, so a revert shows in the timeline and
can itself be reverted.

Reading the plan takes a fixed number of queries: for each kind of record, the
rows now, their versions at the revision and the rows that moved away since.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_permission_codename
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.text import capfirst

from .content_version import content_changed
from .diffs import field_change
from .revisions import revision as open_revision
from .timeline import ObjectChange, label, many_to_many_values, tracked_many_to_many

# How the confirmation page words each step.
ACTIONS = {"restore": "restore", "update": "change", "remove": "remove"}
PERMISSIONS = {"restore": "add", "update": "change", "remove": "delete"}


class RevertError(Exception):
    """The revert cannot be done; the message says why."""


@dataclass
class Step:
    model: type
    action: str  # restore, update or remove
    target: object = None  # the historical record to restore from
    current: object = None  # the row as it is now
    change: ObjectChange = None
    many: dict = field(default_factory=dict)  # m2m field name: related ids to set
    blocked: str = ""  # why this step cannot be done

    @property
    def permission(self):
        opts = self.model._meta
        codename = get_permission_codename(PERMISSIONS[self.action], opts)
        return f"{opts.app_label}.{codename}"


@dataclass
class Plan:
    subject: object
    revision: object
    steps: list

    @property
    def doable(self):
        return [step for step in self.steps if not step.blocked]

    @property
    def changes(self):
        """What the revert will do, as the timeline shows changes."""
        return [step.change for step in self.doable]

    @property
    def blocked(self):
        return [step for step in self.steps if step.blocked]

    def missing_permissions(self, user):
        needed = {step.permission for step in self.doable}
        return sorted(perm for perm in needed if not user.has_perm(perm))


def editable_fields(model):
    return [
        f
        for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and not getattr(f, "auto_now", False)
    ]


def plan(subject, revision):
    """What reverting ``subject`` to ``revision`` would change, as a ``Plan``."""
    (root, root_condition), *rows = subject.sources()
    steps = source_steps(subject, root, root_condition, revision.pk)
    if any(step.action == "remove" for step in steps):
        noun = subject.model._meta.verbose_name
        raise RevertError(
            f"The {noun} did not exist at that version; choose a later one."
        )
    for history_model, condition in rows:
        steps += source_steps(subject, history_model, condition, revision.pk)
    return Plan(subject, revision, steps)


def source_steps(subject, history_model, condition, revision_id):
    """The steps for one kind of record: the subject itself, or a kind of row."""
    model = history_model.instance_type
    pk_name = model._meta.pk.attname
    joined = [f.name for f in model._meta.concrete_fields if f.many_to_one]
    current = {
        getattr(row, pk_name): row
        for row in model._default_manager.filter(condition)
        .select_related(*joined)
        .prefetch_related(*[f.name for f in tracked_many_to_many(history_model)])
    }
    until = history_model.objects.filter(history_revision__lte=revision_id)
    later = until.filter(
        **{pk_name: OuterRef(pk_name)}, history_id__gt=OuterRef("history_id")
    )
    targets = {
        getattr(record, pk_name): record
        for record in until.filter(
            Q(**{f"{pk_name}__in": until.filter(condition).values(pk_name)})
            | Q(**{f"{pk_name}__in": list(current)})
        )
        .filter(~Exists(later))
        .select_related(*joined)
    }
    moved_away = set(targets) - set(current)
    current.update(
        (getattr(row, pk_name), row)
        for row in model._default_manager.filter(
            **{f"{pk_name}__in": moved_away}
        ).select_related(*joined)
    )
    # A row with no version at the revision was created since, and goes, only if
    # its history says so; one saved before history was kept stays as it is.
    created_since = set(
        history_model.objects.filter(
            **{f"{pk_name}__in": set(current) - set(targets)}, history_type="+"
        ).values_list(pk_name, flat=True)
    )
    many = many_to_many_values(history_model, list(targets.values()))
    steps = []
    for pk in sorted(set(current) | set(targets)):
        target = targets.get(pk)
        if target is None and pk not in created_since:
            continue
        if target is not None and target.history_type == "-":
            target = None
        step = object_step(subject, model, current.get(pk), target, many)
        if step is not None:
            steps.append(step)
    return steps


def object_step(subject, model, current, target, many):
    """The step that makes ``current`` what ``target`` records, or None."""
    noun = str(model._meta.verbose_name)
    if target is None:
        if current is None:
            return None
        change = ObjectChange(noun, str(current), ACTIONS["remove"])
        return Step(model, "remove", current=current, change=change)
    action = "restore" if current is None else "update"
    change = ObjectChange(noun, label(target), ACTIONS[action])
    step = Step(model, action, target=target, current=current, change=change)
    for field_ in editable_fields(model):
        old = None if current is None else getattr(current, field_.attname)
        new = getattr(target, field_.attname)
        if old == new or (current is None and new in (None, "")):
            continue
        if field_.many_to_one and new is not None:
            is_subject = field_.related_model is subject.model and new == subject.pk
            if getattr(target, field_.name) is None and not is_subject:
                related = field_.related_model._meta.verbose_name
                step.blocked = f"its {related} has been deleted since"
                continue
            old = None if current is None else getattr(current, field_.name)
            new = getattr(target, field_.name) or new
        change.changes.append(field_change(field_, old, new))
    for name, by_record in many.items():
        wanted = by_record.get(target.history_id, [])
        step.many[name] = [item.pk for item in wanted if hasattr(item, "_meta")]
        now = [] if current is None else sorted(getattr(current, name).all(), key=str)
        if [str(item) for item in now] != [str(item) for item in wanted]:
            field_ = model._meta.get_field(name)
            change.changes.append(field_change(field_, now, wanted))
    if action == "update" and not change.changes:
        return None
    return step


def apply(plan, user, reason=""):
    """Carry out ``plan`` in one transaction and one revision; return the revision.

    Raises ``RevertError`` (and changes nothing) when a restored object would
    break a rule, e.g. a name another framework has taken since.
    """
    when = plan.revision.created
    reason = reason or f"Reverted to the version of {when:%d %b %Y, %H:%M}"
    order = {"remove": 0, "update": 1, "restore": 2}
    steps = sorted(
        plan.doable,
        key=lambda step: (step.model is not plan.subject.model, order[step.action]),
    )
    with transaction.atomic(), open_revision(reason, plan.revision) as pending:
        errors = []
        for step in steps:
            try:
                carry_out(step, user)
            except ValidationError as error:
                noun = capfirst(step.change.noun)
                errors += [f"{noun} “{step.change.label}”: {m}" for m in error.messages]
        if errors:  # raised inside the transaction: nothing is kept
            raise RevertError("The revert was not made. " + " ".join(errors))
    return pending.revision


def carry_out(step, user):
    if step.action == "remove":
        step.current._history_user = user
        step.current.delete()
        return
    if step.action == "restore":
        instance = step.target.instance
    else:
        instance = step.current
        for field_ in editable_fields(step.model):
            setattr(instance, field_.attname, getattr(step.target, field_.attname))
    instance.full_clean()
    instance._history_user = user
    instance.save(force_insert=step.action == "restore")
    if step.action == "restore":
        keep_creation_time(instance, step.target)
    for name, ids in step.many.items():
        getattr(instance, name).set(ids)


def keep_creation_time(instance, record):
    """A restored object keeps the time it was first created (``auto_now_add``)."""
    created = {
        f.attname: getattr(record, f.attname)
        for f in instance._meta.concrete_fields
        if getattr(f, "auto_now_add", False)
    }
    if created:
        type(instance)._default_manager.filter(pk=instance.pk).update(**created)
        content_changed()
