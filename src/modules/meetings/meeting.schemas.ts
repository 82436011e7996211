// JSON shapes of the meetings API (OpenAPI components), and the functions that fill them.
import { Type } from 'typebox';
import { InstitutionRef, LangMapJson, Nullable, PersonRef } from '../../http/api.schemas.ts';
import type { MeetingDetail } from './meeting.read.ts';
import { AGENDA_KINDS, FIGURE_QUALIFIERS, MEETING_KINDS, MEETING_MODES, MEETING_STATUSES, ORGANISATION_ROLES, type Meeting } from './meeting.service.ts';
import { CONTRIBUTION_KINDS, CONTRIBUTION_MODES, SESSION_KINDS, type SnapContribution, type SnapInstitution, type SnapSession } from './programme.ts';
import type { VersionEntry } from './programme.service.ts';
import { REGISTRATION_STATUSES } from './registration.service.ts';
import { localToUtcIso } from './time.ts';
import type { Lru } from './cache.ts';

const Str = Type.String();
const NStr = Nullable(Type.String());

export const MeetingRefJson = Type.Object({ id: Str, slug: Str, title: LangMapJson, startsOn: NStr });

export const MeetingSummaryJson = Type.Object({
  id: Type.String({ description: 'public id; never changes' }),
  slug: Type.String({ description: 'readable key used in page URLs' }),
  number: Nullable(Type.Integer({ description: 'the meeting’s number in its series: 4 for the 4th conference' })),
  kind: Type.String({ enum: [...MEETING_KINDS], description: 'event: a larger event alliance meetings are part of' }),
  title: LangMapJson,
  theme: LangMapJson,
  startsOn: Nullable(Type.String({ description: 'first day, local date YYYY-MM-DD' })),
  endsOn: NStr,
  city: LangMapJson,
  venue: LangMapJson,
  country: Nullable(Type.String({ description: 'ISO 3166-1 alpha-2' })),
  timeZone: Nullable(Type.String({ description: 'IANA time zone of the local dates and times' })),
  mode: Type.String({ enum: [...MEETING_MODES] }),
  status: Type.String({ enum: [...MEETING_STATUSES] }),
  capacity: Nullable(Type.Integer({ description: 'places for delegates; null: no limit' })),
  parent: Nullable(MeetingRefJson),
  url: Type.String({ description: 'canonical page URL (the programme)' }),
  calendarUrl: Type.String({ description: 'iCalendar feed of the meeting and its sessions; ?lang=zh|en|ru|ar picks the language' }),
});

const InstitutionInProgramme = Type.Object({ id: Str, slug: Str, name: LangMapJson, country: NStr });

export const ContributionJson = Type.Object({
  id: Str,
  kind: Type.String({ enum: [...CONTRIBUTION_KINDS] }),
  title: LangMapJson,
  mode: Nullable(Type.String({ enum: [...CONTRIBUTION_MODES] })),
  person: Nullable(PersonRef),
  institution: Nullable(InstitutionInProgramme),
  post: Type.Record(Type.String(), Type.String(), { description: 'the speaker’s post at the time, as a language map' }),
  startTime: NStr,
  endTime: NStr,
});

export const SessionJson = Type.Object({
  id: Str,
  kind: Type.String({ enum: [...SESSION_KINDS] }),
  title: LangMapJson,
  theme: LangMapJson,
  topic: Nullable(Type.String({ description: 'slug of the sub-topic' })),
  date: Nullable(Type.String({ description: 'local date' })),
  startTime: Nullable(Type.String({ description: 'local time HH:MM' })),
  endTime: NStr,
  startsAt: Nullable(Type.String({ description: 'UTC instant; null when only the date is known' })),
  endsAt: NStr,
  allDay: Type.Boolean({ description: 'known only by its date' }),
  timeNote: Type.Record(Type.String(), Type.String(), { description: 'the time as the source words it ("in the evening")' }),
  room: Nullable(Type.Object({ id: Type.Integer(), name: LangMapJson })),
  place: Nullable(InstitutionInProgramme),
  calendarUrl: Str,
  contributions: Type.Array(ContributionJson),
});

