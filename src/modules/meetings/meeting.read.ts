// Read models of a meeting as the pages, the API and the calendars show it: the meeting
// with its parent event, organisations, published programme, agenda (admissions computed
// from the registry), reported figures and computed statistics.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { allMemberships } from '../alliance/membership.service.ts';
import { institutionsByKeys, type Institution } from '../institutions/institution.service.ts';
import { getPerson, type Person } from '../people/person.service.ts';
import * as repo from './meeting.repository.ts';
import {
  childMeetings, getMeeting, getMeetingByKey, listAgendaItems, listFigures, listOrganisations,
  type AgendaItem, type Meeting, type MeetingOrganisation, type ReportedFigure,
} from './meeting.service.ts';
import { publishedProgramme, publishedProgrammes, type PublishedProgramme } from './programme.service.ts';
import type { SnapContribution, SnapSession } from './programme.ts';
import { registrationStats, type RegistrationStats } from './registration.service.ts';

export interface MeetingDetail {
  meeting: Meeting;
  parent: Meeting | null;
  children: Meeting[];
  organisations: MeetingOrganisation[];
  figures: ReportedFigure[];
  agenda: AgendaItem[];
  /** institutions whose membership names this meeting as the one that admitted them */
  admitted: Institution[];
  published: PublishedProgramme | null;
  stats: RegistrationStats;
}

export async function meetingDetail(db: Kysely<DB>, key: string): Promise<MeetingDetail> {
  const meeting = await getMeeting(db, key);
  const [parent, children, organisations, figures, agenda, published, stats] = await Promise.all([
    meeting.parentKey ? getMeetingByKey(db, meeting.parentKey) : Promise.resolve(null),
    childMeetings(db, meeting.key),
    listOrganisations(db, meeting.key),
    listFigures(db, meeting.key),
    listAgendaItems(db, meeting.key),
    publishedProgramme(db, meeting.key),
    registrationStats(db, meeting.key),
  ]);
  // the registry is asked only when the meeting has an admission on its agenda
  const admitted = agenda.some((a) => a.kind === 'admission') ? await admittedAt(db, meeting.key) : [];
  return { meeting, parent, children, organisations, figures, agenda, admitted, published, stats };
}

async function admittedAt(db: Kysely<DB>, meetingKey: number): Promise<Institution[]> {
  const keys = (await allMemberships(db)).filter((m) => m.admittedMeetingKey === meetingKey).map((m) => m.institutionKey);
  const insts = await institutionsByKeys(db, keys);
  return [...insts.values()].sort((a, b) => (a.name.en ?? a.slug).localeCompare(b.name.en ?? b.slug));
}

export interface SpeakerAppearance {
  meeting: Meeting;
  version: number;
  session: SnapSession | null;
  contribution: SnapContribution;
}

/** Every published contribution of a person, at every meeting, newest meeting first. */
export async function speakerAppearances(db: Kysely<DB>, personKey: string): Promise<{ person: Person; appearances: SpeakerAppearance[] }> {
  const person = await getPerson(db, personKey);
  const meetingIds = await repo.meetingIdsWithSpeaker(db, person.key);
  const published = await publishedProgrammes(db, meetingIds);
  const appearances: SpeakerAppearance[] = [];
  for (const [mk, p] of published) {
    const meeting = await getMeetingByKey(db, mk);
    for (const s of p.programme.sessions)
      for (const c of s.contributions) if (c.person?.id === person.id) appearances.push({ meeting, version: p.version, session: s, contribution: c });
    for (const c of p.programme.contributions) if (c.person?.id === person.id) appearances.push({ meeting, version: p.version, session: null, contribution: c });
  }
  appearances.sort((a, b) => (b.meeting.startsOn ?? '').localeCompare(a.meeting.startsOn ?? ''));
  return { person, appearances };
}
