// Read models of the registry as the API and pages show them: an institution with its
// membership, posts and offices resolved to public references.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { getInstitution, institutionsByKeys, type Institution } from '../institutions/institution.service.ts';
import { meetingsByKeys, type Meeting } from '../meetings/meeting.service.ts';
import { peopleByKeys, postsAtInstitution, postsOfPerson, type Person, getPerson } from '../people/person.service.ts';
import { getMembership, membershipsByInstitution, type Membership } from './membership.service.ts';
import { officesHeldBy, type Office } from './office.service.ts';

export const instRef = (i: Institution) => ({ id: i.id, slug: i.slug, name: i.name });
export const personRef = (p: Person) => ({ id: p.id, slug: p.slug, name: p.name });

export function membershipJson(m: Membership | undefined, meetings: Map<number, Meeting>) {
  if (!m) return null;
  const meeting = m.admittedMeetingKey ? meetings.get(m.admittedMeetingKey) : undefined;
  return {
    category: m.category,
    status: m.status,
    memberSince: m.memberSince,
    memberNumber: m.memberNumber,
    admittedAt: meeting ? { id: meeting.id, slug: meeting.slug, title: meeting.title, startsOn: meeting.startsOn } : null,
    endedOn: m.endedOn,
  };
}

export function officeJson(o: Office) {
  return {
    kind: o.kind,
    title: o.title,
    person: o.person ? personRef(o.person) : null,
    institution: o.institution ? instRef(o.institution) : null,
    startedOn: o.startedOn,
    endedOn: o.endedOn,
  };
}

export interface InstitutionDetail {
  institution: Institution;
  membership: Membership | undefined;
  admittedAt: Meeting | undefined;
  posts: Array<{ title: Record<string, string>; startedOn: string | null; endedOn: string | null; person: Person }>;
  offices: Office[];
}

export async function institutionDetail(db: Kysely<DB>, idOrSlug: string): Promise<InstitutionDetail> {
  const institution = await getInstitution(db, idOrSlug);
  const [membership, posts, offices] = await Promise.all([
    getMembership(db, institution.key),
    postsAtInstitution(db, institution.key),
    officesHeldBy(db, { institutionKey: institution.key }),
  ]);
  const people = await peopleByKeys(db, posts.map((p) => p.personKey));
  const meetings = await meetingsByKeys(db, membership?.admittedMeetingKey ? [membership.admittedMeetingKey] : []);
  return {
    institution,
    membership,
    admittedAt: membership?.admittedMeetingKey ? meetings.get(membership.admittedMeetingKey) : undefined,
    posts: posts.map((p) => ({ title: p.title, startedOn: p.startedOn, endedOn: p.endedOn, person: people.get(p.personKey)! })),
    offices,
  };
}

export async function personDetail(db: Kysely<DB>, idOrSlug: string) {
  const person = await getPerson(db, idOrSlug);
  const posts = await postsOfPerson(db, person.key);
  const insts = await institutionsByKeys(db, posts.map((p) => p.institutionKey));
  const offices = await officesHeldBy(db, { personKey: person.key });
  return {
    person,
    posts: posts.map((p) => ({ id: p.id, title: p.title, startedOn: p.startedOn, endedOn: p.endedOn, institution: insts.get(p.institutionKey)! })),
    offices,
  };
}

export async function membershipsWithMeetings(db: Kysely<DB>, keys: number[]) {
  const ms = await membershipsByInstitution(db, keys);
  const meetings = await meetingsByKeys(db, [...ms.values()].flatMap((m) => (m.admittedMeetingKey ? [m.admittedMeetingKey] : [])));
  return { ms, meetings };
}
