// Reads an HTML form the way a browser would submit it unchanged: the values of its
// inputs, selected options, textareas and checked boxes. Enough for our server-rendered
// forms (attributes in double quotes, no nested forms); not a general HTML parser.

const unescape = (s: string) =>
  s.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);

const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescape(m[1]!) : undefined;
};

/** The HTML of the first form whose action is exactly `action` (after unescaping). */
export function formHtml(page: string, action: string): string {
  for (const m of page.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)) {
    const open = /^<form\b[^>]*>/.exec(m[0])![0];
    if (attr(open, 'action') === action) return m[0];
  }
  throw new Error(`no form with action ${action} on the page`);
}

/** What submitting the form unchanged would send. */
export function formValues(page: string, action: string): Record<string, string> {
  const form = formHtml(page, action);
  const out: Record<string, string> = {};
  for (const m of form.matchAll(/<input\b[^>]*>/g)) {
    const tag = m[0];
    const name = attr(tag, 'name');
    if (!name) continue;
    const type = attr(tag, 'type') ?? 'text';
    if (type === 'submit' || type === 'button' || type === 'file') continue;
    if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/.test(tag)) continue;
    out[name] = attr(tag, 'value') ?? (type === 'checkbox' ? 'on' : '');
  }
  for (const m of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attr(m[0], 'name');
    if (!name) continue;
    const options = [...m[2]!.matchAll(/<option\b[^>]*>/g)].map((o) => o[0]);
    const chosen = options.find((o) => /\sselected\b/.test(o)) ?? options[0];
    out[name] = chosen ? (attr(chosen, 'value') ?? '') : '';
  }
  for (const m of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attr(`<x${m[1]}>`, 'name');
    if (name) out[name] = unescape(m[2]!);
  }
  return out;
}

/** The value of the option of a select whose label is `label` (e.g. an institution's key in a user form). */
export function optionValue(page: string, selectName: string, label: string): string {
  const select = new RegExp(`<select\\b[^>]*\\sname="${selectName}"[^>]*>([\\s\\S]*?)</select>`).exec(page);
  if (!select) throw new Error(`no select ${selectName}`);
  for (const m of select[1]!.matchAll(/<option\b([^>]*)>([^<]*)<\/option>/g)) if (unescape(m[2]!) === label) return attr(`<x${m[1]}>`, 'value') ?? '';
  throw new Error(`no option ${label} in select ${selectName}`);
}
