import PDFDocument from "pdfkit";
import type { StoryDocument, StoryDynamic } from "@trellis/core/story";

/** Characters the standard PDF fonts (WinAnsi) can draw beyond Latin-1. */
const winAnsiExtras = new Set([..."€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"]);

/** Replaces what the standard fonts cannot draw (e.g. CJK) with "?", so no glyph comes out wrong. */
export function toWinAnsi(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out += (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || winAnsiExtras.has(char) ? char : char === "\n" ? " " : "?";
  }
  return out;
}

const dynamicColors: Record<StoryDynamic, string> = {
  rhythm: "#1d6fa5",
  language: "#6a4c93",
  presence: "#2a9d8f",
  authorship: "#b5651d",
  trust: "#2b7a3d",
  candor: "#b83b5e",
  other: "#666666",
};

/**
 * Renders the story laid out by core (layOutStory) as an A4 PDF: the title, the subtitle, a heading
 * per month and one dated line per entry with its dynamic. Dated by `createdAt` (no clock read).
 */
export async function renderStoryPdf(document: StoryDocument, options: { createdAt: Date; compress?: boolean }): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    compress: options.compress ?? true,
    info: { Title: toWinAnsi(document.title), Creator: "Trellis", Producer: "Trellis", CreationDate: options.createdAt, ModDate: options.createdAt },
  });
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  const width = pdf.page.width - 112;
  pdf.font("Helvetica-Bold").fontSize(20).fillColor("#111111").text(toWinAnsi(document.title), { width });
  if (document.subtitle) pdf.moveDown(0.3).font("Helvetica-Oblique").fontSize(11).fillColor("#444444").text(toWinAnsi(document.subtitle), { width });
  pdf.moveDown(1);
  if (document.months.length === 0) pdf.font("Helvetica").fontSize(11).fillColor("#111111").text("Nothing to tell yet.", { width });
  for (const month of document.months) {
    if (pdf.y > pdf.page.height - 120) pdf.addPage();
    pdf.font("Helvetica-Bold").fontSize(14).fillColor("#111111").text(toWinAnsi(month.heading), { width });
    pdf.moveDown(0.4);
    for (const entry of month.entries) {
      const sentence = /[.!?…]$/.test(entry.headline) ? entry.headline : `${entry.headline}.`;
      pdf.font("Helvetica-Bold").fontSize(10).fillColor("#111111").text(`${toWinAnsi(entry.day)}  `, { continued: true, width });
      pdf.font("Helvetica").fillColor("#111111").text(toWinAnsi(sentence), { continued: entry.dynamic !== "other", width });
      if (entry.dynamic !== "other") pdf.font("Helvetica-Oblique").fillColor(dynamicColors[entry.dynamic]).text(`  (${entry.dynamic})`, { width });
      pdf.moveDown(0.25);
    }
    pdf.moveDown(0.6);
  }
  pdf.end();
  return finished;
}