const Tally = Type.Object({ delegates: Type.Integer(), institutions: Type.Integer(), countries: Type.Integer() });

// one object rather than an intersection: the serializer compiles it to a flat function
export const MeetingJson = Type.Object({
    ...MeetingSummaryJson.properties,
    children: Type.Array(MeetingRefJson),
    organisations: Type.Array(Type.Object({ role: Type.String({ enum: [...ORGANISATION_ROLES] }), institution: InstitutionRef })),
    programme: Nullable(
      Type.Object({
        version: Type.Integer(),
        publishedAt: Str,
        changelogUrl: Str,
        topics: Type.Array(Type.Object({ slug: Str, title: LangMapJson })),
        rooms: Type.Array(Type.Object({ id: Type.Integer(), name: LangMapJson })),
      }),
    ),
    sessions: Type.Array(SessionJson),
    contributions: Type.Array(ContributionJson, { description: 'contributions at the meeting whose session the sources do not name' }),
    agenda: Type.Array(
      Type.Object({
        kind: Type.String({ enum: [...AGENDA_KINDS] }),
        title: LangMapJson,
        person: Nullable(PersonRef),
        reference: NStr,
        institutions: Type.Array(InstitutionRef, { description: 'for an admission: the institutions whose membership names this meeting' }),
      }),
    ),
    reportedFigures: Type.Array(
      Type.Object({
        measure: Str,
        qualifier: Type.String({ enum: [...FIGURE_QUALIFIERS] }),
        value: Type.Integer(),
        label: LangMapJson,
        reportedOn: NStr,
        source: LangMapJson,
        sourceUrl: NStr,
      }),
      { description: 'figures as a source reported them; never recomputed' },
    ),
    statistics: Type.Object(
      {
        capacity: Nullable(Type.Integer()),
        placesLeft: Nullable(Type.Integer()),
        byStatus: Type.Record(Type.String(), Type.Integer(), { description: `registrations per status: ${REGISTRATION_STATUSES.join(', ')}` }),
        approved: Tally,
        attended: Nullable(Tally),
        basis: Type.String({ enum: ['attended', 'approved'] }),
        byCountry: Type.Array(Type.Object({ country: NStr, delegates: Type.Integer(), institutions: Type.Integer() })),
        byCategory: Type.Array(Type.Object({ category: Nullable(Type.String({ description: 'membership category; null: not a member' })), delegates: Type.Integer(), institutions: Type.Integer() })),
      },
      { description: 'computed from the registrations recorded here' },
    ),
});

export const ChangelogJson = Type.Object({
  items: Type.Array(
    Type.Object({
      version: Type.Integer(),
      publishedAt: Str,
      note: LangMapJson,
      changes: Type.Array(
        Type.Object({
          what: Type.String({ enum: ['session', 'contribution'] }),
          id: Str,
          change: Type.String({ enum: ['added', 'removed', 'changed'] }),
          fields: Type.Array(Str),
          kind: Str,
          label: LangMapJson,
          session: NStr,
        }),
      ),
    }),
  ),
});

// ---- filling them

const ref = (m: Meeting) => ({ id: m.id, slug: m.slug, title: m.title, startsOn: m.startsOn });

export function meetingSummaryJson(base: string, m: Meeting, parent: Meeting | null | undefined) {
  return {
    id: m.id,
    slug: m.slug,
    number: m.number,
    kind: m.kind,
    title: m.title,
    theme: m.theme,
    startsOn: m.startsOn,
    endsOn: m.endsOn,
    city: m.city,
    venue: m.venue,
    country: m.country,
    timeZone: m.timeZone,
    mode: m.mode,
    status: m.status,
    capacity: m.capacity,
    parent: parent ? ref(parent) : null,
    url: `${base}/en/meetings/${m.slug}`,
    calendarUrl: `${base}/api/v1/meetings/${m.id}/calendar.ics`,
  };
}

