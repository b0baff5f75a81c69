import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageText, splitLinks } from './MessageText.tsx';

afterEach(cleanup);

function renderText(content: string) {
  const { container } = render(<MessageText content={content} />);
  const root = container.querySelector('.message-text');
  if (!(root instanceof HTMLElement)) throw new Error('MessageText rendered no .message-text element.');
  return root;
}

describe('MessageText', () => {
  it('renders a plain message as one paragraph inside the message-text wrapper', () => {
    const root = renderText('hello there 👋');
    expect(root.tagName).toBe('DIV');
    expect(screen.getByText('hello there 👋').tagName).toBe('P');
    expect([...root.children].map((child) => child.tagName)).toEqual(['P']);
  });

  it('shows markup as text', () => {
    const { container } = render(<MessageText content={'<img src=x onerror=alert(1)>'} />);
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });

  it('keeps HTML tags and other unsupported syntax literal', () => {
    const root = renderText('<b>x</b> <script>alert(1)</script>\n# not a heading\n![img](https://example.com/a.png)\n| a | b |');
    expect(root.querySelector('b, script, h1, img, table')).toBeNull();
    expect(root.textContent).toContain('<b>x</b> <script>alert(1)</script>');
    expect(root.textContent).toContain('# not a heading');
    expect(root.textContent).toContain('| a | b |');
  });

  it('does not turn javascript: into a link', () => {
    const { container } = render(<MessageText content="click javascript:alert(1) now" />);
    expect(container.querySelector('a')).toBeNull();
    expect(container.textContent).toBe('click javascript:alert(1) now');
  });

  it('links http(s) URLs, opening a new tab without opener or referrer', () => {
    render(<MessageText content="see https://example.com, it is nice" />);
    const link = screen.getByRole('link', { name: 'https://example.com' });
    expect(link.getAttribute('href')).toBe('https://example.com/');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.parentElement?.textContent).toBe('see https://example.com, it is nice');
  });

  it('splits text around several links and leaves other schemes alone', () => {
    expect(splitLinks('a http://x.test/p?q=1 b data:text/html,hi c https://y.test.')).toEqual([
      { text: 'a ', href: null },
      { text: 'http://x.test/p?q=1', href: 'http://x.test/p?q=1' },
      { text: ' b data:text/html,hi c ', href: null },
      { text: 'https://y.test', href: 'https://y.test/' },
      { text: '.', href: null },
    ]);
  });

  it('does not let emphasis or underscores inside a bare URL break it', () => {
    renderText('**https://x.test/a_b_c** and _https://y.test/d_');
    expect(screen.getByRole('link', { name: 'https://x.test/a_b_c' }).parentElement?.tagName).toBe('STRONG');
    expect(screen.getByRole('link', { name: 'https://y.test/d' }).parentElement?.tagName).toBe('EM');
  });
});

