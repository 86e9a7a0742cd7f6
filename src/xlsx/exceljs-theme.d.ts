/** exceljs's fixed theme text (a CommonJS module exporting one string); it ships no types for it. */
declare module 'exceljs/lib/xlsx/xml/theme1.js' {
  const theme: string;
  export default theme;
}
