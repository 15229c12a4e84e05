/**
 * Valid workflow requests for tests: the record each Labour step needs (the adoption meeting, the
 * NEC's position, card-vote figures that give the step's result), filled with example data, so a
 * test about who may take a step is not also a test about forms.
 */
import { labourProfile } from '../../core/profiles';
import type { TransitionRequest } from '../../schemas/api';

export const EXAMPLE_MEETING = {
  date: '2026-05-14',
  meeting: 'General Committee',
  for: 24,
  against: 3,
  abstain: 1,
};

/** The figures of a card vote that carries (or, with `carried` false, falls short). */
export const exampleVote = (carried: boolean, card = 1) => {
  const [yes, no] = carried ? [60, 40] : [35, 65];
  return {
    card,
    sections: { clp: { for: yes, against: no }, affiliates: { for: yes, against: no } },
  };
};

/** The request for `event` with its record; a step that needs a note gets `note` or a reason. */
export function stepRequest(event: string, note = ''): TransitionRequest {
  const t = labourProfile.workflow.transitions.find((x) => x.event === event);
  const request: TransitionRequest = {
    event,
    note: note || (t?.noteRequired ? `Reason for ${event}` : ''),
  };
  if (t?.record === 'meeting') request.meeting = EXAMPLE_MEETING;
  if (t?.record === 'position') request.position = { position: 'support' };
  if (t?.record === 'vote') request.vote = exampleVote(t.result === 'carried');
  return request;
}
