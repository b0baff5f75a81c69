import { useEffect, useRef, useState } from 'react';

/**
 * The sidebar as a drawer on phones: opening moves focus into it (the current page's link, else the first);
 * closing with Escape or its button gives focus back to the button that opened it. Choosing a link leaves focus to
 * the navigation (the new page's heading), unless the link led nowhere new.
 */
export function useDrawer(panelId: string) {
  const [open, setOpen] = useState(false);
  const toggleButtonRef = useRef<HTMLButtonElement>(null);
  const closeButtonRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const wasOpen = useRef(false);

  useEffect(() => {
    if (open === wasOpen.current) return;
    wasOpen.current = open;
    const panel = document.getElementById(panelId);
    if (open) {
      const target = panel?.querySelector<HTMLElement>('a[aria-current="page"]') ?? panel?.querySelector<HTMLElement>('a[href]');
      (target ?? closeButtonRef.current)?.focus();
      return;
    }
    const focus = document.activeElement;
    // A hidden drawer cannot hold focus: it would fall to the page's start.
    if (returnFocus.current || focus === document.body || (focus !== null && panel?.contains(focus) === true)) {
      toggleButtonRef.current?.focus();
    }
    returnFocus.current = false;
  }, [open, panelId]);

  return {
    open,
    toggleButtonRef,
    closeButtonRef,
    toggle: () => {
      returnFocus.current = open;
      setOpen(!open);
    },
    /** Escape, the close button, the backdrop: focus goes back to the toggle. */
    close: () => {
      returnFocus.current = true;
      setOpen(false);
    },
    /** A link chosen: the page it opens takes focus. */
    chosen: () => {
      setOpen(false);
    },
  };
}
