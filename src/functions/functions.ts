// TODO(functions engineer): placeholder so functions.json has one entry; replace this file with the real custom functions.
// custom-functions-metadata-plugin reads the JSDoc below into dist/functions.json and appends
// `CustomFunctions.associate("VERSION", version)` to this module at build time: do not call associate by hand.

/**
 * The version of the Key Clients add-in.
 * @customfunction VERSION
 * @returns The add-in version, for example "0.1.0".
 */
export function version(): string {
  return '0.1.0';
}
