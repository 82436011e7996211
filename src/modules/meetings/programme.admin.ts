// Administration of a programme: the draft with its warnings (a speaker in two places at
// once, a room booked twice) and what publishing would change; sessions and
// contributions; publishing a new version with a note for the public changelog.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminMain } from '../../http/admin.ts';
import { attempt, langPrefix } from '../../http/attempt.ts';
import { actorFor, type PageCtx } from '../../http/context.ts';
import { field, numberOrNull, problemSummary, readLangMap, type Body } from '../../http/forms.ts';
import { html, type Html } from '../../http/html.ts';
import { csrfField, href, localized, text } from '../../http/layout.ts';
import { langPaths, sendPage } from '../../http/page.ts';
import { formatPartialDate } from '../../http/i18n.ts';
import type { FieldProblem } from '../../shared/errors.ts';
import type { LangMap } from '../../shared/langmap.ts';
import { assertCan } from '../accounts/permission.policy.ts';
import { allInstitutions } from '../institutions/institution.service.ts';
import { allPeople } from '../people/person.service.ts';
import { adminHead, meetingTabs } from './views/admin.parts.ts';
import { getMeeting, listRooms, listTopics, type Meeting } from './meeting.service.ts';
import { mt, mtOf } from './meeting.i18n.ts';
import {
  createContribution, createSession, deleteContribution, deleteSession, draftState, getSession, listContributions, publishProgramme, updateContribution, updateSession,
  type ContributionInput, type SessionInput,
} from './programme.service.ts';
import { CONTRIBUTION_KINDS, CONTRIBUTION_MODES, SESSION_KINDS, type ProgrammeWarning, type SnapSession } from './programme.ts';
import { langMapFields, selectField, textField } from './views/admin.forms.ts';
import { contributionLine, meetingPath, sessionNameText, sessionTime } from './views/meeting.parts.ts';
import { changeLine } from './views/speaker.view.ts';

interface SessionValues {
  kind: string;
  title: LangMap;
  theme: LangMap;
  topic: string;
  date: string;
  startTime: string;
  endTime: string;
  timeNote: LangMap;
  room: string;
  place: string;
  position: string;
}

interface ContributionValues {
  session: string;
  kind: string;
  person: string;
  institution: string;
  post: LangMap;
  title: LangMap;
  mode: string;
  startTime: string;
  endTime: string;
  position: string;
}

const readSession = (b: Body): SessionValues => ({
  kind: field(b, 'kind'),
  title: readLangMap(b, 'title'),
  theme: readLangMap(b, 'theme'),
  topic: field(b, 'topic'),
  date: field(b, 'date'),
  startTime: field(b, 'startTime'),
  endTime: field(b, 'endTime'),
  timeNote: readLangMap(b, 'timeNote'),
  room: field(b, 'room'),
  place: field(b, 'place'),
  position: field(b, 'position'),
});

const sessionInput = (v: SessionValues): SessionInput => {
  const position = numberOrNull(v.position);
  return {
    kind: v.kind,
    title: v.title,
    theme: v.theme,
    topic: v.topic || null,
    date: v.date || null,
    startTime: v.startTime || null,
    endTime: v.endTime || null,
    timeNote: v.timeNote,
    room: v.room ? Number(v.room) : null,
    place: v.place || null,
    position: position === null || Number.isNaN(position) ? null : Math.trunc(position),
  };
};

const readContribution = (b: Body): ContributionValues => ({
  session: field(b, 'session'),
  kind: field(b, 'kind'),
  person: field(b, 'person'),
  institution: field(b, 'institution'),
  post: readLangMap(b, 'post'),
  title: readLangMap(b, 'title'),
  mode: field(b, 'mode'),
  startTime: field(b, 'startTime'),
  endTime: field(b, 'endTime'),
  position: field(b, 'position'),
});

const contributionInput = (v: ContributionValues): ContributionInput => {
  const position = numberOrNull(v.position);
  return {
    session: v.session || null,
    kind: v.kind,
    person: v.person || null,
    institution: v.institution || null,
    post: v.post,
    title: v.title,
    mode: v.mode || null,
    startTime: v.startTime || null,
    endTime: v.endTime || null,
    position: position === null || Number.isNaN(position) ? null : Math.trunc(position),
  };
};

