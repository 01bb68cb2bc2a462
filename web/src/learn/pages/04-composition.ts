// Lesson 4: composition. Each hidden unit's heatmap (the element's diagram) and, for the
// 2-unit layer, the input grid and the data carried into that layer's output space (the
// "transformed space" of ConvNetJS), live as it trains; the output's line cuts it
// (claim: the transformed training points are ≥ 97 % separated by that line).
import { html, type TemplateResult } from 'lit';
import type { PlaygroundSnapshot } from '../../element.js';
import { transformedSpace } from '../../lesson-presets/analysis.js';
import { PRESETS } from '../../lesson-presets/presets.js';
import { type Box } from '../../view/lesson-figures/plot.js';
import { drawSpace } from '../../view/lesson-figures/space.js';
import { defineLesson, follow, playground } from '../lesson.js';

interface Text {
  title: string;
  summary: string;
  intro: TemplateResult;
  units: TemplateResult;
  space: TemplateResult;
  representation: TemplateResult;
  caption: string;
  viewTitle: string;
  viewNote: string;
  noLayer: string;
  tryBody: TemplateResult;
}

export default defineLesson<Text>({
  number: 4,
  slug: '04-composition',
  text: {
    en: {
      title: 'Composition: each layer straightens the data for the next',
      summary: 'Watch a 2-unit layer fold the plane until one straight line separates the classes.',
      intro: html`A deep network is a composition of simple maps, one per layer:`,
      units: html`Each layer takes the points where the previous layer put them and moves them again. Hover over a hidden unit in the diagram to see its output over the plane: the first layer's units are soft steps across lines (lesson 3); the second layer's units combine them into curved shapes.`,
      space: html`The second hidden layer here has only two units, so the space it outputs can be drawn: every point <var>x</var> of the plane lands at (<var>h</var>₁, <var>h</var>₂) = <var>f</var>₂(<var>f</var>₁(<var>x</var>)). The picture on the right shows the grid lines of the input square and the data points carried into that space. As training goes on, the grid folds and stretches until the inner disc and the outer ring sit on opposite sides of a straight line: the dashed line, where the output unit's <var>w</var>·<var>h</var> + <var>b</var> is zero.`,
      representation: html`This is what “learning a representation” means. The hidden layers do not draw the curved boundary themselves; they bend the space so that the last layer, which can only draw a line, can separate the classes. The test behind this page checks that, after 150 epochs, the dashed line separates at least 97 % of the transformed training points, while in the original plane no straight line comes close (lesson 1).`,
      caption: 'Circle, hidden layers 6 and 2, tanh',
      viewTitle: 'The plane as the 2-unit layer sees it',
      viewNote: 'Grid lines of the input square and the data points, mapped to (h₁, h₂). Dashed: the output’s line; shading: the class it gives each side.',
      noLayer: 'This view needs a hidden layer of exactly 2 units.',
      tryBody: html`<p>Press <b>Reset</b> and <b>Step</b> slowly through the first epochs: at first the grid is barely bent and the classes overlap; watch the fold appear. Then pick <b>relu</b> for the 2-unit layer: the space is creased along straight lines instead of curved, and squashed into a corner instead of the square (−1, 1)².</p>`,
    },
    zh: {
      title: '复合：每一层都把数据“拉直”给下一层',
      summary: '看一个只有 2 个单元的层如何折叠平面，直到一条直线就能分开两类。',
      intro: html`深度网络是一串简单映射的复合，每层一个：`,
      units: html`每一层都接过上一层放好的点，再把它们挪一次。把鼠标移到网络图中的隐藏单元上，可以看到它在整个平面上的输出：第一层的单元是跨过直线的柔和台阶（第 3 课）；第二层的单元把这些台阶组合成弯曲的形状。`,
      space: html`这里第二个隐藏层只有两个单元，所以它输出的空间可以画出来：平面上的每个点 <var>x</var> 都落到 (<var>h</var>₁, <var>h</var>₂) = <var>f</var>₂(<var>f</var>₁(<var>x</var>)) 的位置。右边的图画出了输入正方形的网格线和数据点被送到这个空间后的样子。随着训练进行，网格被折叠、拉伸，直到内部的圆盘和外面的圆环分别落在一条直线的两侧——这就是虚线，也就是输出单元的 <var>w</var>·<var>h</var> + <var>b</var> 为零的地方。`,
      representation: html`这就是“学习表示”的含义。隐藏层并不亲自画出弯曲的边界；它们把空间掰弯，好让最后一层——它只会画直线——能把两类分开。本页背后的测试会检查：训练 150 轮后，这条虚线能正确分开至少 97% 变换后的训练点；而在原始平面上，没有哪条直线能接近这个成绩（第 1 课）。`,
      caption: '圆形，隐藏层 6 和 2，tanh',
      viewTitle: '2 单元层眼中的平面',
      viewNote: '输入正方形的网格线和数据点，映射到 (h₁, h₂)。虚线：输出层的直线；底色：它给两侧分配的类别。',
      noLayer: '这个视图需要一个恰好有 2 个单元的隐藏层。',
      tryBody: html`<p>按 <b>Reset</b>，再一下一下地按 <b>Step</b> 走过最初几轮：一开始网格几乎没有弯曲，两类混在一起；看折痕是怎样出现的。然后把 2 单元层换成 <b>relu</b>：空间不再被弯成曲线，而是沿直线折出折痕，并被挤到一个角落里，而不是正方形 (−1, 1)² 之中。</p>`,
    },
  },
  body: (t) => html`
    <p>${t.intro}</p>
    <p class="math"><var>f</var>(<var>x</var>) = <var>f</var>₃(<var>f</var>₂(<var>f</var>₁(<var>x</var>))), &nbsp; <var>f</var><sub>ℓ</sub>(<var>h</var>) = σ(<var>W</var><sub>ℓ</sub><var>h</var> + <var>b</var><sub>ℓ</sub>)</p>
    <p>${t.units}</p>
    <div class="row wide">
      ${playground('composition', PRESETS.composition, { view: 'boundary+network', label: t.caption })}
      <section class="view" aria-labelledby="space-h">
        <h3 id="space-h">${t.viewTitle}</h3>
        <canvas class="space" role="img" aria-label=${t.viewTitle}></canvas>
        <p>${t.viewNote}</p>
        <p data-message></p>
      </section>
    </div>
    <p>${t.space}</p>
    <p>${t.representation}</p>
  `,
  mount(root, context) {
    const el = root.querySelector('mlp-playground')!;
    const canvas = root.querySelector<HTMLCanvasElement>('canvas.space')!;
    const message = root.querySelector<HTMLElement>('[data-message]')!;
    const draw = (snap: PlaygroundSnapshot | null): void => {
      const { lang, palette, core } = context();
      const t = this.text[lang];
      if (!snap || !core) return;
      const layers = snap.network.layers;
      // The last hidden layer with two units.
      let layer = 0;
      for (let l = layers.length - 1; l >= 1; l--) if (layers[l - 1]!.units === 2) { layer = l; break; }
      if (!layer) {
        message.textContent = t.noLayer;
        canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
        return;
      }
      message.textContent = '';
      const act = layers[layer - 1]!.activation;
      const box: Box | undefined = act === 'tanh' || act === 'sin' ? { x: [-1.08, 1.08], y: [-1.08, 1.08] } : act === 'sigmoid' ? { x: [-0.05, 1.05], y: [-0.05, 1.05] } : undefined;
      const space = transformedSpace(core.features, snap.network, snap.parameters, layer, snap.domain, snap.train.x);
      drawSpace(canvas, { space, data: snap.train, palette, names: { x: 'h₁', y: 'h₂' }, box });
    };
    return follow(el, draw);
  },
});
