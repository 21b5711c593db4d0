// Renders a Mermaid sequence diagram to SVG at build time with beautiful-mermaid (pure JavaScript, no DOM, no
// browser), so the page carries the picture inline and nothing is drawn or fetched when it is viewed.
//
// Redoc turns a description's HTML into React elements through htmlparser2 in HTML mode, which lowercases
// attribute names: `viewBox`, `markerWidth`, `refX`... arrive as `viewbox`, `markerwidth`, `refx`, which SVG
// ignores. So the SVG is rewritten here to need none of them: fixed width and height instead of a viewBox
// starting at 0 0, and arrowhead markers drawn around their reference point with overflow visible.
import { renderMermaidSVG } from "beautiful-mermaid";

/** beautiful-mermaid always @imports its font from Google Fonts; offline that is a failed request. */
const REMOTE_FONT_IMPORT = /@import url\('https:\/\/fonts\.googleapis\.com\/[^']*'\);/g;
/** Any URL left in the SVG other than the SVG namespace would be a request to the internet. */
const REMOTE_URL = /https?:\/\/(?!www\.w3\.org\/)[^\s"')]+/;
const VIEW_BOX_AT_ORIGIN = / viewBox="0 0 [\d.]+ [\d.]+"/;
const MARKER =
  /<marker id="([^"]+)" markerWidth="[\d.]+" markerHeight="[\d.]+" refX="([\d.]+)" refY="([\d.]+)"([^>]*)>([\s\S]*?)<\/marker>/g;
const CAMEL_CASE_ATTRIBUTE = / ([a-z]+[A-Z][a-zA-Z]*)=/;

export function renderDiagramSvg(source: string, idPrefix: string): string {
  const rendered = renderMermaidSVG(source, { font: "system-ui", transparent: true });
  if (!REMOTE_FONT_IMPORT.test(rendered) || !VIEW_BOX_AT_ORIGIN.test(rendered)) {
    throw new Error(
      "beautiful-mermaid's SVG changed (font @import or viewBox): check scripts/render-diagram.ts still makes it self-contained and case-proof",
    );
  }
  const svg = rendered
    .replace(REMOTE_FONT_IMPORT, "")
    .replace(VIEW_BOX_AT_ORIGIN, "")
    .replace(MARKER, (_, id: string, refX: string, refY: string, rest: string, shape: string) => {
      const shifted = shape.replace(/points="([^"]+)"/g, (__, points: string) => {
        const moved = points.split(",").map((point) => {
          const [x = 0, y = 0] = point.trim().split(/\s+/).map(Number);
          return `${x - Number(refX)} ${y - Number(refY)}`;
        });
        return `points="${moved.join(", ")}"`;
      });
      return `<marker id="${id}"${rest} style="overflow: visible">${shifted}</marker>`;
    })
    // Two diagrams on one page must not share marker ids.
    .replace(/id="([^"]+)"/g, (match, id: string, offset: number, whole: string) =>
      whole.slice(offset - 5, offset) === "data-" ? match : `id="${idPrefix}-${id}"`,
    )
    .replace(/url\(#([^)]+)\)/g, `url(#${idPrefix}-$1)`);
  const camelCase = svg.match(CAMEL_CASE_ATTRIBUTE);
  if (camelCase)
    throw new Error(`The diagram still has the attribute ${camelCase[1]}, which Redoc would lowercase`);
  const remote = svg.match(REMOTE_URL);
  if (remote) throw new Error(`The rendered diagram references ${remote[0]}: it must be self-contained`);
  // One line: a blank line would end the HTML block in the Markdown that Redoc renders.
  return svg.replace(/\s*\n\s*/g, " ");
}
