/**
 * MDX to plain-text sections, through the MDX parser (build/mdx.ts: unified + remark-parse + remark-mdx +
 * remark-gfm), never regular expressions. A section starts at each heading; its anchor is the id Astro gives that
 * heading (github-slugger over the heading's text, one slugger per document, every heading in document order, so
 * repeated headings get "-1", "-2" exactly as on the page). Text before the first heading is the intro section.
 *
 * What counts as text: paragraphs, list items, table cells, code, image alt text, and the readable attributes of
 * the writers' components (Figure alt and caption); JS expressions and imports are skipped.
 */
import GithubSlugger from 'github-slugger';
import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { IndexSection } from '../core/index.ts';
import { parseMdx } from './mdx.ts';

/** Attributes of writers' components that readers see as text. */
const TEXT_ATTRIBUTES = new Set(['alt', 'caption', 'title', 'label']);
/** Nodes after which a line break separates words (so "item one" and "item two" do not glue). */
const BLOCK_NODES = new Set(['paragraph', 'heading', 'listItem', 'tableCell', 'tableRow', 'blockquote', 'code', 'mdxJsxFlowElement']);
/** Nodes whose content is code, not prose. */
const SKIPPED_NODES = new Set(['mdxjsEsm', 'mdxFlowExpression', 'mdxTextExpression', 'html', 'yaml', 'toml', 'definition']);

interface Draft {
  heading?: string;
  anchor?: string;
  parts: string[];
}

function collapse(text: string): string {
  return text.replace(/[ \t\r\f\v]*\n[\s]*/g, '\n').replace(/[ \t\r\f\v]+/g, ' ').trim().replace(/\n+/g, ' ');
}

/** Splits an MDX body (frontmatter removed) into sections of plain text with heading anchors. */
export function mdxToSections(body: string): IndexSection[] {
  const tree = parseMdx(body);
  const slugger = new GithubSlugger();
  const drafts: Draft[] = [{ parts: [] }];

  const visit = (node: Nodes): void => {
    if (SKIPPED_NODES.has(node.type)) return;
    const current = drafts.at(-1)!;
    switch (node.type) {
      case 'heading': {
        const heading = toString(node);
        drafts.push({ heading: collapse(heading), anchor: slugger.slug(heading), parts: [] });
        return;
      }
      case 'text':
      case 'inlineCode':
      case 'code':
        current.parts.push(node.value);
        break;
      case 'image':
        if (node.alt) current.parts.push(node.alt);
        break;
      case 'break':
        current.parts.push(' ');
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        for (const attribute of node.attributes) {
          if (attribute.type === 'mdxJsxAttribute' && TEXT_ATTRIBUTES.has(attribute.name) && typeof attribute.value === 'string') {
            current.parts.push(attribute.value, '\n');
          }
        }
        break;
      default:
        break;
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
    if (BLOCK_NODES.has(node.type)) drafts.at(-1)!.parts.push('\n');
  };
  visit(tree);

  return drafts
    .map((draft): IndexSection => ({
      ...(draft.heading !== undefined ? { heading: draft.heading, anchor: draft.anchor } : {}),
      text: collapse(draft.parts.join('')),
    }))
    .filter((section, position) => position > 0 || section.text.length > 0);
}
