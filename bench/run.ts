/** `npm run bench`: every benchmark in turn. Figures only — nothing here fails on wall time. */
import { benchBrowser } from './browser';
import { benchCollab } from './collab';
import { benchDrafting } from './drafting';
import { benchExport } from './export';
import { report } from './stats';
import { benchStore } from './store';

report('drafting (60,000-word rulebook)', benchDrafting());
report('export (60,000-word rulebook, 30 motions)', await benchExport());
report('write-through (SQLite, WAL)', await benchStore());
report('collaboration (loopback, 2 cores)', await benchCollab());
report('browser (headless Chromium)', await benchBrowser());
