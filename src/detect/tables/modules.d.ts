declare module 'opencc-js/dict/TSCharacters' {
  /** OpenCC's Traditional -> Simplified character table: "src dst|src dst ...". */
  const table: string;
  export default table;
}
