/** The page's only stylesheet. Light by default, dark when the reader's system asks for it. */
export const STYLESHEET = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --card: #f6f8fa; --link: #0550ae;
  --pass: #1a7f37; --fail: #cf222e; --wait: #9a6700;
  --series-0: #0969da; --series-1: #1a7f37; --series-2: #bc4c00; --series-3: #8250df; --series-4: #cf222e; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --card: #151b23; --link: #4493f8;
    --pass: #3fb950; --fail: #f85149; --wait: #d29922;
    --series-0: #4493f8; --series-1: #3fb950; --series-2: #f0883e; --series-3: #ab7df8; --series-4: #f85149; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
a { color: var(--link); }
a:focus-visible, summary:focus-visible { outline: 3px solid var(--series-0); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; z-index: 1; }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
.muted { color: var(--muted); }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: .75rem; padding: 0; list-style: none; }
.tiles li { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .75rem; }
.tiles strong { display: block; font-size: 1.6rem; }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 1rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { font-weight: 600; color: var(--muted); }
.gates { margin: 0; padding: 0; list-style: none; font-size: .9rem; }
.pass { color: var(--pass); } .fail { color: var(--fail); } .wait { color: var(--wait); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 1rem; }
figure.chart { margin: 0; background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .75rem; }
figcaption { font-weight: 600; margin-bottom: .25rem; }
svg { width: 100%; height: auto; display: block; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .axis { fill: var(--muted); font-size: 11px; }
svg .line { fill: none; stroke-width: 2; }
.s0 { fill: var(--series-0); stroke: var(--series-0); } .s1 { fill: var(--series-1); stroke: var(--series-1); }
.s2 { fill: var(--series-2); stroke: var(--series-2); } .s3 { fill: var(--series-3); stroke: var(--series-3); }
.s4 { fill: var(--series-4); stroke: var(--series-4); }
path.line.s0, path.line.s1, path.line.s2, path.line.s3, path.line.s4 { fill: none; }
.legend { display: flex; flex-wrap: wrap; gap: .75rem; list-style: none; padding: 0; margin: .25rem 0; font-size: .85rem; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .3em; }
span.swatch.s0 { background: var(--series-0); } span.swatch.s1 { background: var(--series-1); } span.swatch.s2 { background: var(--series-2); }
span.swatch.s3 { background: var(--series-3); } span.swatch.s4 { background: var(--series-4); }
details { font-size: .85rem; margin-top: .25rem; }
footer { margin: 2rem auto; font-size: .85rem; color: var(--muted); }
`;
