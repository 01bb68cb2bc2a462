// Lesson 11: why depth is hard to train. The gradient's size in each layer of two 8-layer
// playgrounds (layerStats through the library, from their live weights): sigmoid with
// classic init loses orders of magnitude on the way back, ReLU with He init does not; and a
// 10-layer tanh playground that barely trains beside the same network with skips, trained
// by the page on the playground's own data. Claims in tests/web/lesson-training.test.ts.
import { html, render, type TemplateResult } from 'lit';
import type { MlpPlaygroundElement } from '../../element.js';
import { DepthRun, ordersLost, playgroundNorms } from '../../lesson-presets/depth.js';
import { presetNumber, PRESETS } from '../../lesson-presets/presets.js';
import { css } from '../../view/colors.js';
import { drawCurves } from '../../view/lesson-figures/curves.js';
import { defineLesson, playground } from '../lesson.js';

interface Text {
  title: string;
  summary: string;
  intro: TemplateResult;
  chain: TemplateResult;
  sigmoid: string;
  relu: string;
  normsTitle: (which: string) => string;
  layer: string;
  output: string;
  norm: string;
  lost: (orders: string) => TemplateResult;
  waiting: string;
  normsText: TemplateResult;
  skipsIntro: TemplateResult;
  tanh: string;
  skipsTitle: string;
  plain: string;
  skips: string;
  epoch: string;
  trainLoss: string;
  testLoss: string;
  firstGrad: string;
  skipsText: TemplateResult;
  tryBody: TemplateResult;
}

const LOSS_VIEW = { view: 'full' as const, hide: 'header,data,network,hyper,export,draw' };
const DEEP = [['deep-sigmoid', 'sigmoid'], ['deep-relu', 'relu']] as const;
/** Epochs the page trains per frame (the two 10-layer runs take a few ms per epoch). */
const PER_FRAME = 5;

