// A small router over the History API: enough for a handful of fixed paths, no dependency.
import { useEffect, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const NAVIGATE_EVENT = 'chatroom:navigate';

export interface Location {
  pathname: string;
  search: string;
}

let current: Location | null = null;

function read(): Location {
  const { pathname, search } = window.location;
  // Same object while nothing changed, as useSyncExternalStore requires.
  if (current?.pathname !== pathname || current.search !== search) current = { pathname, search };
  return current;
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATE_EVENT, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATE_EVENT, listener);
  };
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, read);
}

export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** Only paths inside this app: `next=//evil.example` or `next=https://…` must not redirect away. */
export function safeNext(value: string | null): string {
  return value !== null && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')
    ? value
    : '/';
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** A real link (open in new tab, copy address all work) that navigates in place on a plain click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const { pathname } = useLocation();
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (to !== pathname) navigate(to);
  }
  return <a href={to} aria-current={to === pathname ? 'page' : undefined} onClick={handleClick} {...rest} />;
}

/** Replaces the current entry, so Back does not bounce the user into the redirect again. */
export function Redirect({ to }: { to: string }) {
  useEffect(() => {
    navigate(to, { replace: true });
  }, [to]);
  return null;
}
