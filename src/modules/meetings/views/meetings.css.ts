// The meetings pages' own styles, served at /assets/meetings.css (a module adds styles
// without touching the shared stylesheet). Logical properties: Arabic mirrors by itself.
export const MEETINGS_CSS = `
.meetings { list-style: none; padding: 0; margin: 0; }
.meeting-entry { border-block-end: 1px solid var(--line); padding: .6rem 0; }
.meeting .theme .label, .session .label, .programme-filters .label, .agenda .label { color: var(--muted); }
.meeting .actions { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; }
ul.plain { list-style: none; padding: 0; margin: 0; }
.programme-filters { background: #f3ede2; border-radius: var(--radius); padding: .4rem .8rem; margin: .8rem 0; }
.programme-filters p { margin: .3rem 0; }
.programme-filters ul.topics { display: flex; flex-direction: column; gap: .2rem; list-style: none; padding: 0; margin: 0 0 .4rem; }
.programme-filters a[aria-current] { font-weight: 700; }
.day h3 { border-block-end: 2px solid var(--accent); padding-block-end: .2rem; }
ol.sessions { list-style: none; padding: 0; margin: 0; display: grid; gap: .8rem; }
.session { background: #fff; border: 1px solid var(--line); border-inline-start: 4px solid var(--accent); border-radius: var(--radius); padding: .6rem .9rem; }
.session[data-kind="parallel_session"] { border-inline-start-color: #3b6e8a; }
.session[data-kind="visit"], .session[data-kind="evening_event"] { border-inline-start-color: #6b5a1d; }
.session .when { margin: 0; color: var(--muted); font-variant-numeric: tabular-nums; }
.session-name { margin: .15rem 0; font-size: 1.1rem; }
.session p { margin: .2rem 0; }
.session .session-links { font-size: .9rem; }
ul.contributions, ul.chairs { padding-inline-start: 1.1rem; margin: .3rem 0; }
ul.chairs { list-style: none; padding-inline-start: 0; }
.contribution .ckind { font-weight: 600; }
.contribution .ckind::after { content: ":"; }
.contribution .ctitle { font-style: italic; }
.badge.mode { background: #dde9f0; }
.badge.status-registration_open { background: #e7f3ea; }
.badge.status-cancelled { background: #fbeaea; }
.rooms { display: grid; gap: 1rem; }
@media (min-width: 56rem) { .rooms { grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); } }
.room-name { margin: .3rem 0; }
.unplaced { margin-top: 1.5rem; }
.figure-list, .agenda, .admitted, .speakers, .appearances, .changes { padding-inline-start: 1.1rem; }
.figure-list li { margin: .4rem 0; }
.stat-tables { display: grid; gap: 1rem; }
@media (min-width: 56rem) { .stat-tables { grid-template-columns: 1fr 1fr; } }
caption { text-align: start; font-weight: 600; padding: .3rem 0; }
.warnings { background: #fff6e0; border-inline-start: 4px solid #c98a00; padding: .5rem .8rem; }
.reg-actions form { display: inline; }
.reg-actions button { padding: .2rem .6rem; font-size: .9rem; }
.changelog > li { margin-block-end: 1rem; }
.change .badge { margin-inline-end: .3rem; }
.admin-tabs { display: flex; flex-wrap: wrap; gap: .3rem 1rem; list-style: none; padding: 0; border-block-end: 1px solid var(--line); padding-block-end: .4rem; }
.admin-tabs a[aria-current] { font-weight: 700; }
.inline-forms form { display: inline; }
`;
