// Lesson 10: learning is walking downhill. One SGD step on one point with its real numbers
// (the core's trace, gradients and previewStep for the tiny playground's current weights,
// the arithmetic done beside them); three learning rates on one fit, too small, about right
// and too large; and the loss landscape of the middle one with its path (lossSurface, PCA,
// drawn by the element's landscape view).
// Claims in tests/web/lesson-training.test.ts.
import { html, render, type TemplateResult } from 'lit';
import type { MlpPlaygroundElement, PlaygroundSnapshot } from '../../element.js';
import { handStep, landscapeOf, networkOf, type ParamStep } from '../../lesson-presets/descent.js';
import { presetNumber, PRESETS } from '../../lesson-presets/presets.js';
import { drawLandscape } from '../../view/landscape.js';
import { type HandStepWords, renderHandStep } from '../../view/lesson-figures/hand-step.js';
import { defineLesson, playground } from '../lesson.js';

interface Text {
  title: string;
  summary: string;
  intro: TemplateResult;
  handIntro: TemplateResult;
  handCaption: string;
  handTitle: string;
  waiting: string;
  words: HandStepWords;
  take: string;
  handAfter: TemplateResult;
  ratesIntro: TemplateResult;
  small: string;
  good: string;
  large: string;
  ratesTitle: string;
  rate: string;
  epoch: string;
  loss: string;
  diverged: string;
  ratesText: TemplateResult;
  landIntro: TemplateResult;
  landTitle: string;
  landNote: (explained: string) => string;
  landWaiting: string;
  landText: TemplateResult;
  tryBody: TemplateResult;
}

const LOSS_VIEW = { view: 'full' as const, hide: 'header,data,network,hyper,export,draw' };
const RATES = [['lr-small', 'lrSmall'], ['lr-good', 'lrGood'], ['lr-large', 'lrLarge']] as const;