describe('MessageText inline Markdown', () => {
  it.each([
    ['**bold**', 'STRONG', 'bold'],
    ['__bold__', 'STRONG', 'bold'],
    ['*italic*', 'EM', 'italic'],
    ['_italic_', 'EM', 'italic'],
    ['~~gone~~', 'DEL', 'gone'],
    ['`code`', 'CODE', 'code'],
  ])('renders %s', (source, tag, text) => {
    const root = renderText(`a ${source} b`);
    const element = screen.getByText(text);
    expect(element.tagName).toBe(tag);
    expect(root.textContent).toBe(`a ${text} b`);
  });

  it('nests emphasis', () => {
    renderText('***both*** and **bold with _italic_ inside**');
    expect(screen.getByText('both').tagName).toBe('EM');
    expect(screen.getByText('both').parentElement?.tagName).toBe('STRONG');
    expect(screen.getByText('italic').parentElement?.textContent).toBe('bold with italic inside');
  });

  it('does not format inside inline code', () => {
    const root = renderText('run `rm -rf **/*_tmp_* [x](https://a.test)` now');
    expect(screen.getByText('rm -rf **/*_tmp_* [x](https://a.test)').tagName).toBe('CODE');
    expect(root.querySelector('strong, em, a')).toBeNull();
  });

  it('keeps snake_case names and lone markers plain', () => {
    const root = renderText('use snake_case_names and my__dunder__name, 2 * 3 * 4, a ~ b, ~5 min');
    expect(root.querySelector('em, strong, del')).toBeNull();
    expect(root.textContent).toBe('use snake_case_names and my__dunder__name, 2 * 3 * 4, a ~ b, ~5 min');
  });

  it.each(['**half', 'half**', '*one', '_one', '~~strike', '`tick', '[text](mailto:a@b.test', '```\nno end'])('shows unclosed %j literally', (source) => {
    const root = renderText(source);
    expect(root.querySelector('strong, em, del, code, pre, a')).toBeNull();
    expect(root.textContent).toBe(source);
  });

  it('still links the bare URL inside an unclosed link', () => {
    const root = renderText('[text](https://a.test');
    expect(screen.getByRole('link', { name: 'https://a.test' })).toBeTruthy();
    expect(root.textContent).toBe('[text](https://a.test');
  });

  it('honours backslash escapes', () => {
    const root = renderText('\\*not italic\\* and \\_not\\_ and \\`not code\\` and \\[not](https://a.test) and C:\\path');
    expect(root.querySelector('em, code')).toBeNull();
    expect(screen.queryByRole('link', { name: 'not' })).toBeNull();
    expect(root.textContent).toBe('*not italic* and _not_ and `not code` and [not](https://a.test) and C:\\path');
  });

  it('keeps line breaks inside a paragraph', () => {
    const root = renderText('first line\nsecond **line**\n\nnext paragraph');
    const paragraphs = root.querySelectorAll('p');
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[0]?.textContent).toBe('first line\nsecond line');
    expect(screen.getByText('line').tagName).toBe('STRONG');
  });
});

describe('MessageText links', () => {
  it('links [text](https://…) with the target host in the title', () => {
    renderText('read [the **docs**](https://docs.example.com/guide?a=1) first');
    const link = screen.getByRole('link', { name: 'the docs' });
    expect(link.getAttribute('href')).toBe('https://docs.example.com/guide?a=1');
    expect(link.getAttribute('title')).toBe('docs.example.com');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(within(link).getByText('docs').tagName).toBe('STRONG');
  });

  it('accepts mailto: targets and parentheses inside URLs', () => {
    renderText('[mail me](mailto:ann@example.com) or [Foo](https://en.wikipedia.org/wiki/Foo_(bar))');
    expect(screen.getByRole('link', { name: 'mail me' }).getAttribute('title')).toBe('ann@example.com');
    expect(screen.getByRole('link', { name: 'Foo' }).getAttribute('href')).toBe('https://en.wikipedia.org/wiki/Foo_(bar)');
  });

  it.each([
    '[x](javascript:alert(1))',
    '[x](JavaScript:alert(1))',
    '[x](data:text/html,<script>alert(1)</script>)',
    '[x](/relative/path)',
    '[x](//evil.test)',
    '[x](vbscript:msgbox)',
    'data:text/html,hi',
  ])('renders %j as plain text without a link', (source) => {
    const root = renderText(source);
    expect(root.querySelector('a')).toBeNull();
    expect(root.textContent).toBe(source);
  });

  it('shows the real host next to a link whose text names another one', () => {
    const root = renderText('[https://bank.test/login](https://evil.test/phish) and [bank.test](https://www.bank.test/)');
    const deceptive = screen.getByRole('link', { name: 'https://bank.test/login' });
    expect(deceptive.getAttribute('title')).toBe('evil.test');
    expect(deceptive.nextSibling?.textContent).toBe(' (evil.test)');
    const honest = screen.getByRole('link', { name: 'bank.test' });
    expect(honest.getAttribute('title')).toBe('www.bank.test');
    expect(root.textContent).not.toContain('(www.bank.test)');
    expect(root.querySelectorAll('a')).toHaveLength(2);
  });

  it('does not nest a bare URL inside link text', () => {
    const root = renderText('[see https://a.test](https://b.test)');
    expect(root.querySelectorAll('a')).toHaveLength(1);
    expect(root.querySelector('a a')).toBeNull();
  });
});

