import type { ReactNode } from 'react';

/** Every page's one h1. Focusable from script, so navigation can move the keyboard and screen reader here. */
export function PageHeading({ children }: { children: ReactNode }) {
  return (
    <h1 id="page-heading" tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
