// The authorisation matrix: every role against every write, through the real services
// on a real database. A refused write throws `forbidden` and leaves no trace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, testDatabase } from '../../../test/support/database.ts';
import { seedIams } from '../../../test/support/seed.ts';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../shared/errors.ts';
import { getInstitution, createInstitution, updateInstitution, deleteInstitution } from '../institutions/institution.service.ts';
import { setMembership } from '../alliance/membership.service.ts';
import { createOffice } from '../alliance/office.service.ts';
import { createMeeting } from '../meetings/meeting.service.ts';
import { addPost, createPerson, updatePerson } from '../people/person.service.ts';
import { importRoster } from '../alliance/roster.service.ts';
import { listAuditEvents } from './audit.service.ts';
import { createUser, listUsers } from './user.service.ts';
import { systemActor, type Actor, type Role } from './permission.policy.ts';

type Who = 'administrator' | 'secretariat' | 'council' | 'editor (own)' | 'editor (other)';
const WHO: Who[] = ['administrator', 'secretariat', 'council', 'editor (own)', 'editor (other)'];

/** Each write, and who may do it. "own" is the China National Silk Museum. */
const MATRIX: Array<[string, Who[], (db: Database['db'], a: Actor, n: number) => Promise<unknown>]> = [
  ['create an institution', ['administrator', 'secretariat'], (db, a, n) => createInstitution(db, a, { name: { en: `New Museum ${n}` }, country: 'FR' })],
  ['update own institution', ['administrator', 'secretariat', 'editor (own)'], async (db, a, n) => {
    const i = await getInstitution(db, 'china-national-silk-museum');
    return updateInstitution(db, a, i.id, { ...i, website: `https://example.org/${n}` });
  }],
  ['delete an institution', ['administrator', 'secretariat'], (db, a, n) => deleteInstitution(db, a, `doomed-${n}`).then(() => 'deleted')],
  ['change a membership', ['administrator', 'secretariat'], (db, a) =>
    setMembership(db, a, 'china-national-silk-museum', { category: 'chinese', status: 'member' })],
  ['add a person with a post at own institution', ['administrator', 'secretariat', 'editor (own)'], (db, a, n) =>
    createPerson(db, a, { name: { en: `Curator ${n}` } }, { institution: 'china-national-silk-museum', title: { en: 'Curator' } })],
  ['add a person without a post', ['administrator', 'secretariat'], (db, a, n) => createPerson(db, a, { name: { en: `Someone ${n}` } })],
  ['rename a person who works at own institution', ['administrator', 'secretariat', 'editor (own)'], (db, a, n) =>
    updatePerson(db, a, 'ji-xiaofen', { name: { en: 'Ji Xiaofen', 'zh-Hans': '季晓芬', ru: `Цзи Сяофэнь ${n}` } })],
  ['add a post at own institution', ['administrator', 'secretariat', 'editor (own)'], (db, a, n) =>
    addPost(db, a, 'ji-xiaofen', { institution: 'china-national-silk-museum', title: { en: `Adviser ${n}` } })],
  ['create an office', ['administrator', 'secretariat'], (db, a) => createOffice(db, a, { kind: 'other', title: { en: 'Treasurer' }, person: 'ding-pengbo' })],
  ['create a meeting', ['administrator', 'secretariat'], (db, a, n) => createMeeting(db, a, { slug: `council-${n}`, kind: 'council', title: { en: 'Council' } })],
  ['import members', ['administrator', 'secretariat'], (db, a, n) =>
    importRoster(db, a, { bytes: Buffer.from(`slug,name_en,country\nimported-${n},Imported ${n},FR\n`), filename: 'm.csv' })],
  ['create a user', ['administrator'], (db, a, n) => createUser(db, a, { email: `u${n}@example.org`, role: 'council', password: 'a long enough password' })],
  ['list users', ['administrator'], (db, a) => listUsers(db, a)],
  ['read the audit trail', ['administrator'], (db, a) => listAuditEvents(db, a)],
];

describe.each(DIALECTS)('authorisation matrix on %s', (dialect) => {
  let database: Database;
  const actors = {} as Record<Who, Actor>;
  let n = 0;

  beforeAll(async () => {
    database = await testDatabase(dialect);
    await seedIams(database.db);
    const own = (await getInstitution(database.db, 'china-national-silk-museum')).key;
    const other = (await getInstitution(database.db, 'national-museum-of-china')).key;
    const user = (role: Role, institutionId: number | null, label: string): Actor => ({ kind: 'user', userId: 0, role, institutionId, label, ip: '127.0.0.1' });
    actors.administrator = user('administrator', null, 'admin');
    actors.secretariat = user('secretariat', null, 'sec');
    actors.council = user('council', null, 'council');
    actors['editor (own)'] = user('member_editor', own, 'editor-own');
    actors['editor (other)'] = user('member_editor', other, 'editor-other');
    // user ids must exist for the audit trail's foreign key
    for (const w of WHO) {
      const a = actors[w] as Extract<Actor, { kind: 'user' }>;
      const u = await createUser(database.db, systemActor('setup'), {
        email: `${a.label}@example.org`,
        role: a.role,
        password: 'a long enough password',
        institutionId: a.institutionId,
      });
      a.userId = u.id;
    }
  });
  afterAll(() => database.close());

  for (const [write, allowed, run] of MATRIX) {
    for (const who of WHO) {
      const ok = allowed.includes(who);
      it(`${who} ${ok ? 'may' : 'may not'} ${write}`, async () => {
        n++;
        if (write === 'delete an institution') await createInstitution(database.db, systemActor('setup'), { name: { en: `Doomed ${n}` }, slug: `doomed-${n}` });
        const auditBefore = (await listAuditEvents(database.db, systemActor('t'), { limit: 1 })).total;
        const result = run(database.db, actors[who], n);
        if (ok) {
          await expect(result).resolves.toBeDefined();
        } else {
          const err = await result.then(() => undefined, (e: unknown) => e);
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).code).toBe('forbidden');
          // nothing written, not even an audit line
          expect((await listAuditEvents(database.db, systemActor('t'), { limit: 1 })).total).toBe(auditBefore);
        }
      });
    }
  }

  it('a member editor is refused on another institution even when bound to one', async () => {
    const i = await getInstitution(database.db, 'national-museum-of-china');
    await expect(updateInstitution(database.db, actors['editor (own)'], i.id, { ...i, website: 'https://evil.example' })).rejects.toMatchObject({
      code: 'forbidden',
      message: 'A member editor may change only its own institution',
    });
    expect((await getInstitution(database.db, 'national-museum-of-china')).website).toBe('https://www.chnmuseum.cn/');
  });

  it('a member editor cannot rename its institution\'s slug (links elsewhere rely on it)', async () => {
    const i = await getInstitution(database.db, 'china-national-silk-museum');
    const after = await updateInstitution(database.db, actors['editor (own)'], i.id, { ...i, slug: 'renamed' });
    expect(after.slug).toBe('china-national-silk-museum');
  });
});
