/**
 * A label cut to at most `max` characters at a word boundary where one is near, ending in "…".
 * Headless Vega estimates text width generously (no canvas to measure with) and would cut labels
 * early and anywhere; cutting them here keeps them readable, and the charts carry the full text in
 * their tooltips.
 */
export function shortenLabel(label: string, max: number): string {
  if (label.length <= max) return label;
  const room = max - 1;
  const space = label.lastIndexOf(' ', room);
  const cut = space >= room * 0.6 ? space : room;
  return `${label.slice(0, cut).trimEnd()}…`;
}
