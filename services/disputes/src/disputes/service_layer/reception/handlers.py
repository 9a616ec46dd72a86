"""Handlers of reception: log a contact, answer it, or turn it into a case."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shared.seedwork import InvalidValue, NotFound, clean_text

from disputes.domain.cases.codes import Category, Channel
from disputes.domain.reception.contact import Contact
from disputes.service_layer.commands import CommandResult
from disputes.service_layer.reception import commands as c
from disputes.service_layer.scope import organisation_in_scope

if TYPE_CHECKING:
    from disputes.service_layer.ports import AbstractUnitOfWork


async def log_contact(cmd: c.LogContact, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        await organisation_in_scope(uow, cmd.org_id, cmd.scope_root, field="org_id")
        topic = clean_text(cmd.topic, field="topic", label="来访事由", max_length=2000)
        caller = None
        if cmd.caller_name and cmd.caller_name.strip():
            name = clean_text(cmd.caller_name, field="caller_name", label="来访人", max_length=50)
            caller = uow.protector.encrypt(name)
        contact = Contact.log(
            dating=uow.dating(),
            id=cmd.contact_id,
            org_id=cmd.org_id,
            channel=Channel(cmd.channel),
            category=Category(cmd.category) if cmd.category else None,
            workers_involved=cmd.workers_involved,
            contacted_on=cmd.contacted_on,
            caller_cipher=caller,
            topic_cipher=uow.protector.encrypt(topic),
            entered_by=cmd.entered_by,
        )
        await uow.contacts.add(contact)
        await uow.commit()
    return CommandResult(contact.id, contact.version, contact)


async def _contact(
    uow: AbstractUnitOfWork, cmd: c.AnswerContact | c.OpenCaseFromContact
) -> Contact:
    contact = await uow.contacts.get(cmd.contact_id)
    if contact is None or not await uow.replica.is_within(contact.org_id, cmd.scope_root):
        raise NotFound("来访记录不存在", field="contact_id")
    return contact


async def answer_contact(cmd: c.AnswerContact, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        contact = await _contact(uow, cmd)
        answer = clean_text(cmd.answer, field="answer", label="答复内容", max_length=2000)
        contact.answer(uow.protector.encrypt(answer), cmd.closed_on)
        await uow.commit()
    return CommandResult(contact.id, contact.version, contact)


async def open_case(cmd: c.OpenCaseFromContact, uow: AbstractUnitOfWork) -> CommandResult:
    async with uow:
        contact = await _contact(uow, cmd)
        case = await uow.cases.get(cmd.case_id)
        if case is None or case.org_id != contact.org_id:
            raise InvalidValue("案件不存在或不属于该来访的组织", field="case_id")
        contact.open_case(cmd.case_id, cmd.closed_on)
        await uow.commit()
    return CommandResult(contact.id, contact.version, contact)
