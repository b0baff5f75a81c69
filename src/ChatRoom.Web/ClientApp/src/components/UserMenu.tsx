import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { User } from '../api/session.ts';
import { Link } from 'react-router-dom';
import { useSignOut } from '../session/useSignOut.ts';
import { ThemeControl } from './ThemeControl.tsx';

/** A disclosure (button + panel), not an ARIA menu: Tab moves through it and Escape closes it. */
export function UserMenu({ user }: { user: User }) {
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const name = user.displayName ?? user.userName;

  useEffect(() => {
    if (!open) return;
    const closeOnOutsideClick = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOnOutsideClick);
    return () => {
      document.removeEventListener('pointerdown', closeOnOutsideClick);
    };
  }, [open]);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape' && open) {
      setOpen(false);
      trigger.current?.focus();
    }
  }

  function onBlur(event: FocusEvent) {
    if (!container.current?.contains(event.relatedTarget)) setOpen(false);
  }

  return (
    <div ref={container} className="user-menu" onKeyDown={onKeyDown} onBlur={onBlur}>
      <button
        ref={trigger}
        type="button"
        className="user-menu-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setOpen((o) => !o);
        }}
      >
        <span className="visually-hidden">Account:</span> {name}
        <span aria-hidden="true" className="chevron">
          ▾
        </span>
      </button>
      <div id={panelId} className="user-menu-panel" hidden={!open}>
        <p className="user-menu-name">{name}</p>
        <p className="muted">
          @{user.userName} · {user.role}
        </p>
        <p>
          <Link
            to="/profile"
            onClick={() => {
              setOpen(false);
            }}
          >
            {/* Registering keeps the guest's account and history: the profile has the form. */}
            {user.role === 'Guest' ? 'Register this account' : 'Profile and password'}
          </Link>
        </p>
        <ThemeControl />
        <button
          type="button"
          onClick={() => {
            signOut.mutate();
          }}
          aria-busy={signOut.isPending}
        >
          Sign out
        </button>
      </div>
    </div>
  );
}
