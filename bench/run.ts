/** `npm run bench`: every benchmark in turn. Figures only — nothing here fails on wall time. */
import { benchDrafting } from './drafting';
import { report } from './stats';

report('drafting (60,000-word rulebook)', benchDrafting());
