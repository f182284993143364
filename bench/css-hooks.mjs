// Lets `npm run bench` import UI modules in Node (bench/travel.ts reads the event-log collector and
// the space-time index, which reach the protocols' looks and their panels' stylesheets): a `.css`
// import loads as an empty module, as the browser build would have bundled it apart.
import { register } from 'node:module';

register('data:text/javascript,' + encodeURIComponent(`
export async function load(url, context, next) {
  if (url.endsWith('.css')) return { format: 'module', source: '', shortCircuit: true };
  return next(url, context);
}
`));
