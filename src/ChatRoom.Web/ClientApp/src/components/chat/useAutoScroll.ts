import { useEffect, useRef } from 'react';

/** Keeps the newest message in view when the reader is already at the bottom. */
export function useAutoScroll(count: number) {
  const ref = useRef<HTMLDivElement | null>(null);
  const atBottom = useRef(true);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const onScroll = () => {
      atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
    };
    element.addEventListener('scroll', onScroll);
    return () => {
      element.removeEventListener('scroll', onScroll);
    };
  }, []);
  useEffect(() => {
    const element = ref.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [count]);
  return ref;
}
