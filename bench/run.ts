/** `npm run bench`: every benchmark in turn. Figures only — nothing here fails on wall time. */
import { benchAttack } from './attack';
import { benchBrowser } from './browser';
import { benchCollab } from './collab';
import { benchDrafting } from './drafting';
import { benchExport } from './export';
import { benchParsing } from './parsing';
import { benchScale } from './scale';
import { report } from './stats';
import { benchStore } from './store';

report('drafting (60,000-word rulebook)', benchDrafting());
report('export (60,000-word rulebook, 30 motions)', await benchExport());
report('write-through (SQLite WAL; PostgreSQL)', await benchStore());
report('collaboration (loopback, 2 cores)', await benchCollab());
const scale = await benchScale();
report('scale-out and capacity (loopback, 2 cores)', scale.rows);
console.log(`\n${scale.profile}`);
report('browser (headless Chromium)', await benchBrowser());
report('reading pasted text (P1–P9, linearity)', benchParsing());
report('bad input against the running server (loopback, 2 cores)', await benchAttack());
