import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '@/modules/opendata/markdown';
import { filterQuery, parseOpenDataFilters } from '@/modules/opendata/filters';
import { periodRange } from '@/modules/opendata/queries';
import { safeCell } from '@/modules/opendata/datasets';

describe('guidance Markdown is sanitised', () => {
  it('keeps headings (shifted below the page h1), lists and safe links', () => {
    const html = renderMarkdown('# Title\n\n## Section\n\n- one\n- [two](https://example.org)\n\n[mail](mailto:a@b.example)');
    expect(html).toContain('<h2>Title</h2>');
    expect(html).toContain('<h2>Section</h2>');
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer">two</a>');
    expect(html).toContain('<a href="mailto:a@b.example">mail</a>');
    expect(html).not.toContain('<h1');
  });

  it.each([
    ['<script>alert(1)</script>hello', 'hello'],
    ['<img src=x onerror=alert(1)>', ''],
    ['[x](javascript:alert(1))', '<a>x</a>'],
    ['<a href="data:text/html,<script>1</script>">x</a>', '<a>x</a>'],
    ['<iframe src="https://evil.example"></iframe>ok', 'ok'],
    ['<p style="background:url(x)" onclick="1">p</p>', '<p>p</p>'],
    ['<svg><script>1</script></svg>s', 's'],
  ])('removes %s', (input, kept) => {
    const html = renderMarkdown(input);
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|<img|<svg|style=|data:/i);
    expect(html).toContain(kept);
  });
});

describe('open-data filters and helpers', () => {
  it('drops invalid values, swaps a reversed range and round-trips through the query string', () => {
    const f = parseOpenDataFilters({ from: '2026-12-31', to: '2025-01-01', framework: 'Cloud;drop', period: 'decade' });
    expect(f).toEqual({ from: '2025-01-01', to: '2026-12-31', period: 'month' });
    const g = parseOpenDataFilters(new URLSearchParams(filterQuery({ ...f, framework: 'cloud-14', period: 'quarter' }).slice(1)));
    expect(g).toEqual({ from: '2025-01-01', to: '2026-12-31', framework: 'cloud-14', period: 'quarter' });
    expect(parseOpenDataFilters({ from: '2025-02-30' }).from).toBeUndefined();
  });

  it('fills period ranges across year ends', () => {
    expect(periodRange('2025-11', '2026-02', 'month')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodRange('2025-Q4', '2026-Q1', 'quarter')).toEqual(['2025-Q4', '2026-Q1']);
    expect(periodRange('2024', '2026', 'year')).toEqual(['2024', '2025', '2026']);
  });

  it('neutralises spreadsheet formulas in CSV cells', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', 'ok'].map(safeCell)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", 'ok']);
  });
});
