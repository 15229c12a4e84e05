/** Rule citations: reading them out of motion text and writing them in a profile's style. */
export type { Citation, CitationTarget } from './parse';
export {
  editionMention,
  editionNamed,
  expandRange,
  parseCitation,
  parseCitationAt,
  parseCitations,
  resolveTarget,
} from './parse';
export { lookUpCitation } from './lookup';
export { citationByTitle } from './titles';
export { formatCitation, formatCitationList, formatRelative } from './format';
