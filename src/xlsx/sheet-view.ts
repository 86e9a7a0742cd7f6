/**
 * A frozen heading that is not the sheet's first row. In a sheet's XML the frozen pane counts only the rows
 * visible above the split (`ySplit`), from the sheet view's own first row (`<sheetView topLeftCell>`), which
 * exceljs cannot write: without it, programs start the frozen part at row 1. LibreOffice's import reads it so
 * (sc/source/filter/oox/viewsettings.cxx: first unfrozen row = sheet view's first row + ySplit), like Excel.
 *
 * From what exceljs writes, `<pane ySplit="Y" topLeftCell="A{R}" state="frozen">`, the sheet view starts at
 * row R − Y; when that is below row 1 its first row is added. Rows above it stay in the sheet and in print.
 */
export function withFrozenTopRow(xml: string): string {
  return xml.replace(/<sheetView ([^>]*?)>(<pane [^>]*\/>)/g, (all, attrs: string, pane: string) => {
    if (!/state="frozen"/.test(pane) || /topLeftCell=/.test(attrs)) return all;
    const y = /ySplit="(\d+)"/.exec(pane);
    const at = /topLeftCell="([A-Z]+)(\d+)"/.exec(pane);
    if (!y || !at) return all;
    const top = Number(at[2]) - Number(y[1]);
    return top > 1 ? `<sheetView ${attrs} topLeftCell="A${top}">${pane}` : all;
  });
}
