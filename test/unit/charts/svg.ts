/** Small readers of Vega's SVG output, so tests can assert marks and labels rather than bytes. */
export function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => unescapeXml(m[1]!));
}

/** aria-labels of the marks with a role description, e.g. 'bar', 'point', 'line mark', 'arc mark'. */
export function marks(svg: string, role: string): string[] {
  const pattern = /<path aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="([^"]*)"/g;
  return [...svg.matchAll(pattern)].filter((m) => m[2] === role).map((m) => unescapeXml(m[1]!));
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