export function warningLine(ctx: PageCtx, w: ProgrammeWarning, sessions: SnapSession[]): Html {
  const name = (id: string) => {
    const s = sessions.find((x) => x.id === id);
    return s ? `${sessionNameText(ctx, s)}${s.startTime ? ` ${s.startTime}` : ''}` : id;
  };
  return html`<li data-warning="${w.kind}">${mt(ctx, `warning.${w.kind}`, { name: text(ctx, w.subject.name), a: name(w.sessions[0]), b: name(w.sessions[1]), date: formatPartialDate(ctx.lang, w.date) })}</li>`;
}

export async function programmeAdmin(app: FastifyInstance): Promise<void> {
  const keyOf = (req: FastifyRequest) => (req.params as { key: string }).key;

  const programmePage = async (req: FastifyRequest, reply: FastifyReply, problems: FieldProblem[] = [], note: LangMap = {}) => {
    const actor = actorFor(req);
    const m = await getMeeting(app.db, keyOf(req));
    const st = await draftState(app.db, actor, m.id);
    const base = `/admin${meetingPath(m)}`;
    return sendPage(req, reply, (ctx) => ({
      title: `${mt(ctx, 'admin.programme')} · ${text(ctx, m.title)}`,
      section: 'admin',
      head: adminHead(),
      status: problems.length ? 422 : 200,
      main: adminMain(ctx, actor, '/admin/meetings', html`${meetingTabs(ctx, actor, m, 'programme')}
<h2>${mt(ctx, 'programme.warnings')}</h2>
${st.warnings.length ? html`<ul class="warnings" role="alert">${st.warnings.map((w) => warningLine(ctx, w, st.draft.sessions))}</ul>` : html`<p>${mt(ctx, 'programme.noWarnings')}</p>`}

<h2>${mt(ctx, 'programme.draft')}</h2>
<p><a class="button" href="${href(ctx, `${base}/sessions/new`)}">${mt(ctx, 'programme.addSession')}</a> <a href="${href(ctx, `${base}/contributions/new`)}">${mt(ctx, 'programme.addContribution')}</a></p>
<table class="list sessions-admin"><tbody>${st.draft.sessions.map(
        (s) => html`<tr data-session="${s.id}"><td>${s.date ? formatPartialDate(ctx.lang, s.date) : mt(ctx, 'programme.noDate')}<br><small>${sessionTime(ctx, s)}</small></td>
<td><a href="${href(ctx, `${base}/sessions/${s.id}`)}">${sessionNameText(ctx, s)}</a>${s.topic ? html`<br><small>${s.topic}</small>` : ''}</td>
<td>${s.room ? localized(ctx, s.room.name) : ''}</td><td>${s.contributions.length}</td></tr>`,
      )}</tbody></table>
${st.draft.contributions.length
  ? html`<h3>${mt(ctx, 'programme.otherContributions')}</h3><ul class="contributions">${st.draft.contributions.map(
      (c) => html`${contributionLine(ctx, m, c)}<li class="edit-link"><a href="${href(ctx, `${base}/contributions/${c.id}`)}">${mt(ctx, 'admin.edit')}</a></li>`,
    )}</ul>`
  : ''}

<h2>${mt(ctx, 'programme.pending')}</h2>
${st.published ? html`<p class="meta">${mt(ctx, 'programme.version', { version: st.published.version, date: formatPartialDate(ctx.lang, st.published.publishedAt.slice(0, 10)) })}</p>` : ''}
${st.pending.length ? html`<ul class="changes">${st.pending.map((c) => changeLine(ctx, c))}</ul>` : html`<p>${mt(ctx, 'programme.nothingPending')}</p>`}
${problemSummary(ctx, problems)}
<form method="post" action="${href(ctx, `${base}/programme/publish`)}" class="record">${csrfField(ctx)}
${langMapFields(ctx, 'note', mt(ctx, 'form.note'), (l) => mt(ctx, 'form.noteIn', { lang: l }), note, problems)}
<p class="actions"><button type="submit">${mt(ctx, 'programme.publish', { version: (st.published?.version ?? 0) + 1 })}</button></p></form>`),
    }));
  };

  for (const url of langPaths('/admin/meetings/:key/programme')) app.get(url, async (req, reply) => programmePage(req, reply));

  for (const url of langPaths('/admin/meetings/:key/programme/publish'))
    app.post(url, async (req, reply) => {
      const actor = actorFor(req);
      const m = await getMeeting(app.db, keyOf(req));
      const note = readLangMap((req.body ?? {}) as Body, 'note');
      const r = await attempt(() => publishProgramme(app.db, actor, m.id, note), 'note');
      if ('problems' in r) return programmePage(req, reply, r.problems, note);
      return reply.redirect(`${langPrefix(req.url)}/admin${meetingPath(m)}/programme?done=saved`, 303);
    });

  // ---- sessions

  const sessionPage = async (req: FastifyRequest, reply: FastifyReply, m: Meeting, v: SessionValues, problems: FieldProblem[], sessionId?: string) => {
    const actor = actorFor(req);
    assertCan(actor, 'meeting.write');
    const [topics, rooms, institutions, st, people] = await Promise.all([listTopics(app.db, m.key), listRooms(app.db, m.key), allInstitutions(app.db), draftState(app.db, actor, m.id), allPeople(app.db)]);
    const base = `/admin${meetingPath(m)}`;
    const action = sessionId ? `${base}/sessions/${sessionId}` : `${base}/sessions/new`;
    const snap = sessionId ? st.draft.sessions.find((s) => s.id === sessionId) : undefined;
    return sendPage(req, reply, (ctx) => {
      const sorted = (xs: Array<[string, string]>) => xs.sort((a, b) => a[1].localeCompare(b[1], ctx.tag));
      return {
        title: mt(ctx, 'programme.editSession'),
        section: 'admin',
        head: adminHead(),
        status: problems.length ? 422 : 200,
        main: adminMain(ctx, actor, '/admin/meetings', html`${meetingTabs(ctx, actor, m, 'programme')}
<h2>${mt(ctx, 'programme.editSession')}${snap ? html`: ${sessionNameText(ctx, snap)}` : ''}</h2>
${problemSummary(ctx, problems)}
<form method="post" action="${href(ctx, action)}" class="record">${csrfField(ctx)}
${selectField('kind', mt(ctx, 'form.sessionKind'), v.kind, SESSION_KINDS.map((k) => [k, mtOf(ctx, 'session', k)]), problems)}
${langMapFields(ctx, 'title', mt(ctx, 'form.sessionTitle'), (l) => mt(ctx, 'form.sessionTitleIn', { lang: l }), v.title, problems)}
${langMapFields(ctx, 'theme', mt(ctx, 'form.sessionTheme'), (l) => mt(ctx, 'form.sessionThemeIn', { lang: l }), v.theme, problems)}
${selectField('topic', mt(ctx, 'form.topic'), v.topic, [['', mt(ctx, 'form.none')], ...topics.map((t) => [t.slug, text(ctx, t.title)] as [string, string])], problems)}
${textField('date', mt(ctx, 'form.date'), v.date, problems, { maxlength: 10 })}
${textField('startTime', mt(ctx, 'form.startTime'), v.startTime, problems, { maxlength: 5, help: m.timeZone ?? '' })}
${textField('endTime', mt(ctx, 'form.endTime'), v.endTime, problems, { maxlength: 5 })}
${langMapFields(ctx, 'timeNote', mt(ctx, 'form.timeNote'), (l) => mt(ctx, 'form.timeNoteIn', { lang: l }), v.timeNote, problems)}
${selectField('room', mt(ctx, 'form.room'), v.room, [['', mt(ctx, 'form.none')], ...rooms.map((r) => [String(r.key), text(ctx, r.name)] as [string, string])], problems)}
${selectField('place', mt(ctx, 'form.place'), v.place, [['', mt(ctx, 'form.none')], ...sorted(institutions.map((i) => [i.slug, text(ctx, i.name)]))], problems)}
${textField('position', mt(ctx, 'form.position'), v.position, problems, { type: 'number', maxlength: 5 })}
<p class="actions"><button type="submit">${mt(ctx, 'admin.save')}</button></p></form>
${snap
  ? html`<h3>${mt(ctx, 'programme.contributions')}</h3>
${snap.contributions.length
  ? html`<ul class="contributions">${snap.contributions.map((c) => html`${contributionLine(ctx, m, c)}<li class="edit-link"><a href="${href(ctx, `${base}/contributions/${c.id}`)}">${mt(ctx, 'admin.edit')}</a></li>`)}</ul>`
  : html`<p>${mt(ctx, 'programme.noContributions')}</p>`}
<h3>${mt(ctx, 'programme.addContribution')}</h3>
${contributionForm(ctx, `${base}/contributions/new`, { ...blankContribution, session: snap.id }, [], st.draft.sessions, sorted(people.map((p) => [p.slug, text(ctx, p.name)])), sorted(institutions.map((i) => [i.slug, text(ctx, i.name)])), 'c-')}
<form method="post" action="${href(ctx, `${base}/sessions/${snap.id}/delete`)}" class="danger">${csrfField(ctx)}
<p><label><input type="checkbox" name="confirm" value="yes" required> ${mt(ctx, 'admin.confirmDelete')}</label> <button type="submit">${mt(ctx, 'admin.delete')}</button></p></form>`
  : ''}`),
      };
    });
  };

  const blankSession: SessionValues = { kind: 'plenary', title: {}, theme: {}, topic: '', date: '', startTime: '', endTime: '', timeNote: {}, room: '', place: '', position: '' };

  for (const url of langPaths('/admin/meetings/:key/sessions/new')) {
    app.get(url, async (req, reply) => {
      const m = await getMeeting(app.db, keyOf(req));
      return sessionPage(req, reply, m, { ...blankSession, date: m.startsOn ?? '' }, []);
    });
    app.post(url, async (req, reply) => {
      const m = await getMeeting(app.db, keyOf(req));
      const v = readSession((req.body ?? {}) as Body);
      const r = await attempt(() => createSession(app.db, actorFor(req), m.id, sessionInput(v)), 'kind');
      if ('problems' in r) return sessionPage(req, reply, m, v, r.problems);
      return reply.redirect(`${langPrefix(req.url)}/admin${meetingPath(m)}/sessions/${r.ok.id}?done=saved`, 303);
    });
  }

  for (const url of langPaths('/admin/meetings/:key/sessions/:sid')) {
    app.get(url, async (req, reply) => {
      const m = await getMeeting(app.db, keyOf(req));
      const s = await getSession(app.db, m, (req.params as { sid: string }).sid);
      const [topics, rooms, institutions] = await Promise.all([listTopics(app.db, m.key), listRooms(app.db, m.key), allInstitutions(app.db)]);
      const v: SessionValues = {
        kind: s.kind,
        title: s.title,
        theme: s.theme,
        topic: topics.find((t) => t.key === s.topicKey)?.slug ?? '',
        date: s.date ?? '',
        startTime: s.startTime ?? '',
        endTime: s.endTime ?? '',
        timeNote: s.timeNote,
        room: rooms.find((r) => r.key === s.roomKey)?.key.toString() ?? '',
        place: institutions.find((i) => i.key === s.placeKey)?.slug ?? '',
        position: String(s.position),
      };
      return sessionPage(req, reply, m, v, [], s.id);
    });
    app.post(url, async (req, reply) => {
      const m = await getMeeting(app.db, keyOf(req));
      const sid = (req.params as { sid: string }).sid;
      const v = readSession((req.body ?? {}) as Body);
      const r = await attempt(() => updateSession(app.db, actorFor(req), m.id, sid, sessionInput(v)), 'kind');
      if ('problems' in r) return sessionPage(req, reply, m, v, r.problems, sid);
      return reply.redirect(`${langPrefix(req.url)}/admin${meetingPath(m)}/sessions/${sid}?done=saved`, 303);
    });
  }

  for (const url of langPaths('/admin/meetings/:key/sessions/:sid/delete'))
    app.post(url, async (req, reply) => {
      const m = await getMeeting(app.db, keyOf(req));
      if (field((req.body ?? {}) as Body, 'confirm') !== 'yes') return reply.redirect(`${langPrefix(req.url)}/admin${meetingPath(m)}/sessions/${(req.params as { sid: string }).sid}`, 303);
      await deleteSession(app.db, actorFor(req), m.id, (req.params as { sid: string }).sid);
      return reply.redirect(`${langPrefix(req.url)}/admin${meetingPath(m)}/programme?done=deleted`, 303);
    });

  // ---- contributions

  const blankContribution: ContributionValues = { session: '', kind: 'speech', person: '', institution: '', post: {}, title: {}, mode: 'in_person', startTime: '', endTime: '', position: '' };

  function contributionForm(ctx: PageCtx, action: string, v: ContributionValues, problems: FieldProblem[], sessions: SnapSession[], people: Array<[string, string]>, institutions: Array<[string, string]>, idp = ''): Html {
  const id = (name: string) => ({ id: `${idp}f-${name}` });
    return html`${problemSummary(ctx, problems)}
<form method="post" action="${href(ctx, action)}" class="record">${csrfField(ctx)}
${selectField('session', mt(ctx, 'form.session'), v.session, [['', mt(ctx, 'form.noSession')], ...sessions.map((s) => [s.id, `${s.date ?? ''} ${s.startTime ?? ''} ${sessionNameText(ctx, s)}`.trim()] as [string, string])], problems, id('session'))}
${selectField('kind', mt(ctx, 'form.contributionKind'), v.kind, CONTRIBUTION_KINDS.map((k) => [k, mtOf(ctx, 'contribution', k)]), problems, id('kind'))}
${selectField('person', mt(ctx, 'form.speaker'), v.person, [['', mt(ctx, 'form.none')], ...people], problems, id('person'))}
${selectField('institution', mt(ctx, 'form.speakerInstitution'), v.institution, [['', mt(ctx, 'form.none')], ...institutions], problems, id('institution'))}
${langMapFields(ctx, 'post', mt(ctx, 'form.post'), (l) => mt(ctx, 'form.postIn', { lang: l }), v.post, problems, false, idp)}
${langMapFields(ctx, 'title', mt(ctx, 'form.contributionTitle'), (l) => mt(ctx, 'form.contributionTitleIn', { lang: l }), v.title, problems, false, idp)}
${selectField('mode', mt(ctx, 'form.cmode'), v.mode, [['', mt(ctx, 'form.none')], ...CONTRIBUTION_MODES.map((k) => [k, mtOf(ctx, 'cmode', k)] as [string, string])], problems, id('mode'))}
${textField('startTime', mt(ctx, 'form.startTime'), v.startTime, problems, { maxlength: 5, ...id('startTime') })}
${textField('endTime', mt(ctx, 'form.endTime'), v.endTime, problems, { maxlength: 5, ...id('endTime') })}
${textField('position', mt(ctx, 'form.position'), v.position, problems, { type: 'number', maxlength: 5, ...id('position') })}
<p class="actions"><button type="submit">${mt(ctx, 'admin.save')}</button></p></form>`;
  }

  const contributionPage = async (req: FastifyRequest, reply: FastifyReply, m: Meeting, v: ContributionValues, problems: FieldProblem[], contributionId?: string) => {
    const actor = actorFor(req);
    const [st, people, institutions] = await Promise.all([draftState(app.db, actor, m.id), allPeople(app.db), allInstitutions(app.db)]);
    const base = `/admin${meetingPath(m)}`;
    return sendPage(req, reply, (ctx) => {
      const sorted = (xs: Array<[string, string]>) => xs.sort((a, b) => a[1].localeCompare(b[1], ctx.tag));
      return {
        title: mt(ctx, 'programme.editContribution'),
        section: 'admin',
        head: adminHead(),
        status: problems.length ? 422 : 200,
        main: adminMain(ctx, actor, '/admin/meetings', html`${meetingTabs(ctx, actor, m, 'programme')}
<h2>${mt(ctx, 'programme.editContribution')}</h2>
${contributionForm(ctx, contributionId ? `${base}/contributions/${contributionId}` : `${base}/contributions/new`, v, problems, st.draft.sessions, sorted(people.map((p) => [p.slug, text(ctx, p.name)])), sorted(institutions.map((i) => [i.slug, text(ctx, i.name)])))}
${contributionId
  ? html`<form method="post" action="${href(ctx, `${base}/contributions/${contributionId}/delete`)}" class="danger">${csrfField(ctx)}
<p><label><input type="checkbox" name="confirm" value="yes" required> ${mt(ctx, 'admin.confirmDelete')}</label> <button type="submit">${mt(ctx, 'admin.delete')}</button></p></form>`
  : ''}`),
      };
    });
  };

  const afterContribution = (req: FastifyRequest, m: Meeting, session: string) =>
    `${langPrefix(req.url)}/admin${meetingPath(m)}/${session ? `sessions/${session}` : 'programme'}?done=saved`;

  for (const url of langPaths('/admin/meetings/:key/contributions/new')) {
    app.get(url, async (req, reply) => {
      const m = await getMeeting(app.db, keyOf(req));
      const session = String((req.query as Body).session ?? '').slice(0, 20);
      return contributionPage(req, reply, m, { ...blankContribution, session }, []);
    });
    app.post(url, async (req, reply) => {
      const m = await getMeeting(app.db, keyOf(req));
      const v = readContribution((req.body ?? {}) as Body);
      const r = await attempt(() => createContribution(app.db, actorFor(req), m.id, contributionInput(v)), 'person');
      if ('problems' in r) return contributionPage(req, reply, m, v, r.problems);
      return reply.redirect(afterContribution(req, m, v.session), 303);
    });
  }

  for (const url of langPaths('/admin/meetings/:key/contributions/:cid')) {
    app.get(url, async (req, reply) => {
      const actor = actorFor(req);
      assertCan(actor, 'meeting.write');
      const m = await getMeeting(app.db, keyOf(req));
      const cid = (req.params as { cid: string }).cid;
      const c = (await listContributions(app.db, m.key)).find((x) => x.id === cid);
      if (!c) return reply.callNotFound();
      const st = await draftState(app.db, actor, m.id);
      const snap = [...st.draft.sessions.flatMap((s) => s.contributions.map((x) => ({ x, s: s.id }))), ...st.draft.contributions.map((x) => ({ x, s: '' }))].find((e) => e.x.id === cid)!;
      const v: ContributionValues = {
        session: snap.s,
        kind: c.kind,
        person: snap.x.person?.slug ?? '',
        institution: snap.x.institution?.slug ?? '',
        post: c.post,
        title: c.title,
        mode: c.mode ?? '',
        startTime: c.startTime ?? '',
        endTime: c.endTime ?? '',
        position: String(c.position),
      };
      return contributionPage(req, reply, m, v, [], cid);
    });
    app.post(url, async (req, reply) => {
      const m = await getMeeting(app.db, keyOf(req));
      const cid = (req.params as { cid: string }).cid;
      const v = readContribution((req.body ?? {}) as Body);
      const r = await attempt(() => updateContribution(app.db, actorFor(req), m.id, cid, contributionInput(v)), 'person');
      if ('problems' in r) return contributionPage(req, reply, m, v, r.problems, cid);
      return reply.redirect(afterContribution(req, m, v.session), 303);
    });
  }

  for (const url of langPaths('/admin/meetings/:key/contributions/:cid/delete'))
    app.post(url, async (req, reply) => {
      const m = await getMeeting(app.db, keyOf(req));
      const cid = (req.params as { cid: string }).cid;
      if (field((req.body ?? {}) as Body, 'confirm') !== 'yes') return reply.redirect(`${langPrefix(req.url)}/admin${meetingPath(m)}/contributions/${cid}`, 303);
      await deleteContribution(app.db, actorFor(req), m.id, cid);
      return reply.redirect(`${langPrefix(req.url)}/admin${meetingPath(m)}/programme?done=deleted`, 303);
    });
}
