// The benchmark conference, written through the services: 120 member institutions in 40
// countries, a two-day programme in six rooms (60 sessions, 300 contributions, two
// published versions) and 1,000 registrations, 85% approved with attendance taken.
import type { Kysely } from 'kysely';
import { DEFAULT_SEED } from '../src/main.ts';
import type { DB } from '../src/db/schema.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { systemActor } from '../src/modules/accounts/permission.policy.ts';
import { loadSeed, readSeedFile } from '../src/modules/alliance/alliance.seed.ts';
import { setMembership } from '../src/modules/alliance/membership.service.ts';
import { createInstitution } from '../src/modules/institutions/institution.service.ts';
import { createPerson } from '../src/modules/people/person.service.ts';
import { addRoom, addTopic, createMeeting } from '../src/modules/meetings/meeting.service.ts';
import { createContribution, createSession, publishProgramme, updateSession } from '../src/modules/meetings/programme.service.ts';
import { decideRegistration, registerDelegate, setAttendance } from '../src/modules/meetings/registration.service.ts';
import { CONTRIBUTION_MODES } from '../src/modules/meetings/programme.ts';

export const SLUG = 'bench-conference';
const ROOMS = 6;
const DAYS = ['2027-10-18', '2027-10-19'];
const SLOTS = [['09:00', '10:30'], ['11:00', '12:30'], ['14:00', '15:30'], ['16:00', '17:30'], ['19:00', '20:30']] as const;
const COUNTRIES = 'AM AZ BY CN CU EG GE GR IN IR IQ IT JO KG KZ LB MM MN MA NG NP OM PK PS QA RO RS RU SA SD LK SY TJ TH TN TR TM UZ VN YE'.split(' ');

export interface DataOptions {
  sessions: number;
  contributions: number;
  registrations: number;
  log?: (s: string) => void;
}

export interface Built {
  meetingId: string;
  sessionId: string;
  topic: string;
  counts: Record<string, number>;
  ms: number;
}