export default defineLesson<Text>({
  number: 10,
  slug: '10-downhill',
  text: {
    en: {
      title: 'Learning is walking downhill',
      summary: 'One gradient step with its real numbers, the loss landscape and the path, and learning rates too small and too large.',
      intro: html`The loss <var>L</var> is one number for all the weights together: a height over the space of weights. Training does not search that space; it stands where it is, asks which way is downhill, and takes a small step. The gradient ∂<var>L</var>/∂<var>w</var> points uphill, so each weight moves against it, scaled by the learning rate η:`,
      handIntro: html`Here is one such step, in full, for the smallest network that bends: one input, two tanh units, one linear output, seven parameters, fitting a sine. Everything beside it is computed by the library from the playground's current weights, for its first training point: the forward pass, the loss, the backward pass (the chain rule, layer by layer), and the update. Press <b>Step</b> on the playground (one epoch) or <b>Take this step</b> below, and every number changes.`,
      handCaption: 'One input, two tanh units, one linear output (SGD, η = 0.1)',
      handTitle: 'One step on one point, by hand',
      waiting: 'Waiting for the network…',
      words: { forward: 'Forward', loss: 'Loss', backward: 'Backward', update: 'Update: w ← w − η·∂L/∂w', parameter: 'parameter', value: 'w', gradient: '∂L/∂w', after: 'w − η·∂L/∂w', lossAfter: 'Loss on this point after the step:', before: 'before:' },
      take: 'Take this step',
      handAfter: html`The library's own step (the one <code>trainBatch</code> would take, from <code>previewStep</code>) lands on the same numbers, and each ∂<var>L</var>/∂<var>w</var> is ∂<var>L</var>/∂<var>z</var> of its unit times the input it multiplies: the test behind this page checks both, to six decimals. Training is nothing more than this, repeated for every minibatch.`,
      ratesIntro: html`How big a step? Three copies of a wider network (8 tanh units) learn the same sine with plain SGD, differing only in η. Watch their loss curves (logarithmic scale):`,
      small: 'η = 0.001: too small',
      good: 'η = 0.05',
      large: 'η = 1: too large',
      ratesTitle: 'Training loss, measured',
      rate: 'η',
      epoch: 'epoch',
      loss: 'training loss',
      diverged: 'diverged',
      ratesText: html`With η = 0.001 the loss crawls: from epoch 20 to epoch 200 it falls by only about a third, and it ends more than five times above the loss η = 0.05 reaches. With η = 1 every step overshoots the valley and lands higher up the other side; within the first few epochs the loss is astronomically large and training stops (the playground says it diverged). The gradient says which way is down, not how far.`,
      landIntro: html`Where did η = 0.05 walk? Its weights form a point in a 25-dimensional space, which no picture shows. But the path it took lies almost in a plane: the plane through where it ended up, spanned by the two directions along which its weights changed most (the principal directions of the path). Below is the training loss over that plane, computed by the library once the playground stops, with the path drawn on it, from its start (the dot) to now (the ring).`,
      landTitle: 'The loss landscape of η = 0.05, and its path',
      landNote: (explained) => `The plane holds ${explained} of the path's movement. Darker is lower loss; the contour lines are evenly spaced in log loss.`,
      landWaiting: 'Drawn when the playground stops training.',
      landText: html`The path starts high up and ends in the valley. Most of the descent happens in the first tenth of the epochs, where the slope is steep; then it creeps along the valley floor: the gradient is large on the walls and small at the bottom, so the same η takes big steps first and small ones later.`,
      tryBody: html`<p>Press <b>Reset</b> and <b>Play</b> on the η = 0.05 playground: the landscape is drawn again for the new run when it stops. Then take the tiny network's step a few times and watch ∂<var>L</var>/∂<var>w</var> shrink as the point's loss falls.</p>`,
    },
    zh: {
      title: '学习就是往山下走',
      summary: '带着真实数字走一步梯度下降，看损失地形和路径，再看学习率太小和太大会怎样。',
      intro: html`损失 <var>L</var> 是所有权重共同决定的一个数：它是权重空间上方的“高度”。训练并不在这个空间里四处搜索；它站在原地，问哪个方向是下坡，然后迈出一小步。梯度 ∂<var>L</var>/∂<var>w</var> 指向上坡，所以每个权重都逆着它移动，步长由学习率 η 决定：`,
      handIntro: html`下面完整地走一步，用的是能弯曲的最小网络：一个输入、两个 tanh 单元、一个线性输出，共七个参数，用来拟合正弦。旁边的一切都由程序库根据演练场当前的权重、针对它的第一个训练点算出：前向传播、损失、反向传播（逐层应用链式法则）以及更新。在演练场上按 <b>Step</b>（训练一轮），或按下面的<b>走这一步</b>，每个数字都会随之改变。`,
      handCaption: '一个输入、两个 tanh 单元、一个线性输出（SGD，η = 0.1）',
      handTitle: '在一个点上手算一步',
      waiting: '等待网络……',
      words: { forward: '前向', loss: '损失', backward: '反向', update: '更新：w ← w − η·∂L/∂w', parameter: '参数', value: 'w', gradient: '∂L/∂w', after: 'w − η·∂L/∂w', lossAfter: '走完这一步后，这个点上的损失：', before: '之前：' },
      take: '走这一步',
      handAfter: html`程序库自己的一步（即 <code>trainBatch</code> 会走的那一步，由 <code>previewStep</code> 给出）得到的是同样的数字；每个 ∂<var>L</var>/∂<var>w</var> 都等于它所在单元的 ∂<var>L</var>/∂<var>z</var> 乘以它所乘的输入：本页背后的测试会检查这两点，精确到小数点后六位。训练不过就是对每个小批量重复这件事。`,
      ratesIntro: html`步子该迈多大？下面三个更宽的网络（8 个 tanh 单元）用普通 SGD 学习同一条正弦曲线，唯一的区别是 η。看它们的损失曲线（对数坐标）：`,
      small: 'η = 0.001：太小',
      good: 'η = 0.05',
      large: 'η = 1：太大',
      ratesTitle: '实测的训练损失',
      rate: 'η',
      epoch: '轮次',
      loss: '训练损失',
      diverged: '发散',
      ratesText: html`η = 0.001 时损失像在爬：从第 20 轮到第 200 轮只下降了大约三分之一，最终仍是 η = 0.05 所达到损失的五倍以上。η = 1 时每一步都越过谷底，落在对面更高的地方；头几轮之内损失就大得惊人，训练随即停止（演练场会提示已发散）。梯度只告诉你哪边是下坡，不告诉你该走多远。`,
      landIntro: html`η = 0.05 走的是哪条路？它的权重是 25 维空间中的一个点，没有图能画出来。但它走过的路径几乎落在一个平面上：这个平面经过它最终到达的位置，由权重变化最大的两个方向（路径的主方向）张成。下图是程序库在演练场停止后算出的、这个平面上的训练损失，路径画在上面，从起点（圆点）到现在（圆环）。`,
      landTitle: 'η = 0.05 的损失地形及其路径',
      landNote: (explained) => `这个平面包含了路径 ${explained} 的移动。颜色越深损失越低；等高线按对数损失等距分布。`,
      landWaiting: '演练场停止训练后绘制。',
      landText: html`路径从高处出发，最后到达谷底。大部分下降发生在前十分之一的轮次里，那里坡很陡；之后它沿着谷底缓慢前行：谷壁上梯度大、谷底梯度小，所以同一个 η 先迈大步、后迈小步。`,
      tryBody: html`<p>在 η = 0.05 的演练场上按 <b>Reset</b> 和 <b>Play</b>：它停下后，会为新的一次训练重新画出地形。然后让那个最小的网络多走几步，看着这个点的损失下降时 ∂<var>L</var>/∂<var>w</var> 如何变小。</p>`,
    },
  },
  body: (t) => html`
    <p>${t.intro}</p>
    <p class="math"><var>w</var> ← <var>w</var> − η · ∂<var>L</var>/∂<var>w</var></p>
    <p>${t.handIntro}</p>
    <div class="row wide">
      ${playground('hand-step', PRESETS.handStep, { view: 'boundary+network', autoplay: false, label: t.handCaption })}
      <section class="view hand-step" aria-labelledby="hand-h">
        <h3 id="hand-h">${t.handTitle}</h3>
        <div data-hand aria-live="off"></div>
        <div class="controls"><button type="button" data-take disabled>${t.take}</button></div>
      </section>
    </div>
    <p>${t.handAfter}</p>
    <p>${t.ratesIntro}</p>
    <div class="row">
      ${playground('lr-small', PRESETS.lrSmall, { ...LOSS_VIEW, label: t.small })}
      ${playground('lr-good', PRESETS.lrGood, { ...LOSS_VIEW, label: t.good })}
      ${playground('lr-large', PRESETS.lrLarge, { ...LOSS_VIEW, label: t.large })}
    </div>
    <div class="column">
      <section class="view" aria-labelledby="rates-h">
        <h3 id="rates-h">${t.ratesTitle}</h3>
        <div class="scroll"><table class="runs rates"><thead><tr><th>${t.rate}</th><th>${t.epoch}</th><th>${t.loss}</th></tr></thead><tbody data-rates></tbody></table></div>
      </section>
    </div>
    <p>${t.ratesText}</p>
    <p>${t.landIntro}</p>
    <div class="column">
      <section class="view" aria-labelledby="land-h">
        <h3 id="land-h">${t.landTitle}</h3>
        <canvas class="landscape" role="img" aria-label=${t.landTitle}></canvas>
        <p data-land-note></p>
      </section>
    </div>
    <p>${t.landText}</p>
  `,
  mount(root, context) {
    const text = (): Text => this.text[context().lang];
    const byId = (id: string) => root.querySelector<MlpPlaygroundElement>(`#${id}`)!;
    const offs: Array<() => void> = [];
    const on = (el: MlpPlaygroundElement, type: 'update' | 'diverged', f: () => void): void => {
      el.addEventListener(type, f);
      offs.push(() => el.removeEventListener(type, f));
    };

    // The step by hand, for the tiny playground's weights and first training point.
    const tiny = byId('hand-step');
    const hand = root.querySelector<HTMLElement>('[data-hand]')!, take = root.querySelector<HTMLButtonElement>('[data-take]')!;
    const lr = presetNumber('handStep', 'lr');
    let next: readonly ParamStep[] = [];
    const drawHand = (): void => {
      const snap = tiny.snapshot, core = context().core;
      if (!snap || !core) {
        render(html`<p>${text().waiting}</p>`, hand);
        return;
      }
      const net = networkOf(core.mlp, snap.network, { learningRate: lr }, snap.parameters);
      try {
        const x = core.mlp.computeFeatures(snap.train.x.subarray(0, snap.train.dims), snap.train.dims, snap.network.features);
        const s = handStep(net, x, snap.train.y.subarray(0, 1), lr);
        next = s.params;
        render(renderHandStep(s, snap.network.layers.map((l) => l.activation), text().words), hand);
        take.disabled = false;
      } finally {
        net.dispose();
      }
    };
    const takeStep = async (): Promise<void> => {
      // The library's step (previewStep), one parameter at a time through the element's API.
      take.disabled = true;
      try {
        for (const p of next) await (p.input < 0 ? tiny.setBias(p.layer, p.unit, p.preview) : tiny.setWeight(p.layer, p.unit, p.input, p.preview));
      } catch {
        take.disabled = false;  // the element was rebuilt or removed meanwhile: its notice says why
      }
    };
    on(tiny, 'update', drawHand);
    take.addEventListener('click', () => void takeStep());

    // The three rates: each one's epoch and training loss as they train.
    const rates = root.querySelector<HTMLElement>('[data-rates]')!;
    const drawRates = (): void => {
      const t = text();
      render(RATES.map(([id, name]) => {
        const snap = byId(id).snapshot;
        const loss = snap ? (snap.diverged ? `${t.diverged} (${snap.trainLoss.toPrecision(3)})` : snap.trainLoss.toPrecision(3)) : '–';
        return html`<tr data-for=${id}><td>${String(presetNumber(name, 'lr'))}</td><td data-epoch>${snap?.epoch ?? '–'}</td><td data-train-loss>${loss}</td></tr>`;
      }), rates);
    };
    for (const [id] of RATES) (on(byId(id), 'update', drawRates), on(byId(id), 'diverged', drawRates));

    // The landscape of the middle rate: its path recorded from its updates, drawn when it stops.
    const good = byId('lr-good'), canvas = root.querySelector<HTMLCanvasElement>('canvas.landscape')!;
    const note = root.querySelector<HTMLElement>('[data-land-note]')!;
    const path: PlaygroundSnapshot[] = [];
    let drawn = -1;
    const drawLand = (): void => {
      const snap = good.snapshot, core = context().core;
      if (!snap || !core || good.playing || path.length < 2) return;
      const net = networkOf(core.mlp, snap.network, { learningRate: 0 }, snap.parameters);
      const data = net.prepare(snap.train, [...snap.network.features]);
      try {
        const land = landscapeOf(net, data, path.map((s) => s.parameters));
        // The element's Loss landscape view draws it (heatmap of log loss, contours, the path).
        drawLandscape(canvas, { steps: land.steps, range: land.range, loss: land.loss, path: land.path!, log: true }, canvas.clientWidth, globalThis.devicePixelRatio || 1, context().palette);
        const n = land.path!.length / 2;
        canvas.dataset.pathEnd = `${land.path![2 * n - 2]},${land.path![2 * n - 1]}`;
        canvas.dataset.range = String(land.range);
        canvas.dataset.epoch = String(snap.epoch);
        const explained = land.explained![0] + land.explained![1];
        note.textContent = text().landNote(`${Math.round(explained * 1000) / 10} %`);
        drawn = snap.epoch;
      } finally {
        data.dispose();
        net.dispose();
      }
    };
    on(good, 'update', () => {
      const snap = good.snapshot!;
      if (snap.epoch === 0 || (path.length && snap.epoch < path.at(-1)!.epoch)) path.length = 0;
      if (!path.length || path.at(-1)!.epoch !== snap.epoch) path.push(snap);
      if (drawn !== snap.epoch) drawLand();
    });

    const refresh = (): void => {
      drawHand();
      drawRates();
      drawn = -1;
      drawLand();
      if (drawn < 0) note.textContent = text().landWaiting;
    };
    const resize = new ResizeObserver(() => ((drawn = -1), drawLand()));
    resize.observe(canvas);
    refresh();
    return { refresh, dispose: () => (resize.disconnect(), offs.forEach((f) => f())) };
  },
});
