/**
 * Screen/print rules the component styles cannot express (webpack has no CSS loader here, so this is a string put in
 * a <style> element). Printing: no controls, every chart with its table, sections kept whole where possible.
 */
export const PRINT_CSS = `
.aide-screen-hidden { display: none !important; }
.aide-print-only { display: none; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  html, body { background: #fff !important; }
  .aide-no-print { display: none !important; }
  .aide-print-only { display: block; font-size: 10pt; }
  .aide-screen-hidden.aide-chart, .aide-screen-hidden.aide-print-table { display: block !important; }
  .aide-section { break-before: auto; }
  /* The summary (tiles and the role × site table) takes the first pages; the details start on a new page. */
  .aide-details { break-before: page; }
  #overview table { font-size: 8pt; }
  #overview td, #overview th { padding: 1px 4px !important; height: auto !important; min-height: 0 !important; }
  .aide-section h2 { break-after: avoid; }
  [role="region"] { break-inside: avoid; box-shadow: none !important; border: 1px solid #ccc; }
  a[href]::after { content: none; }
}
`;