export async function buildMeetingData(db: Kysely<DB>, o: DataOptions): Promise<Built> {
  const { sessions: SESSIONS, contributions: CONTRIBUTIONS, registrations: REGISTRATIONS } = o;
  const sys = systemActor('bench');
  const t0 = performance.now();
  await migrateToLatest(db);
  await loadSeed(db, sys, await readSeedFile(DEFAULT_SEED));
  const tSeed = performance.now();
  return db.transaction().execute(async (trx) => {
    // institutions in 40 countries, members of either category
    const institutions: string[] = [];
    for (let i = 0; i < 120; i++) {
      const country = COUNTRIES[i % COUNTRIES.length]!;
      const inst = await createInstitution(trx, sys, { name: { en: `Bench Museum ${i + 1}`, 'zh-Hans': `测试博物馆${i + 1}`, ru: `Тестовый музей ${i + 1}` }, country, kind: 'museum' });
      await setMembership(trx, sys, inst.id, { category: country === 'CN' ? 'chinese' : 'international', status: 'member' });
      institutions.push(inst.slug);
    }
    const m = await createMeeting(trx, sys, {
      slug: SLUG, number: 5, kind: 'conference', title: { en: 'Benchmark Conference', 'zh-Hans': '基准测试大会', ru: 'Тестовая конференция', ar: 'مؤتمر الاختبار' },
      theme: { en: 'Programmes at scale' }, startsOn: DAYS[0], endsOn: DAYS[DAYS.length - 1], city: { en: 'Hangzhou', 'zh-Hans': '杭州' }, country: 'CN',
      timeZone: 'Asia/Shanghai', status: 'registration_open', capacity: Math.round(REGISTRATIONS * 0.9),
    });
    const rooms = [];
    for (let r = 0; r < ROOMS; r++) rooms.push((await addRoom(trx, sys, m.id, { name: { en: `Hall ${r + 1}`, 'zh-Hans': `${r + 1}号厅`, ru: `Зал ${r + 1}` } })).key);
    const topics = [];
    for (let k = 0; k < 5; k++) topics.push((await addTopic(trx, sys, m.id, { slug: `topic-${k + 1}`, title: { en: `Sub-topic ${k + 1}`, 'zh-Hans': `分议题${k + 1}`, ru: `Подтема ${k + 1}` } })).slug);
    // speakers: one person for each contribution's place, with a post
    const speakers: string[] = [];
    for (let i = 0; i < CONTRIBUTIONS; i++) {
      const p = await createPerson(trx, sys, { name: { en: `Speaker ${i + 1}`, 'zh-Hans': `发言人${i + 1}` } }, { institution: institutions[i % institutions.length]!, title: { en: 'Curator', 'zh-Hans': '策展人' } });
      speakers.push(p.slug);
    }
    const sessionIds: string[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const day = DAYS[Math.floor(i / (ROOMS * SLOTS.length)) % DAYS.length]!;
      const slot = SLOTS[Math.floor(i / ROOMS) % SLOTS.length]!;
      const kind = i === 0 ? 'opening_ceremony' : i % 7 === 0 ? 'plenary' : 'parallel_session';
      const s = await createSession(trx, sys, m.id, {
        kind,
        title: { en: `Session ${i + 1}`, 'zh-Hans': `第${i + 1}场`, ru: `Заседание ${i + 1}` },
        topic: kind === 'parallel_session' ? topics[i % topics.length]! : null,
        date: day,
        startTime: slot[0],
        endTime: slot[1],
        room: rooms[i % ROOMS]!,
      });
      sessionIds.push(s.id);
    }
    for (let i = 0; i < CONTRIBUTIONS; i++) {
      const session = sessionIds[i % sessionIds.length]!;
      const first = i < sessionIds.length;
      await createContribution(trx, sys, m.id, {
        session,
        kind: first ? 'chairing' : 'presentation',
        person: speakers[i]!,
        title: first ? {} : { en: `Paper ${i + 1}: objects that speak`, 'zh-Hans': `论文${i + 1}` },
        mode: CONTRIBUTION_MODES[i % 10 === 0 ? 1 : 0],
      });
    }
    await publishProgramme(trx, sys, m.id, { en: 'First programme' });
    for (const i of [3, 17, 42]) {
      const s = sessionIds[i % sessionIds.length]!;
      await updateSession(trx, sys, m.id, s, { kind: 'parallel_session', title: { en: `Session ${i + 1} (moved)` }, topic: topics[0]!, date: DAYS[0], startTime: '19:00', endTime: '20:30', room: rooms[(i + 1) % ROOMS]! });
    }
    await publishProgramme(trx, sys, m.id, { en: 'Three sessions moved' });
    // registrations: new delegates of the institutions; most approved, attendance taken
    const regs: string[] = [];
    for (let i = 0; i < REGISTRATIONS; i++) {
      const r = await registerDelegate(trx, sys, m.id, { institution: institutions[i % institutions.length]!, newPerson: { name: { en: `Delegate ${i + 1}` }, post: { en: 'Delegate' } } });
      regs.push(r.id);
    }
    const approve = Math.round(REGISTRATIONS * 0.85);
    for (let i = 0; i < approve; i++) {
      await decideRegistration(trx, sys, regs[i]!, 'approve');
      await setAttendance(trx, sys, regs[i]!, i % 17 === 0 ? 'absent' : 'present');
    }
    for (let i = approve; i < Math.min(REGISTRATIONS, approve + Math.round(REGISTRATIONS * 0.05)); i++) await decideRegistration(trx, sys, regs[i]!, 'waitlist');
    const counts = { institutions: 120, speakers: CONTRIBUTIONS, sessions: SESSIONS, contributions: CONTRIBUTIONS, registrations: REGISTRATIONS, approved: approve, versions: 2 };
    o.log?.(`  seed ${Math.round(tSeed - t0)} ms, meeting data ${Math.round(performance.now() - tSeed)} ms (${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')})`);
    return { meetingId: m.id, sessionId: sessionIds[1]!, topic: topics[1]!, counts, ms: performance.now() - t0 };
  });
}

