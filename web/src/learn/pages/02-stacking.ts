// Lesson 2: stacked linear layers collapse to one matrix. A deep linear network fails on
// the circle, and the page multiplies its weights out live (collapseLinear): tanh(W x + b)
// with W = W₄W₃W₂W₁ is the network (checked over the plane by tests/web/lesson-presets).
import { html, render, type TemplateResult } from 'lit';
import type { Feature } from '../../core/types.js';
import type { PlaygroundSnapshot } from '../../element.js';
import { collapseLinear } from '../../lesson-presets/analysis.js';
import { PRESETS } from '../../lesson-presets/presets.js';
import { renderAffine, renderMatrix, renderProduct } from '../../view/lesson-figures/matrix.js';
import { defineLesson, follow, playground } from '../lesson.js';

interface Text {
  title: string;
  summary: string;
  intro: TemplateResult;
  substitute: TemplateResult;
  collapse: TemplateResult;
  live: TemplateResult;
  lesson: TemplateResult;
  caption: string;
  viewTitle: string;
  waiting: string;
  notLinear: string;
  product: string;
  weight: string;
  bias: string;
  output: string;
  tryBody: TemplateResult;
}

export default defineLesson<Text>({
  number: 2,
  slug: '02-stacking',
  text: {
    en: {
      title: 'Stacking linear layers is still linear',
      summary: 'Three linear hidden layers multiply out to one matrix: the same straight line.',
      intro: html`Perhaps one layer was simply too small? Stack three hidden layers of 8 units, but leave out any nonlinearity: each layer computes <var>h</var> = <var>W</var><var>h</var>′ + <var>b</var> from the layer before. Substitute one layer into the next:`,
      substitute: html`The first term is one matrix times <var>x</var>, the rest is one constant vector. Three linear maps in a row are one linear map. The output layer adds one more factor, so this whole network, with its 177 parameters, computes`,
      collapse: html`where <var>W</var> is a single 1×2 matrix. That is the network of lesson 1 again, with 3 numbers that matter: it can only draw a straight line, and it fails on the circle just the same (at most 75 % training accuracy after 100 epochs).`,
      live: html`The box beside the playground multiplies the current weights out while the network trains. <var>W</var> and <var>b</var> are not a summary of the network, they <em>are</em> the network: the test behind this page checks that tanh(<var>W</var><var>x</var> + <var>b</var>) equals the network's output all over the plane.`,
      lesson: html`Depth without a nonlinearity adds parameters, not power. (It does change how training moves: a product of matrices is a more awkward way to write the same line. It never changes what can be drawn.)`,
      caption: 'Circle, hidden layers 8, 8, 8, all linear',
      viewTitle: 'The network as one matrix',
      waiting: 'Waiting for the network…',
      notLinear: 'A hidden layer is not linear any more: the network no longer collapses to one matrix.',
      product: 'The layers’ matrices multiply to one:',
      weight: 'W',
      bias: 'b',
      output: 'So the network outputs',
      tryBody: html`<p>In the diagram, change the activation of one hidden layer from <b>linear</b> to <b>tanh</b> and press <b>Play</b>. The single matrix disappears, and the boundary is free to bend: that is lesson 3.</p>`,
    },
    zh: {
      title: '线性层叠得再多，仍然是线性的',
      summary: '三个线性隐藏层相乘后就是一个矩阵：还是同一条直线。',
      intro: html`也许只是一层太少了？那就叠三个各有 8 个单元的隐藏层，但不加任何非线性：每一层都由前一层计算 <var>h</var> = <var>W</var><var>h</var>′ + <var>b</var>。把每一层代入下一层：`,
      substitute: html`第一项是一个矩阵乘以 <var>x</var>，其余部分是一个常数向量。三个线性映射连在一起，仍然是一个线性映射。输出层再多乘一个因子，于是这个有 177 个参数的网络，计算的其实是`,
      collapse: html`其中 <var>W</var> 只是一个 1×2 的矩阵。这又回到了第 1 课的网络，真正起作用的只有 3 个数：它只能画一条直线，在圆形数据上同样失败（训练 100 轮后准确率至多 75%）。`,
      live: html`演练场旁边的方框会在训练过程中实时把当前的权重乘出来。<var>W</var> 和 <var>b</var> 不是对网络的概括，它们<em>就是</em>这个网络：本页背后的测试会检查 tanh(<var>W</var><var>x</var> + <var>b</var>) 在整个平面上都与网络的输出一致。`,
      lesson: html`没有非线性，加深网络只会增加参数，不会增加能力。（它确实会改变训练的过程：用矩阵乘积来表示同一条直线，是一种更别扭的参数化方式。但它永远不会改变网络能画出什么。）`,
      caption: '圆形，隐藏层 8、8、8，全部线性',
      viewTitle: '把网络写成一个矩阵',
      waiting: '等待网络……',
      notLinear: '有一个隐藏层已经不是线性的了：网络不能再化简为一个矩阵。',
      product: '各层的矩阵相乘，得到一个矩阵：',
      weight: 'W',
      bias: 'b',
      output: '于是网络的输出是',
      tryBody: html`<p>在网络图中，把某个隐藏层的激活函数从 <b>linear</b> 改成 <b>tanh</b>，然后按 <b>Play</b>。那个唯一的矩阵消失了，边界也可以弯曲了——这就是第 3 课的内容。</p>`,
    },
  },
  body: (t) => html`
    <p>${t.intro}</p>
    <p class="math"><var>h</var>₃ = <var>W</var>₃(<var>W</var>₂(<var>W</var>₁<var>x</var> + <var>b</var>₁) + <var>b</var>₂) + <var>b</var>₃ = (<var>W</var>₃<var>W</var>₂<var>W</var>₁)<var>x</var> + (<var>W</var>₃<var>W</var>₂<var>b</var>₁ + <var>W</var>₃<var>b</var>₂ + <var>b</var>₃)</p>
    <p>${t.substitute}</p>
    <p class="math"><var>ŷ</var> = tanh(<var>W</var><var>x</var> + <var>b</var>), &nbsp; <var>W</var> = <var>W</var>₄<var>W</var>₃<var>W</var>₂<var>W</var>₁</p>
    <p>${t.collapse}</p>
    <div class="row wide">
      ${playground('deep-linear', PRESETS.deepLinear, { view: 'boundary+network', label: t.caption })}
      <section class="view" aria-labelledby="collapsed-h">
        <h3 id="collapsed-h">${t.viewTitle}</h3>
        <div class="collapsed" aria-live="off"></div>
      </section>
    </div>
    <p>${t.live}</p>
    <p>${t.lesson}</p>
  `,
  mount(root, context) {
    const el = root.querySelector('mlp-playground')!;
    const box = root.querySelector<HTMLElement>('.collapsed')!;
    const draw = (snap: PlaygroundSnapshot | null): void => {
      const { lang, core } = context();
      render(collapsedView(snap, this.text[lang], core?.featureLabel ?? String), box);
    };
    const followed = follow(el, draw);
    followed.refresh();
    return followed;
  },
});

function collapsedView(snap: PlaygroundSnapshot | null, t: Text, featureLabel: (f: Feature) => string): TemplateResult {
  if (!snap) return html`<p>${t.waiting}</p>`;
  const hidden = snap.network.layers.slice(0, -1);
  if (hidden.some((l) => l.activation !== 'linear')) return html`<p>${t.notLinear}</p>`;
  const inputs = snap.network.features.length;
  const m = collapseLinear(snap.parameters, inputs);
  let cols = inputs;
  const shapes = snap.network.layers.map((l) => {
    const s: [number, number] = [l.units, cols];
    cols = l.units;
    return s;
  });
  const out = snap.network.layers.at(-1)!.activation;
  const names = snap.network.features.map(featureLabel);
  return html`
    <div>${t.product}</div>
    <div>${renderProduct(shapes)}</div>
    <div><var>W</var> = ${renderMatrix(m.weight, m.outputs, m.inputs, t.weight)}, &nbsp; <var>b</var> = ${renderMatrix(m.bias, m.outputs, 1, t.bias)}</div>
    <div>${t.output} <span data-readout="affine">${m.outputs === 1 ? renderAffine(m, out, names) : null}</span></div>
  `;
}
