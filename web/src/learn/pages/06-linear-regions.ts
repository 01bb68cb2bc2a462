// Lesson 6: ReLU networks are piecewise linear. The input plane coloured by activation
// pattern (linearRegions over a 200 × 200 grid of the view) with the count, for a wide and a
// deep network of the same size (125 parameters) side by side (claims: both > 1 region, the wide one
// within the arrangement bound, and after training the wide one has more than the deep one).
import { html, type TemplateResult } from 'lit';
import type { MlpPlaygroundElement } from '../../element.js';
import { linearRegions } from '../../lesson-presets/analysis.js';
import { forwardGrid } from '../../lesson-presets/forward.js';
import { PRESETS } from '../../lesson-presets/presets.js';
import { drawRegions } from '../../view/lesson-figures/regions.js';
import { defineLesson, follow, playground } from '../lesson.js';

const GRID = 200;
/** While training, the regions are recomputed at most this often (ms). */
const EVERY = 200;

interface Text {
  title: string;
  summary: string;
  relu: TemplateResult;
  regions: TemplateResult;
  pictures: TemplateResult;
  depth: TemplateResult;
  trained: TemplateResult;
  wide: string;
  deep: string;
  regionsOf: string;
  count: string;
  tryBody: TemplateResult;
}

export default defineLesson<Text>({
  number: 6,
  slug: '06-linear-regions',
  text: {
    en: {
      title: 'ReLU networks are piecewise linear',
      summary: 'Colour the plane by which units are on: flat pieces, counted, for a deep and a wide net.',
      relu: html`With ReLU, σ(<var>z</var>) = max(0, <var>z</var>), a hidden unit is either off (it outputs 0) or passes <var>z</var> through unchanged. Fix which units are on, the <em>activation pattern</em>, and every layer is linear again, so the whole network is a single affine map there (lesson 2).`,
      regions: html`The input plane therefore splits into <em>linear regions</em>, one for each pattern that occurs, and on each region the network's output is a flat, tilted plane. A ReLU network is piecewise linear, and its decision boundary is made of straight segments.`,
      pictures: html`Below, two networks of exactly the same size, 125 parameters each, learn the spiral: one hidden layer of 31 units, and three hidden layers of 6, 6 and 8 units. Under each, the plane is coloured by activation pattern, one colour per region, and the regions are counted on a 200 × 200 grid of the view.`,
      depth: html`In principle depth wins by far. Each layer can fold the space onto itself, so the number of regions can grow exponentially with the number of layers (Montúfar et al., 2014), while one layer of <var>k</var> units in the plane makes at most 1 + <var>k</var> + <var>k</var>(<var>k</var>−1)/2 regions: 497 for <var>k</var> = 31.`,
      trained: html`After training, though, the test behind this page finds the opposite: the wide network has more regions than the deep one (it reports both counts; here about 250 against 170), and both fit the spiral, the wide one a little better. Trained networks come nowhere near the exponential count. In practice the number of regions grows polynomially with the total number of units (for a 2-D input, roughly with its square), not exponentially with depth (Hanin & Rolnick, 2019), and with only 6 to 8 units per layer many patterns never occur at all. The exponential count describes what depth <em>can</em> express, not what gradient descent finds.`,
      wide: 'Wide: one hidden layer of 31 ReLU units (125 parameters)',
      deep: 'Deep: hidden layers of 6, 6 and 8 ReLU units (125 parameters)',
      regionsOf: 'Linear regions',
      count: '',
      tryBody: html`<p>Watch the counts while the networks train: where do new regions appear? Mostly where the data is. Then set <b>Zoom out</b> to ×5 on one of them: far from the data the regions become wide wedges that run off to infinity, and in each one the network is just a tilted plane (lesson 9).</p>`,
    },
    zh: {
      title: 'ReLU 网络是分段线性的',
      summary: '按哪些单元处于激活状态给平面上色：一块块平坦的区域，并对深网络和宽网络分别计数。',
      relu: html`使用 ReLU，即 σ(<var>z</var>) = max(0, <var>z</var>) 时，隐藏单元要么关闭（输出 0），要么把 <var>z</var> 原样传出去。把“哪些单元是开着的”——也就是<em>激活模式</em>——固定下来，每一层就又变回了线性的，整个网络在那里就是一个仿射映射（第 2 课）。`,
      regions: html`因此，输入平面被分割成许多<em>线性区域</em>，每种出现过的激活模式对应一块；在每块区域上，网络的输出都是一个平坦的斜面。ReLU 网络是分段线性的，它的决策边界由一段段直线组成。`,
      pictures: html`下面两个网络在学习螺旋数据，参数量完全相同，都是 125 个：一个是含 31 个单元的单隐藏层，另一个是分别含 6、6、8 个单元的三个隐藏层。每个网络下方按激活模式给平面上色，每个区域一种颜色，并在视图的 200 × 200 网格上数出区域的个数。`,
      depth: html`从原理上说，深度完胜。每一层都能把空间对折到自身之上，因此区域数可以随层数指数增长（Montúfar 等，2014）；而平面上一个含 <var>k</var> 个单元的层，最多只能切出 1 + <var>k</var> + <var>k</var>(<var>k</var>−1)/2 个区域：<var>k</var> = 31 时为 497 个。`,
      trained: html`然而训练之后，本页背后的测试发现的恰恰相反：宽网络的区域比深网络多（测试会报告两个数字；这里大约是 250 对 170），而两个网络都学会了螺旋，宽网络还略好一些。训练出来的网络远远达不到那个指数级的数量。实际中，区域数随单元总数多项式增长（对二维输入，大致与单元总数的平方同阶），而不是随深度指数增长（Hanin 与 Rolnick，2019）；而每层只有 6 到 8 个单元时，很多激活模式根本不会出现。指数级的区域数说的是深度<em>能够</em>表达什么，而不是梯度下降实际会找到什么。`,
      wide: '宽：一个含 31 个 ReLU 单元的隐藏层（125 个参数）',
      deep: '深：分别含 6、6、8 个 ReLU 单元的隐藏层（125 个参数）',
      regionsOf: '线性区域',
      count: ' 个',
      tryBody: html`<p>在网络训练时观察区域数：新区域出现在哪里？大多在数据所在的地方。然后把其中一个的 <b>Zoom out</b>（缩小）设为 ×5：远离数据的地方，区域变成一直延伸到无穷远的宽楔形，而在每一块里，网络都只是一个斜面（第 9 课）。</p>`,
    },
  },
  body: (t) => html`
    <p>${t.relu}</p>
    <p>${t.regions}</p>
    <p>${t.pictures}</p>
    <div class="row wide">
      ${[['relu-wide', PRESETS.reluWide, t.wide], ['relu-deep', PRESETS.reluDeep, t.deep]].map(([id, config, label]) => html`
        <div>
          ${playground(id!, config!, { label: label! })}
          <section class="view regions" data-for=${id!}>
            <h3>${t.regionsOf}: <output class="readout" data-count aria-label=${`${t.regionsOf} (${label})`}></output>${t.count}</h3>
            <canvas role="img" aria-label=${`${t.regionsOf}: ${label}`}></canvas>
          </section>
        </div>`)}
    </div>
    <p>${t.depth}</p>
    <p>${t.trained}</p>
  `,
  mount(root, context) {
    const stops: (() => void)[] = [];
    const redraws: (() => void)[] = [];
    for (const section of root.querySelectorAll<HTMLElement>('section.regions')) {
      const el = root.querySelector<MlpPlaygroundElement>(`#${section.dataset.for}`)!;
      const canvas = section.querySelector('canvas')!;
      const out = section.querySelector<HTMLOutputElement>('[data-count]')!;
      let last = 0;
      let timer: ReturnType<typeof setTimeout> | null = null;
      const draw = (): void => {
        timer = null;
        last = performance.now();
        const snap = el.shownSnapshot;  // the scrubbed epoch's, or the live one
        const { core, palette } = context();
        if (!snap || !core) return;
        const { xRange, yRange } = snap.domain;
        const grid = forwardGrid(core.features, snap.network, snap.parameters, { width: GRID, height: GRID, xRange, yRange });
        const regions = linearRegions(grid, snap.network.layers.map((l) => l.activation));
        out.textContent = String(regions.count);
        drawRegions(canvas, { regions, width: GRID, height: GRID, xRange, yRange, data: snap.train, palette });
      };
      // A new snapshot schedules a draw of the latest one; a refresh draws at once.
      const schedule = (): void => {
        if (timer) return;
        const wait = el.playing ? Math.max(0, EVERY - (performance.now() - last)) : 0;
        timer = setTimeout(draw, wait);
      };
      stops.push(follow(el, schedule).dispose);
      redraws.push(draw);
    }
    return { refresh: () => redraws.forEach((d) => d()), dispose: () => stops.forEach((s) => s()) };
  },
});