const instJson = (i: SnapInstitution | null) => (i ? { id: i.id, slug: i.slug, name: i.name, country: i.country } : null);

function contributionJson(c: SnapContribution) {
  return {
    id: c.id,
    kind: c.kind,
    title: c.title,
    mode: c.mode,
    person: c.person ? { id: c.person.id, slug: c.person.slug, name: c.person.name } : null,
    institution: instJson(c.institution),
    post: c.post,
    startTime: c.startTime,
    endTime: c.endTime,
  };
}

function sessionJson(base: string, m: Meeting, s: SnapSession) {
  const utc = (t: string | null) => (s.date && t && m.timeZone ? localToUtcIso(s.date, t, m.timeZone) : null);
  return {
    id: s.id,
    kind: s.kind,
    title: s.title,
    theme: s.theme,
    topic: s.topic,
    date: s.date,
    startTime: s.startTime,
    endTime: s.endTime,
    startsAt: utc(s.startTime),
    endsAt: utc(s.endTime),
    allDay: !!s.date && !s.startTime,
    timeNote: s.timeNote,
    room: s.room,
    place: instJson(s.place),
    calendarUrl: `${base}/api/v1/meetings/${m.id}/sessions/${s.id}/calendar.ics`,
    contributions: s.contributions.map(contributionJson),
  };
}

/** The published programme as JSON: the same for every request until a new version or a meeting change. */
function programmeJson(base: string, m: Meeting, p: MeetingDetail['published'], cache?: Lru<unknown>) {
  const key = `${p?.key ?? 0}|${m.updatedAt}|${base}`;
  const hit = cache?.get(key) as ReturnType<typeof build> | undefined;
  if (hit) return hit;
  function build() {
    return {
      programme: p
        ? { version: p.version, publishedAt: p.publishedAt, changelogUrl: `${base}/api/v1/meetings/${m.id}/changelog`, topics: p.programme.topics, rooms: p.programme.rooms }
        : null,
      sessions: (p?.programme.sessions ?? []).map((s) => sessionJson(base, m, s)),
      contributions: (p?.programme.contributions ?? []).map(contributionJson),
    };
  }
  const v = build();
  cache?.set(key, v);
  return v;
}

export function meetingJson(base: string, d: MeetingDetail, cache?: Lru<unknown>) {
  const m = d.meeting;
  const instRef = (i: { id: string; slug: string; name: Record<string, string> }) => ({ id: i.id, slug: i.slug, name: i.name });
  return {
    ...meetingSummaryJson(base, m, d.parent),
    children: d.children.map(ref),
    organisations: d.organisations.map((o) => ({ role: o.role, institution: instRef(o.institution) })),
    ...programmeJson(base, m, d.published, cache),
    agenda: d.agenda.map((a) => ({
      kind: a.kind,
      title: a.title,
      person: a.person ? { id: a.person.id, slug: a.person.slug, name: a.person.name } : null,
      reference: a.reference,
      institutions: a.kind === 'admission' ? d.admitted.map(instRef) : [],
    })),
    reportedFigures: d.figures.map((f) => ({ measure: f.measure, qualifier: f.qualifier, value: f.value, label: f.label, reportedOn: f.reportedOn, source: f.source, sourceUrl: f.sourceUrl })),
    statistics: {
      capacity: d.stats.capacity,
      placesLeft: d.stats.placesLeft,
      byStatus: d.stats.byStatus,
      approved: d.stats.approved,
      attended: d.stats.attended,
      basis: d.stats.basis,
      byCountry: d.stats.byCountry,
      byCategory: d.stats.byCategory,
    },
  };
}

export const changelogJson = (versions: VersionEntry[]) => ({
  items: versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt, note: v.note, changes: v.changes })),
});
