/** Avatars of who is in the motion, in their cursor colours. */
import type { Person } from '../collab/useDoc';
import { initials } from '../collab/identity';

/** The avatars (initials in cursor colours) of everyone in the motion now. */
export function Presence({ people }: { people: Person[] }) {
  return (
    <ul className="presence" data-testid="presence" aria-label="People in this motion">
      {people.map((p) => (
        <li
          key={p.clientId}
          className="avatar"
          style={{ backgroundColor: p.color }}
          title={p.self ? `${p.name} (you)` : p.name}
        >
          <span aria-hidden="true">{initials(p.name)}</span>
          <span className="sr-only">
            {p.name}
            {p.self ? ' (you)' : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
