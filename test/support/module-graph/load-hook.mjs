// Module hook (runs off the main thread): reports each ES module URL loaded to record-modules.mjs.
let port;
export function initialize(data) {
  port = data.port;
}
export async function load(url, context, next) {
  port.postMessage(url);
  return next(url, context);
}