describe('MessageText blocks', () => {
  it('renders fenced code verbatim, without formatting or links', () => {
    const source = 'look:\n```ts\nconst a = **b** * _c_;\n// https://example.com <b>x</b>\n```\nafter';
    const root = renderText(source);
    const code = root.querySelector('pre > code');
    expect(code?.textContent).toBe('const a = **b** * _c_;\n// https://example.com <b>x</b>');
    expect(code?.className).toBe('language-ts');
    expect(root.querySelector('strong, em, a, b')).toBeNull();
    expect(screen.getByText('look:').tagName).toBe('P');
    expect(screen.getByText('after').tagName).toBe('P');
  });

  it('renders a one-line triple-backtick span as inline code', () => {
    const root = renderText('```npm test```');
    expect(root.querySelector('pre')).toBeNull();
    expect(screen.getByText('npm test').tagName).toBe('CODE');
  });

  it('renders block quotes', () => {
    const root = renderText('> quoted *text*\n> more\nreply');
    const quote = root.querySelector('blockquote');
    expect(quote?.textContent).toBe('quoted text\nmore');
    expect(within(quote as HTMLElement).getByText('text').tagName).toBe('EM');
    expect(screen.getByText('reply').closest('blockquote')).toBeNull();
  });

  it('renders bulleted and numbered lists', () => {
    const root = renderText('todo:\n- milk\n* **eggs**\n\n3. three\n4. four');
    const [bullets, numbers] = within(root).getAllByRole('list');
    expect(bullets?.tagName).toBe('UL');
    expect(within(bullets as HTMLElement).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['milk', 'eggs']);
    expect(numbers?.tagName).toBe('OL');
    expect(numbers?.getAttribute('start')).toBe('3');
    expect(within(numbers as HTMLElement).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['three', 'four']);
  });

  it('nests an indented list inside an item', () => {
    const root = renderText('- fruit\n  - apple\n  - pear\n- bread');
    expect(root.querySelectorAll('ul')).toHaveLength(2);
    expect(root.querySelector('li > ul')?.textContent).toBe('applepear');
  });

  it('keeps markers that are not at a line start, or lack their space, literal', () => {
    const root = renderText('a - b\n-5 degrees\n>_< oops\n1.5 litres\n* * *\n---\n>');
    expect(root.querySelector('ul, ol, blockquote, hr')).toBeNull();
    expect(root.textContent).toBe('a - b\n-5 degrees\n>_< oops\n1.5 litres\n* * *\n---\n>');
  });

  it('treats Windows line endings like plain ones', () => {
    const root = renderText('a\r\nb\r\n\r\n> c');
    expect(root.querySelector('p')?.textContent).toBe('a\nb');
    expect(root.querySelector('blockquote')?.textContent).toBe('c');
  });
});

describe('MessageText robustness', () => {
  it.each([
    ['*_', 2000],
    ['`', 4000],
    ['``` ', 1000],
    ['[', 4000],
    ['[a](', 1000],
    ['> ', 2000],
    ['- ', 2000],
    ['**a', 1334],
    ['\\', 4000],
    ['~~*', 1334],
    ['http://[', 500],
    ['_a ', 1334],
  ])('renders %j repeated %i times', (unit, times) => {
    const source = unit.repeat(times);
    const root = renderText(source);
    expect(root.textContent.length).toBeGreaterThan(0);
  });

  it('renders a message made only of fences', () => {
    const root = renderText('```\n'.repeat(1000));
    expect(root.querySelectorAll('pre')).toHaveLength(500);
  });

  it('only ever links to http(s) and mailto: targets, whatever the input', () => {
    // A fixed-seed generator: the same "random" messages on every run, so a failure can be reproduced.
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pieces = ['*', '_', '~~', '`', '```\n', '[', '](', ')', '\\', '> ', '\n', '- ', '1. ', 'a', ' ', 'https://a.test', 'javascript:x', 'data:,y', '<b>', '"'];
    for (let round = 0; round < 200; round++) {
      let source = '';
      for (let i = Math.floor(next() * 40); i > 0; i--) source += pieces[Math.floor(next() * pieces.length)] ?? '';
      const root = renderText(source);
      for (const link of root.querySelectorAll('a')) expect(link.getAttribute('href')).toMatch(/^(https?:\/\/|mailto:)/);
      expect(root.querySelector('b, script')).toBeNull();
      cleanup();
    }
  });

  it('never throws on odd input', () => {
    for (const source of ['', '\n\n', '\r\n> \r\n', '```', '[]()', '[](https://a.test)', '***', '\uD83D', '1. ', '- ']) {
      expect(() => renderText(source)).not.toThrow();
      cleanup();
    }
  });
});
