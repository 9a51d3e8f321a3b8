/**
 * What multer takes with a command's document, on the API's route and the case page's form alike: one
 * file of at most `maxBytes` (kept in memory; the ledger stores it encrypted), and a few short fields.
 */
export function uploadLimits(maxBytes: number) {
  return { fileSize: maxBytes, files: 1, fields: 20, parts: 21 };
}
