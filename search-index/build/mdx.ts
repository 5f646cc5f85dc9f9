/**
 * The one MDX parser of the build: unified + remark-parse + remark-mdx + remark-gfm, the same syntax the site's
 * @astrojs/mdx accepts. Content checks and the index build both walk the tree it returns.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkGfm from 'remark-gfm';
import type { Root, Nodes } from 'mdast';

const processor = unified().use(remarkParse).use(remarkMdx).use(remarkGfm);

/** Parses an MDX body (frontmatter already removed). Throws the parser's error, which carries `line`/`column`. */
export function parseMdx(source: string): Root {
  return processor.runSync(processor.parse(source)) as Root;
}

/** Calls `visit` for every node of the tree, depth first, parents before children. */
export function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child as Nodes, visit);
}

/** A JSX attribute's literal string value, or undefined (absent, or an expression). */
export function jsxAttribute(node: Nodes, name: string): string | undefined {
  if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return undefined;
  for (const attribute of node.attributes) {
    if (attribute.type === 'mdxJsxAttribute' && attribute.name === name && typeof attribute.value === 'string') {
      return attribute.value;
    }
  }
  return undefined;
}

/** Splits "---\nyaml\n---\nbody" into its two parts; `frontmatter` is undefined when the file has none. */
export function splitFrontmatter(source: string): { frontmatter?: string; body: string; bodyLine: number } {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
  if (!match) return { body: source, bodyLine: 1 };
  const bodyLine = match[0].split('\n').length;
  return { frontmatter: match[1], body: source.slice(match[0].length), bodyLine };
}