export default defineLesson<Text>({
  number: 11,
  slug: '11-depth',
  text: {
    en: {
      title: 'Why depth is hard to train',
      summary: 'Gradients vanish through many sigmoid layers; ReLU with He initialisation, or skip connections, let them through.',
      intro: html`More layers can draw more (lesson 6), so why not stack twenty? Because the gradient has to get back to the first layers. The backward pass multiplies, layer after layer, by the transposed weights and by the slope of the activation:`,
      chain: html`The sigmoid's slope is at most 1/4, and with the classic initialisation (weights uniform in ±0.5) each factor is smaller still. Eight layers of that multiply the signal down by orders of magnitude: the last layers learn, the first ones hardly move. Both playgrounds below have eight hidden layers of 8 units and train with plain SGD (η = 0.1 for sigmoid, 0.03 for ReLU); the tables beside them are each layer's ‖∂<var>L</var>/∂<var>W</var>‖ on the training points, computed by the library from the playground's current weights; each playground's own <b>Gradient flow</b> panel plots them over the epochs.`,
      sigmoid: 'Eight sigmoid layers, classic init',
      relu: 'Eight ReLU layers, He init',
      normsTitle: (which) => `Gradient per layer: ${which}`,
      layer: 'layer',
      output: 'output',
      norm: '‖∂L/∂W‖',
      lost: (orders) => html`The first layer gets 10<sup>−${orders}</sup> of the last layer’s gradient.`,
      waiting: 'Waiting for the network…',
      normsText: html`At the start the sigmoid network's first layer gets about a millionth of the gradient its last layer gets, and it never catches up: after 200 epochs its loss is still about 1, the loss of answering 0 everywhere. ReLU's slope is 1 where it is active, and He initialisation (Gaussian weights with variance 2/fan-in) keeps the signal's size from layer to layer, so every layer's gradient is within about one order of magnitude of the others, and the same network reaches a loss below 10⁻³.`,
      skipsIntro: html`tanh's slope is 1 at zero, yet ten tanh layers of 8 with the classic initialisation still barely train on the spiral: at the start the first layer gets a sixth of the gradient of the last, and the layers between it and the output keep it from learning much. A <em>skip connection</em> (ResNet's idea) adds each layer's input to its output, <var>h</var><sub><var>l</var></sub> = <var>h</var><sub><var>l</var>−1</sub> + σ(<var>W</var><sub><var>l</var></sub><var>h</var><sub><var>l</var>−1</sub> + <var>b</var><sub><var>l</var></sub>), so the backward pass always has the identity to travel along. The playground trains the plain network; the page trains the same network with skips between its hidden layers, on the playground's own points, in the library, and draws both curves.`,
      tanh: 'Ten tanh layers, classic init, no skips',
      skipsTitle: 'Ten tanh layers, without and with skips',
      plain: 'no skips',
      skips: 'with skips',
      epoch: 'epoch',
      trainLoss: 'training loss',
      testLoss: 'test loss',
      firstGrad: 'first layer’s ‖∂L/∂W‖ at the start',
      skipsText: html`The same weights at the start, the same data, the same steps: only the identity added. With skips the first layer starts with a gradient about seventy times larger, and after 300 epochs the loss is more than ten times lower.`,
      tryBody: html`<p>In the ReLU playground, press <b>Reset</b>: the table shows the gradients at the new start. Which layer gets the most? Then watch the sigmoid table while it trains: do the numbers of the first layers ever grow?</p>`,
    },
    zh: {
      title: '为什么深层网络难以训练',
      summary: '梯度穿过多层 sigmoid 会消失；ReLU 加 He 初始化，或跳跃连接，能让它传回去。',
      intro: html`层数越多能画的越多（第 6 课），那为什么不叠二十层？因为梯度必须传回最前面的几层。反向传播逐层相乘，每一层都乘以转置的权重和激活函数的斜率：`,
      chain: html`sigmoid 的斜率最大只有 1/4，而在经典初始化（权重在 ±0.5 内均匀分布）下，每个因子还要更小。八层这样的因子相乘，信号会缩小好几个数量级：后面的层在学习，前面的层几乎不动。下面两个演练场都有八个各 8 个单元的隐藏层，用普通 SGD 训练（sigmoid 的 η = 0.1，ReLU 的 η = 0.03）；旁边的表格是每一层在训练点上的 ‖∂<var>L</var>/∂<var>W</var>‖，由程序库根据演练场当前的权重算出；每个演练场自己的<b>梯度流</b>面板会画出它们随轮次的变化。`,
      sigmoid: '八个 sigmoid 层，经典初始化',
      relu: '八个 ReLU 层，He 初始化',
      normsTitle: (which) => `每层的梯度：${which}`,
      layer: '层',
      output: '输出',
      norm: '‖∂L/∂W‖',
      lost: (orders) => html`第一层得到的梯度只有最后一层的 10<sup>−${orders}</sup>。`,
      waiting: '等待网络……',
      normsText: html`一开始，sigmoid 网络第一层得到的梯度大约只有最后一层的百万分之一，而且始终追不上：训练 200 轮后损失仍约为 1，也就是处处回答 0 时的损失。ReLU 在激活区的斜率为 1，He 初始化（方差为 2/扇入的高斯权重）让信号的大小逐层保持不变，于是各层梯度之间相差约一个数量级以内，同样的网络能把损失降到 10⁻³ 以下。`,
      skipsIntro: html`tanh 在零点的斜率为 1，但在经典初始化下，十个各 8 个单元的 tanh 层在螺旋数据上依然几乎训练不动：开始时第一层得到的梯度只有最后一层的六分之一，它与输出之间的那些层让它学不到多少东西。<em>跳跃连接</em>（ResNet 的思想）把每一层的输入加到它的输出上，<var>h</var><sub><var>l</var></sub> = <var>h</var><sub><var>l</var>−1</sub> + σ(<var>W</var><sub><var>l</var></sub><var>h</var><sub><var>l</var>−1</sub> + <var>b</var><sub><var>l</var></sub>)，于是反向传播总有一条恒等的通路。演练场训练的是普通网络；本页在程序库里、用演练场自己的数据点，训练在隐藏层之间加了跳跃连接的同一个网络，并画出两条曲线。`,
      tanh: '十个 tanh 层，经典初始化，无跳跃连接',
      skipsTitle: '十个 tanh 层：没有与有跳跃连接',
      plain: '无跳跃连接',
      skips: '有跳跃连接',
      epoch: '轮次',
      trainLoss: '训练损失',
      testLoss: '测试损失',
      firstGrad: '开始时第一层的 ‖∂L/∂W‖',
      skipsText: html`开始时的权重相同、数据相同、步骤相同：只是加上了恒等映射。有了跳跃连接，第一层一开始得到的梯度大约是原来的七十倍，训练 300 轮后损失低了十倍以上。`,
      tryBody: html`<p>在 ReLU 演练场上按 <b>Reset</b>：表格会显示新起点的梯度。哪一层得到的最多？然后在 sigmoid 网络训练时盯着它的表格：前几层的数字会变大吗？</p>`,
    },
  },
  body: (t) => html`
    <p>${t.intro}</p>
    <p class="math">∂<var>L</var>/∂<var>h</var><sub><var>l</var>−1</sub> = <var>W</var><sub><var>l</var></sub><sup>⊤</sup> (σ′(<var>z</var><sub><var>l</var></sub>) ⊙ ∂<var>L</var>/∂<var>h</var><sub><var>l</var></sub>)</p>
    <p>${t.chain}</p>
    ${DEEP.map(([id, name]) => html`<div class="row wide">
      ${playground(id, name === 'sigmoid' ? PRESETS.deepSigmoid : PRESETS.deepReluHe, { ...LOSS_VIEW, label: name === 'sigmoid' ? t.sigmoid : t.relu })}
      <section class="view norms" data-for=${id} aria-labelledby=${`${id}-h`}>
        <h3 id=${`${id}-h`}>${t.normsTitle(name === 'sigmoid' ? t.sigmoid : t.relu)}</h3>
        <div data-norms aria-live="off"></div>
      </section>
    </div>`)}
    <p>${t.normsText}</p>
    <p>${t.skipsIntro}</p>
    <div class="row wide">
      ${playground('deep-tanh', PRESETS.deepTanh, { ...LOSS_VIEW, label: t.tanh })}
      <section class="view" aria-labelledby="skips-h">
        <h3 id="skips-h">${t.skipsTitle}</h3>
        <canvas class="curves wide" role="img" aria-label=${t.skipsTitle}></canvas>
        <div class="legend" data-legend></div>
        <div data-skips aria-live="off"></div>
      </section>
    </div>
    <p>${t.skipsText}</p>
  `,
  mount(root, context) {
    const text = (): Text => this.text[context().lang];
    const offs: Array<() => void> = [];
    const byId = (id: string) => root.querySelector<MlpPlaygroundElement>(`#${id}`)!;

    // Each deep playground's gradient per layer, from its current weights (log-scaled bars).
    const drawNorms = (id: string): void => {
      const el = byId(id), snap = el.snapshot, core = context().core, t = text();
      const box = root.querySelector<HTMLElement>(`section.norms[data-for="${id}"] [data-norms]`)!;
      if (!snap || !core) {
        render(html`<p>${t.waiting}</p>`, box);
        return;
      }
      const norms = playgroundNorms(core.mlp, snap.network, snap.parameters, snap.train);
      const logs = norms.map((v) => Math.log10(Math.max(v, 1e-12))), top = Math.max(...logs), span = Math.max(8, top - Math.min(...logs));
      const colour = css(context().palette.positive);
      render(html`
        <table class="runs norms-table"><thead><tr><th>${t.layer}</th><th>${t.norm}</th><th></th></tr></thead>
          <tbody>${norms.map((v, i) => html`<tr><td>${i === norms.length - 1 ? t.output : i + 1}</td><td data-norm>${v.toExponential(1).replace('-', '−')}</td>
            <td class="bar"><i style=${`width:${Math.max(2, (1 - (top - logs[i]!) / span) * 100)}%;background:${colour}`}></i></td></tr>`)}</tbody></table>
        <p data-lost>${t.lost(ordersLost(norms).toFixed(1))}</p>`, box);
    };
    for (const [id] of DEEP) {
      let frame = 0;
      const f = (): void => {
        // At most one table per frame while training (the update events come once per frame).
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => drawNorms(id));
      };
      byId(id).addEventListener('update', f);
      offs.push(() => byId(id).removeEventListener('update', f));
    }

    // The 10-layer tanh network with and without skips, trained by the page on the playground's data.
    const tanh = byId('deep-tanh'), canvas = root.querySelector<HTMLCanvasElement>('canvas.curves')!;
    const legend = root.querySelector<HTMLElement>('[data-legend]')!, table = root.querySelector<HTMLElement>('[data-skips]')!;
    const stop = presetNumber('deepTanh', 'stop');
    let runs: [DepthRun, DepthRun] | null = null, frame = 0;
    const colours = () => [css(context().palette.classes[0]!), css(context().palette.positive)];
    const drawSkips = (): void => {
      const t = text(), p = context().palette, [plainColour, skipColour] = colours();
      render(html`<span><i style=${`background:${plainColour}`}></i>${t.plain}</span><span><i style=${`background:${skipColour}`}></i>${t.skips}</span>`, legend);
      if (!runs) {
        render(html`<p>${t.waiting}</p>`, table);
        return;
      }
      drawCurves(canvas, p, [{ points: runs[0].curve, color: plainColour!, dash: [6, 4] }, { points: runs[1].curve, color: skipColour!, dash: [] }], stop, { x: t.epoch, y: `log₁₀ ${t.trainLoss}` });
      const row = (name: string, r: DepthRun, key: string) => {
        const e = r.curve.at(-1)!;
        return html`<tr data-run=${key}><td>${name}</td><td data-epoch>${e.epoch}</td><td data-train>${e.train.toPrecision(3)}</td><td data-test>${e.test.toPrecision(3)}</td><td>${r.initialNorms[0]!.toExponential(1).replace('-', '−')}</td></tr>`;
      };
      render(html`<div class="scroll"><table class="runs"><thead><tr><th></th><th>${t.epoch}</th><th>${t.trainLoss}</th><th>${t.testLoss}</th><th>${t.firstGrad}</th></tr></thead>
        <tbody>${row(t.plain, runs[0], 'plain')}${row(t.skips, runs[1], 'skips')}</tbody></table></div>`, table);
    };
    const train = (): void => {
      if (!runs) return;
      for (const r of runs) if (r.epoch < stop) r.advance(Math.min(PER_FRAME, stop - r.epoch));
      drawSkips();
      if (runs.some((r) => r.epoch < stop)) frame = requestAnimationFrame(train);
    };
    const start = (): void => {
      const snap = tanh.snapshot, core = context().core;
      if (runs || !snap || !core) return;
      const o = { learningRate: presetNumber('deepTanh', 'lr'), init: 'classic' as const, seed: presetNumber('deepTanh', 'seed'), batchSize: presetNumber('deepTanh', 'batch') };
      runs = [new DepthRun(core.mlp, snap.network, o, snap.train, snap.test), new DepthRun(core.mlp, snap.network, { ...o, residual: true }, snap.train, snap.test)];
      frame = requestAnimationFrame(train);
    };
    tanh.addEventListener('update', start);
    offs.push(() => tanh.removeEventListener('update', start));

    const refresh = (): void => {
      for (const [id] of DEEP) drawNorms(id);
      start();
      drawSkips();
    };
    const resize = new ResizeObserver(drawSkips);
    resize.observe(canvas);
    refresh();
    return {
      refresh,
      dispose: () => {
        resize.disconnect();
        cancelAnimationFrame(frame);
        offs.forEach((f) => f());
        runs?.forEach((r) => r.dispose());
      },
    };
  },
});
