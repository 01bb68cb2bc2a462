// Lesson 9: limits. Three networks that all solve XOR (seeds 1, 2, 3) agree near the data and
// disagree far from it; a zoom slider widens all three views to ×20 (claims: ≥ 95 % test
// accuracy each; they differ on < 10 % of the data's square, > 20 % beyond radius 20).
import { html, type TemplateResult } from 'lit';
import { PRESETS } from '../../lesson-presets/presets.js';
import { defineLesson, playground } from '../lesson.js';

const START_ZOOM = Number(new URLSearchParams(PRESETS.farSeed1).get('zoom'));
/** The slider's stops: ×1 … ×20 (the element's `zoom` takes any factor in [1, 100]). */
const ZOOMS = [1, 2, 5, 10, 20] as const;

interface Text {
  title: string;
  summary: string;
  intro: TemplateResult;
  far: TemplateResult;
  why: TemplateResult;
  seed: (n: number) => string;
  zoom: string;
  tryBody: TemplateResult;
}

export default defineLesson<Text>({
  number: 9,
  slug: '09-limits',
  text: {
    en: {
      title: 'Limits: the network only knows where it saw data',
      summary: 'Zoom far out: three networks that agree on the data draw whatever they like elsewhere.',
      intro: html`A network learns a function only where it has seen data. The three networks below have the same architecture (two hidden layers of 8 tanh units) and the same XOR data, and differ only in their random initial weights (seeds 1, 2 and 3). All three classify at least 95 % of the test points correctly, and near the data their boundaries agree.`,
      far: html`The views are zoomed out to ten times the data's square, [−60, 60]². The data is the small patch in the middle; everything else is extrapolation, and there the three networks draw whatever their weights happen to imply. The test behind this page finds that they disagree on less than 10 % of the data's square but on more than 20 % of the plane beyond radius 20.`,
      why: html`Nothing in the training data says what XOR should be at (40, −50): the loss never looked there. Far away a tanh network saturates into constant regions and straight bands that follow a few of its units' lines to infinity; a ReLU network is exactly linear in each of its unbounded regions (lesson 6). An answer out there is a guess shaped by the architecture and the initial weights, not knowledge: more training does not change this, only data there would.`,
      seed: (n) => `XOR, hidden layers 8, 8, tanh, seed ${n}`,
      zoom: 'Zoom out (all three)',
      tryBody: html`<p>Move the slider to ×1: the three pictures look alike. Slide it up again and press <b>Play</b> on one of them to train much longer: does the far field settle? Then tick <b>Show test data</b> to see how small the region is that any of this was learned from.</p>`,
    },
    zh: {
      title: '局限：网络只了解它见过数据的地方',
      summary: '把视野拉远：在数据上意见一致的三个网络，在别处随心所欲地作画。',
      intro: html`网络只在它见过数据的地方学到函数。下面三个网络结构相同（两个各含 8 个 tanh 单元的隐藏层），数据也相同（XOR），唯一的区别是随机的初始权重（种子 1、2、3）。三个网络都能正确分类至少 95% 的测试点，在数据附近，它们的边界也彼此吻合。`,
      far: html`这些视图被拉远到数据所在正方形的十倍，即 [−60, 60]²。数据只是正中间的一小块；其余全是外推，而在那里，三个网络各自画出权重碰巧蕴含的图案。本页背后的测试发现：在数据所在的正方形内，它们意见不一的地方不到 10%；而在半径 20 以外的平面上，超过 20%。`,
      why: html`训练数据里没有任何信息说明 XOR 在 (40, −50) 处应该是什么：损失函数从来没有看过那里。在远处，tanh 网络会饱和成一块块常数区域，以及沿着少数几个单元的直线一直延伸到无穷远的条带；ReLU 网络在每个无界区域里则恰好是线性的（第 6 课）。那里的答案是由网络结构和初始权重决定的猜测，而不是知识：多训练不会改变这一点，只有那里的数据才能。`,
      seed: (n) => `XOR，隐藏层 8、8，tanh，种子 ${n}`,
      zoom: '缩小（三个一起）',
      tryBody: html`<p>把滑块移到 ×1：三张图看起来差不多。再把滑块往上拉，对其中一个按 <b>Play</b> 多训练一会儿：远处的图案会稳定下来吗？然后勾选 <b>Show test data</b>（显示测试数据），看看这一切赖以学习的区域有多小。</p>`,
    },
  },
  body: (t) => html`
    <p>${t.intro}</p>
    <div class="controls">
      <label>${t.zoom}: <output data-zoom></output>
        <input type="range" min="0" max=${ZOOMS.length - 1} step="1" aria-label=${t.zoom} /></label>
    </div>
    <div class="row">
      ${([1, 2, 3] as const).map((n) => playground(`far-${n}`, PRESETS[`farSeed${n}`], { label: t.seed(n) }))}
    </div>
    <p>${t.far}</p>
    <p>${t.why}</p>
  `,
  mount(root) {
    const slider = root.querySelector<HTMLInputElement>('input[type=range]')!;
    const out = root.querySelector<HTMLOutputElement>('[data-zoom]')!;
    slider.value = String(Math.max(0, ZOOMS.indexOf(START_ZOOM as (typeof ZOOMS)[number])));
    const apply = (): void => {
      const z = ZOOMS[Number(slider.value)]!;
      out.textContent = `×${z}`;
      for (const el of root.querySelectorAll('mlp-playground')) el.setAttribute('zoom', String(z));
    };
    out.textContent = `×${START_ZOOM}`;
    slider.addEventListener('input', apply);
    return { refresh: () => {}, dispose: () => slider.removeEventListener('input', apply) };
  },
});
