import { describe, expect, test } from 'vitest';
import { physicalDirectionIssues } from './helpers/physical-css.ts';

describe('physical direction detector', () => {
  test.each([
    ['a { margin-left: 1rem }', 'physical box property `margin-left` on line 1'],
    ['a {\n  padding-right: 0;\n}', 'physical box property `padding-right` on line 2'],
    ['a{border-left:1px solid}', 'physical box property `border-left` on line 1'],
    ['a { left: 0 }', 'physical offset `left:` on line 1'],
    ['a{right:0}', 'physical offset `right:` on line 1'],
    ['a { text-align: right }', 'physical alignment `text-align: right` on line 1'],
    ['a { float:left }', 'physical alignment `float:left` on line 1'],
    ['a { border-top-left-radius: 2px }', 'physical corner radius `border-top-left-radius` on line 1'],
    ['a { transform: translateX(-100%) }', 'horizontal transform `translateX(` on line 1'],
  ])('flags %j', (css, message) => {
    expect(physicalDirectionIssues(css)).toEqual([message]);
  });

  test.each([
    'a { margin-inline-start: 1rem; padding-inline: 0 }',
    'a { inset-inline-end: 0; text-align: start; float: inline-start }',
    'a { border-inline-start: 4px solid; border-start-end-radius: 2px }',
    '/* never margin-left: here */ a { color: red }',
    '.arrow-left { content: "left" }',
    'a { transform: translateY(-200%) }',
  ])('accepts %j', (css) => {
    expect(physicalDirectionIssues(css)).toEqual([]);
  });
});
