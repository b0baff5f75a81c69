// Renders the parsed tree with ordinary React elements, so every piece of text is escaped by React; no HTML string is
// ever built. hrefs reaching this file were vetted by links.ts.
import { Fragment, type ReactNode } from 'react';
import type { Block, Inline } from './ast.ts';
import { linkDestination, textMisleads } from './links.ts';

export function MarkdownView({ blocks }: { blocks: Block[] }) {
  return <>{blocks.map(renderBlock)}</>;
}

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.kind) {
    case 'paragraph':
      return <p key={key}>{renderInlines(block.children)}</p>;
    case 'code':
      return (
        <pre key={key}>
          <code className={block.language === null ? undefined : `language-${block.language}`}>{block.text}</code>
        </pre>
      );
    case 'quote':
      return <blockquote key={key}>{block.children.map(renderBlock)}</blockquote>;
    case 'list': {
      const items = block.items.map((item, index) => <li key={index}>{renderListItem(item)}</li>);
      return block.ordered ? (
        <ol key={key} start={block.start === 1 ? undefined : block.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
  }
}

/** Chat lists are tight: an item's text goes straight into the <li>, not into a paragraph with document margins. */
function renderListItem(blocks: Block[]): ReactNode {
  return blocks.map((block, index) =>
    block.kind === 'paragraph' ? <Fragment key={index}>{renderInlines(block.children)}</Fragment> : renderBlock(block, index),
  );
}

function renderInlines(nodes: Inline[]): ReactNode {
  return nodes.map(renderInline);
}

function renderInline(node: Inline, key: number): ReactNode {
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'code':
      return <code key={key}>{node.text}</code>;
    case 'strong':
      return <strong key={key}>{renderInlines(node.children)}</strong>;
    case 'em':
      return <em key={key}>{renderInlines(node.children)}</em>;
    case 'del':
      return <del key={key}>{renderInlines(node.children)}</del>;
    case 'link':
      return node.explicit ? <ExplicitLink key={key} href={node.href} label={node.children} /> : <ExternalLink key={key} href={node.href}>{renderInlines(node.children)}</ExternalLink>;
  }
}

/**
 * `[text](target)` can say one thing and go elsewhere. The real host is always in the title, and when the text itself
 * names another host the real one is also shown as text next to the link, where it cannot be missed.
 */
function ExplicitLink({ href, label }: { href: string; label: Inline[] }) {
  const destination = linkDestination(href);
  return (
    <>
      <ExternalLink href={href} title={destination}>
        {renderInlines(label)}
      </ExternalLink>
      {textMisleads(plainText(label), href) && <span className="link-destination"> ({destination})</span>}
    </>
  );
}

function ExternalLink({ href, title, children }: { href: string; title?: string; children: ReactNode }) {
  return (
    <a href={href} title={title} rel="noopener noreferrer" target="_blank">
      {children}
    </a>
  );
}

function plainText(nodes: Inline[]): string {
  return nodes.map((node) => (node.kind === 'text' || node.kind === 'code' ? node.text : plainText(node.children))).join('');
}
