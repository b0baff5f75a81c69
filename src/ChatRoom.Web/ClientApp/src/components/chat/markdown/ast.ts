// The small tree the parser hands to the view. It holds text and already-vetted hrefs only: nothing in it is ever
// interpreted as HTML, so the view can render it with plain React elements.

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong' | 'em' | 'del'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[]; explicit: boolean };

export type Block =
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'code'; language: string | null; text: string }
  | { kind: 'quote'; children: Block[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] };
