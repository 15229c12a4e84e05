/** Asks for the user's name once (stored in localStorage); Escape keeps the suggested name. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { defaultName, saveIdentity, type Identity } from '../collab/identity';

/** The one-time name dialog; calls `onDone` with the saved identity. */
export function NamePrompt({ onDone }: { onDone: (identity: Identity) => void }) {
  const [suggested] = useState(defaultName);
  const [name, setName] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onDone(saveIdentity(name || suggested));
  };
  return (
    <div
      className="dialog-backdrop"
      onKeyDown={(e) => e.key === 'Escape' && onDone(saveIdentity(suggested))}
    >
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="name-title"
        onSubmit={submit}
      >
        <h2 id="name-title">Your name</h2>
        <p className="muted">Shown to others drafting this motion, beside your cursor.</p>
        <label htmlFor="name-input" className="sr-only">
          Your name
        </label>
        <input
          id="name-input"
          ref={input}
          value={name}
          placeholder={suggested}
          maxLength={60}
          onChange={(e) => setName(e.target.value)}
        />
        <div className="dialog-actions">
          <button type="submit" className="btn btn-primary">
            Join
          </button>
        </div>
      </form>
    </div>
  );
}
