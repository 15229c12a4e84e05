/** `npm run bench`: every benchmark in turn. Figures only — nothing here fails on wall time. */
import { benchCollab } from './collab';
import { benchDrafting } from './drafting';
import { report } from './stats';

report('drafting (60,000-word rulebook)', benchDrafting());
report('collaboration (loopback, 2 cores)', await benchCollab());
