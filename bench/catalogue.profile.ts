// Summary of a V8 .cpuprofile (node --cpu-prof): self time by function and by file,
// and the inclusive time of chosen functions (synchronous stacks only: after an await
// a function's continuation is counted under it, but what its awaited callees do in
// later ticks is not).
import fs from 'node:fs';
import path from 'node:path';

interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: CpuNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** self time of the top functions */
  topSelf: Array<{ fn: string; where: string; ms: number; pct: number }>;
  /** self time by source file (or by category for native, GC, idle) */
  byFile: Array<{ file: string; ms: number; pct: number }>;
  /** inclusive (synchronous) time of named functions */
  inclusive: Array<{ fn: string; ms: number; pct: number }>;
}

const shortUrl = (root: string, url: string) => {
  if (!url) return '(native)';
  let u = url.replace(/^file:\/\//, '');
  if (u.startsWith(root)) u = path.relative(root, u);
  const nm = u.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = u.slice(nm + 'node_modules/'.length).split('/');
    return `node_modules/${rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  return u;
};

export function summariseProfile(file: string, root: string, inclusiveOf: string[], top = 25): ProfileSummary {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) selfUs.set(p.samples[i]!, (selfUs.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const fnKey = (n: CpuNode) => {
    const f = n.callFrame;
    const name = f.functionName || '(anonymous)';
    return { fn: name, where: f.url ? `${shortUrl(root, f.url)}:${f.lineNumber + 1}` : shortUrl(root, f.url) };
  };
  const fnSelf = new Map<string, { fn: string; where: string; us: number }>();
  const fileSelf = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    const k = fnKey(n);
    const key = `${k.fn}@${k.where}`;
    const e = fnSelf.get(key) ?? { ...k, us: 0 };
    e.us += us;
    fnSelf.set(key, e);
    const name = n.callFrame.functionName;
    const fileKey = n.callFrame.url ? shortUrl(root, n.callFrame.url) : name.startsWith('(') ? name : `(native) ${name}`;
    fileSelf.set(fileKey, (fileSelf.get(fileKey) ?? 0) + us);
  }
  // inclusive: every sample counts once for each wanted function on its stack
  const wanted = new Set(inclusiveOf);
  const incl = new Map<string, number>();
  const stackHas = new Map<number, Set<string>>();
  const namesOn = (id: number): Set<string> => {
    const cached = stackHas.get(id);
    if (cached) return cached;
    const n = byId.get(id)!;
    const up = parent.has(id) ? namesOn(parent.get(id)!) : new Set<string>();
    const s = wanted.has(n.callFrame.functionName) && !up.has(n.callFrame.functionName) ? new Set([...up, n.callFrame.functionName]) : up;
    stackHas.set(id, s);
    return s;
  };
  for (const [id, us] of selfUs) for (const name of namesOn(id)) incl.set(name, (incl.get(name) ?? 0) + us);
  const pct = (us: number) => Math.round((us / total) * 1000) / 10;
  const ms = (us: number) => Math.round(us / 1000);
  return {
    file,
    totalMs: ms(total),
    topSelf: [...fnSelf.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((e) => ({ fn: e.fn, where: e.where, ms: ms(e.us), pct: pct(e.us) })),
    byFile: [...fileSelf]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([f, us]) => ({ file: f, ms: ms(us), pct: pct(us) })),
    inclusive: inclusiveOf.map((fn) => ({ fn, ms: ms(incl.get(fn) ?? 0), pct: pct(incl.get(fn) ?? 0) })),
  };
}
