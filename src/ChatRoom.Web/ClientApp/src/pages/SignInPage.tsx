import { useRef, useState, type KeyboardEvent } from 'react';
import { GuestForm, RegisterForm, SignInForm } from '../components/AuthForms.tsx';
import { PageHeading } from '../components/PageHeading.tsx';

const TABS = [
  { id: 'signin', label: 'Sign in', Form: SignInForm },
  { id: 'register', label: 'New account', Form: RegisterForm },
  { id: 'guest', label: 'Guest', Form: GuestForm },
] as const;

/** Sign in, register or continue as a guest: one page, three tabs (ARIA tabs pattern, arrow keys move). */
export function SignInPage({ notice }: { notice: string | null }) {
  const [selected, setSelected] = useState(0);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const current = TABS[selected] ?? TABS[0];

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const last = TABS.length - 1;
    const next =
      event.key === 'ArrowRight' ? (selected === last ? 0 : selected + 1)
      : event.key === 'ArrowLeft' ? (selected === 0 ? last : selected - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    if (next === null) return;
    event.preventDefault();
    setSelected(next);
    tabs.current[next]?.focus();
  }

  return (
    <section className="auth-page" aria-labelledby="page-heading">
      <PageHeading>Welcome to ChatRoom</PageHeading>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <div role="tablist" aria-label="How to join" className="tabs" onKeyDown={onKeyDown}>
        {TABS.map((tab, index) => (
          <button
            key={tab.id}
            ref={(element) => {
              tabs.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`auth-tab-${tab.id}`}
            aria-selected={index === selected}
            aria-controls={`auth-panel-${tab.id}`}
            tabIndex={index === selected ? 0 : -1}
            className="tab"
            onClick={() => {
              setSelected(index);
            }}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`auth-panel-${current.id}`} aria-labelledby={`auth-tab-${current.id}`} className="card tab-panel">
        <current.Form key={current.id} />
      </div>
    </section>
  );
}
