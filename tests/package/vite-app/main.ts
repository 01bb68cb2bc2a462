// The element from npm, as a Vite app uses it: import the entry (it registers the tag),
// create an instance, configure it by attributes and follow its typed events. And the
// digits: Vite emits their asset, the browser fetches it (progress) and checks it.
import 'mlp-playground/element';
import type { MlpPlaygroundElement, PlaygroundSnapshot } from 'mlp-playground/element';
import { loadDigits } from 'mlp-playground/digits';

const el: MlpPlaygroundElement = document.createElement('mlp-playground');
el.id = 'bundled';
el.setAttribute('dataset', 'circle');
el.setAttribute('layers', '6,3');
el.setAttribute('optimizer', 'adam');
el.setAttribute('speed', '10');
el.view = 'boundary';
el.autoplay = true;
const status = document.querySelector('#status')!;
el.addEventListener('epoch', (e) => {
  status.textContent = `epoch ${e.detail.epoch}`;
});
el.addEventListener('update', (e) => {
  const snap: PlaygroundSnapshot = e.detail;
  status.setAttribute('data-layers', snap.network.layers.map((l) => l.units).join(','));
});
document.body.append(el);

let loaded = 0;
loadDigits({ samples: 100, size: 14, onProgress: (l, total) => (loaded = l === total ? total : 0) }).then(
  ({ train, test }) => status.setAttribute('data-digits', `${train.size}+${test.size} ${train.shape.join('x')} ${loaded} bytes`),
  (e: Error) => status.setAttribute('data-digits', `error: ${e.message}`),
);
