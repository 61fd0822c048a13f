/**
 * A grammar check for the Mermaid flowcharts the report draws. @mermaid-js/parser has no flowchart grammar
 * (flowcharts are still parsed by Mermaid's Jison parser inside the full, browser-bound `mermaid` package),
 * so the tests check the subset the report emits against Mermaid's documented flowchart syntax instead:
 *
 *   chart     = "flowchart" SP direction NL { statement NL }
 *   direction = "TB" | "TD" | "BT" | "RL" | "LR"
 *   statement = INDENT ( node | edge )
 *   node      = id '["' label '"]'        ; label: no `"` (it would end the string), no line break
 *   edge      = id SP "-->" SP id
 *   id        = letter { letter | digit | "_" }, not a Mermaid keyword (`end` and friends break a chart)
 *
 * plus what a parser would not catch but a reader would: ids are defined once, edges join defined nodes.
 * Anything outside the subset is an error, so a change to the chart must come with a change here.
 */
const DIRECTIONS = new Set(['TB', 'TD', 'BT', 'RL', 'LR']);
const KEYWORDS = new Set(['end', 'subgraph', 'graph', 'flowchart', 'style', 'classdef', 'class', 'click', 'linkstyle', 'direction', 'default']);
const ID = '[A-Za-z][A-Za-z0-9_]*';
const NODE = new RegExp(`^ {4}(${ID})\\["([^"\\n]*)"\\]$`);
const EDGE = new RegExp(`^ {4}(${ID}) --> (${ID})$`);

export function flowchartErrors(source: string): string[] {
  const errors: string[] = [];
  const lines = source.split('\n');
  const header = /^flowchart ([A-Z]{2})$/.exec(lines[0] ?? '');
  if (!header || !DIRECTIONS.has(header[1] ?? '')) errors.push(`line 1: expected "flowchart <direction>", got ${JSON.stringify(lines[0])}`);
  const nodes = new Set<string>();
  const edges: Array<[string, string, number]> = [];
  lines.slice(1).forEach((line, index) => {
    const at = index + 2;
    if (line === '') return;
    const node = NODE.exec(line);
    const edge = EDGE.exec(line);
    const ids = node ? [node[1] ?? ''] : edge ? [edge[1] ?? '', edge[2] ?? ''] : [];
    if (ids.length === 0) errors.push(`line ${at}: not a node or an edge: ${JSON.stringify(line)}`);
    for (const id of ids) if (KEYWORDS.has(id.toLowerCase())) errors.push(`line ${at}: ${id} is a Mermaid keyword`);
    if (node) {
      const id = node[1] ?? '';
      if (nodes.has(id)) errors.push(`line ${at}: node ${id} defined twice`);
      nodes.add(id);
    }
    if (edge) edges.push([edge[1] ?? '', edge[2] ?? '', at]);
  });
  for (const [from, to, at] of edges) for (const id of [from, to]) if (!nodes.has(id)) errors.push(`line ${at}: edge names undefined node ${id}`);
  return errors;
}

/** The body of every ```mermaid block in a Markdown text. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((match) => match[1] ?? '');
}
