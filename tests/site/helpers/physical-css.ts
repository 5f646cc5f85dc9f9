/**
 * Finds physical left/right styling in CSS text: the site must use logical properties only
 * (margin-inline-start, inset-inline-end, text-align: start ...) so that RTL and LTR share one stylesheet.
 */
const RULES: { pattern: RegExp; what: string }[] = [
  { pattern: /\b(?:margin|padding|border|scroll-margin|scroll-padding)-(?:left|right)\b/g, what: 'physical box property' },
  { pattern: /\bborder-(?:top|bottom)-(?:left|right)-radius\b/g, what: 'physical corner radius' },
  { pattern: /(?<![\w-])(?:left|right)\s*:/g, what: 'physical offset' },
  { pattern: /\b(?:text-align|float|clear|caption-side)\s*:\s*(?:left|right)\b/g, what: 'physical alignment' },
  { pattern: /\btranslateX\(/g, what: 'horizontal transform' },
];

/** One message per match: "physical offset `left:` on line 3". Comments are ignored. */
export function physicalDirectionIssues(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  const issues: string[] = [];
  for (const { pattern, what } of RULES) {
    for (const match of text.matchAll(pattern)) {
      const line = text.slice(0, match.index).split('\n').length;
      issues.push(`${what} \`${match[0].trim()}\` on line ${line}`);
    }
  }
  return issues;
}
