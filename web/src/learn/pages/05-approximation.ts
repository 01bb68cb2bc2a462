// Lesson 5: universal approximation in 1-D. One hidden layer of N tanh units fits sin, |x|,
// a step or x·sin x; the view draws each unit's scaled output w_i·h_i(x), their sum, and the
// error; a slider sets N (1…32) and finished runs are listed (claims: 32 units beat 4 by
// 40 %+ on |x|, x sin x and the step; one unit cannot draw a sine, four can).
import { html, render, type TemplateResult } from 'lit';
import type { PlaygroundSnapshot } from '../../element.js';
import { contributions, rmse } from '../../lesson-presets/analysis.js';
import { APPROXIMATION_UNITS, PRESETS } from '../../lesson-presets/presets.js';
import { drawContributions } from '../../view/lesson-figures/contributions.js';
import { defineLesson, follow, playground } from '../lesson.js';

const FUNCTIONS = ['sin', 'abs', 'step', 'x-sin-x'] as const;
const LABELS: Record<(typeof FUNCTIONS)[number], string> = { sin: 'sin x', abs: '|x|', step: 'step', 'x-sin-x': 'x sin x' };
// Presets and snapshots carry settings in the URL-hash format, which URLSearchParams reads.
const START = new URLSearchParams(PRESETS.approximation);

interface Text {
  title: string;
  summary: string;
  intro: TemplateResult;
  picture: TemplateResult;
  theorem: TemplateResult;
  limits: TemplateResult;
  caption: string;
  viewTitle: string;
  fn: string;
  units: string;
  error: string;
  runs: string;
  runsEmpty: string;
  step: string;
  notShallow: string;
  tryBody: TemplateResult;
}

export default defineLesson<Text>({
  number: 5,
  slug: '05-approximation',
  text: {
    en: {
      title: 'Universal approximation in one dimension',
      summary: 'One hidden layer is a sum of S-curves; with enough of them it fits any continuous curve.',
      intro: html`A network with one hidden layer of <var>N</var> tanh units and a linear output computes`,
      picture: html`a sum of <var>N</var> S-curves, each scaled by <var>v</var><sub>i</sub>, stretched by <var>w</var><sub>i</sub> and shifted by <var>c</var><sub>i</sub>. The picture draws every term <var>v</var><sub>i</sub><var>h</var><sub>i</sub>(<var>x</var>) as a thin curve and their sum (plus the bias) as the bold fit over the data.`,
      theorem: html`The universal approximation theorem (Cybenko 1989, Hornik 1991) says that with enough units such sums come as close as you like to any continuous function on a bounded interval. The picture shows why: a steep S-curve is a step, two opposite steps make a bump, and enough bumps follow any shape. More units give more and smaller pieces, and a closer fit. The test behind this page trains these presets for 1500 epochs: 32 units fit |x|, x·sin x and the step with at most 60 % of the error of 4 units; one unit cannot draw a sine (error above 0.2), and four can (below 0.05).`,
      limits: html`The theorem promises that good weights exist. It says nothing about how many units a function needs, or whether training will find the weights: here it does, but that is an experimental fact, not part of the theorem.`,
      caption: '1-D data, one hidden layer of N tanh units, linear output',
      viewTitle: 'The fit as a sum of units',
      fn: 'Function',
      units: 'Hidden units N',
      error: 'Error (RMSE on the training points)',
      runs: 'Your finished runs (epoch 1500)',
      runsEmpty: 'None yet: each run stops at epoch 1500 and is listed here.',
      step: 'step',
      notShallow: 'This view needs one hidden layer and 1-D data.',
      tryBody: html`<p>Pick the <b>step</b> and compare <var>N</var> = 2, 8 and 32. Where does the error stay? (At the jump: a sum of smooth curves can only approach a discontinuity, never reach it.) Then try <b>sin x</b> with 1 and 2 units: how many S-curves does one period of a sine need?</p>`,
    },
    zh: {
      title: '一维的万能逼近',
      summary: '一个隐藏层就是一堆 S 形曲线之和；曲线足够多，就能拟合任何连续曲线。',
      intro: html`一个具有 <var>N</var> 个 tanh 单元的隐藏层，再加一个线性输出层，计算的是`,
      picture: html`也就是 <var>N</var> 条 S 形曲线之和，每条曲线被 <var>v</var><sub>i</sub> 缩放、被 <var>w</var><sub>i</sub> 拉伸、被 <var>c</var><sub>i</sub> 平移。图中把每一项 <var>v</var><sub>i</sub><var>h</var><sub>i</sub>(<var>x</var>) 画成细线，它们的和（加上偏置）就是数据上方那条粗线——网络的拟合结果。`,
      theorem: html`万能逼近定理（Cybenko 1989，Hornik 1991）说：只要单元足够多，这样的和可以在有界区间上任意逼近任何连续函数。图中可以看出原因：很陡的 S 形曲线就是一个台阶，两个方向相反的台阶组成一个凸起，足够多的凸起就能描出任何形状。单元越多，小片段越多越细，拟合就越贴近。本页背后的测试把这些预设训练 1500 轮：对 |x|、x·sin x 和阶跃函数，32 个单元的误差不超过 4 个单元的 60%；一个单元画不出正弦（误差大于 0.2），四个单元就可以（小于 0.05）。`,
      limits: html`这个定理只保证好的权重<em>存在</em>。它既不告诉你一个函数需要多少单元，也不保证训练能找到这些权重——在这里训练找到了，但那是实验事实，不是定理的一部分。`,
      caption: '一维数据，一个含 N 个 tanh 单元的隐藏层，线性输出',
      viewTitle: '把拟合看成各单元之和',
      fn: '函数',
      units: '隐藏单元数 N',
      error: '误差（训练点上的 RMSE）',
      runs: '已完成的训练（第 1500 轮）',
      runsEmpty: '还没有：每次训练在第 1500 轮停止，并记录在这里。',
      step: '阶跃',
      notShallow: '这个视图需要一个隐藏层和一维数据。',
      tryBody: html`<p>选择<b>阶跃</b>函数，比较 <var>N</var> = 2、8 和 32。误差集中在哪里？（在跳变处：光滑曲线之和只能逼近间断点，永远无法真正到达。）再用 1 个和 2 个单元试试 <b>sin x</b>：一个周期的正弦需要几条 S 形曲线？</p>`,
    },
  },
  body: (t) => html`
    <p>${t.intro}</p>
    <p class="math"><var>f</var>(<var>x</var>) = <var>b</var> + Σ<sub><var>i</var>=1…<var>N</var></sub> <var>v</var><sub>i</sub> tanh(<var>w</var><sub>i</sub><var>x</var> + <var>c</var><sub>i</sub>) = <var>b</var> + Σ<sub><var>i</var></sub> <var>v</var><sub>i</sub><var>h</var><sub>i</sub>(<var>x</var>)</p>
    <p>${t.picture}</p>
    <div class="controls">
      <span role="group" aria-label=${t.fn}>${t.fn}:
        ${FUNCTIONS.map((f) => html`<button type="button" data-fn=${f}>${f === 'step' ? t.step : LABELS[f]}</button>`)}
      </span>
      <label>${t.units}: <output data-units></output>
        <input type="range" min=${APPROXIMATION_UNITS.min} max=${APPROXIMATION_UNITS.max} aria-label=${t.units} /></label>
    </div>
    <div class="row wide">
      ${playground('approx', PRESETS.approximation, { label: t.caption })}
      <section class="view" aria-labelledby="fit-h">
        <h3 id="fit-h">${t.viewTitle}</h3>
        <canvas class="fit" role="img" aria-label=${t.viewTitle}></canvas>
        <p>${t.error}: <output data-rmse>–</output></p>
        <p>${t.runs}:</p>
        <div data-runs></div>
      </section>
    </div>
    <p>${t.theorem}</p>
    <p>${t.limits}</p>
  `,
  mount(root, context) {
    const el = root.querySelector('mlp-playground')!;
    const canvas = root.querySelector<HTMLCanvasElement>('canvas.fit')!;
    const slider = root.querySelector<HTMLInputElement>('input[type=range]')!;
    const unitsOut = root.querySelector<HTMLOutputElement>('[data-units]')!;
    const rmseOut = root.querySelector<HTMLOutputElement>('[data-rmse]')!;
    const runsBox = root.querySelector<HTMLElement>('[data-runs]')!;
    const runs = new Map<string, { fn: string; units: number; error: number }>();
    const stop = Number(START.get('stop'));

    const drawRuns = (): void => {
      const t = this.text[context().lang];
      const rows = [...runs.values()].sort((a, b) => a.fn.localeCompare(b.fn) || a.units - b.units);
      render(rows.length === 0 ? html`<p>${t.runsEmpty}</p>` : html`<table class="runs">
        <thead><tr><th>${t.fn}</th><th>N</th><th>RMSE</th></tr></thead>
        <tbody>${rows.map((r) => html`<tr><td>${r.fn === 'step' ? t.step : LABELS[r.fn as keyof typeof LABELS] ?? r.fn}</td><td>${r.units}</td><td>${r.error.toFixed(4)}</td></tr>`)}</tbody>
      </table>`, runsBox);
    };
    const draw = (snap: PlaygroundSnapshot | null): void => {
      const { lang, palette, core } = context();
      if (!snap || !core) return;
      const layers = snap.network.layers;
      if (layers.length !== 2 || snap.train.dims !== 1 || layers[1]!.units !== 1) {
        rmseOut.textContent = this.text[lang].notShallow;
        return;
      }
      const [x0, x1] = snap.domain.xRange;
      const xs = Float64Array.from({ length: 240 }, (_, i) => x0 + ((i + 0.5) / 240) * (x1 - x0));
      const c = contributions(core.features, snap.network, snap.parameters, xs);
      drawContributions(canvas, { xs, c, data: snap.train, xRange: snap.domain.xRange, palette });
      const error = rmse(contributions(core.features, snap.network, snap.parameters, snap.train.x).sum, snap.train.y);
      rmseOut.textContent = error.toFixed(4);
      if (snap.epoch === stop) {
        const fn = new URLSearchParams(snap.hash).get('dataset') ?? '?';
        const units = layers[0]!.units;
        runs.set(`${fn}:${units}`, { fn, units, error });
        drawRuns();
      }
    };
    const followed = follow(el, draw);

    const retrain = (name: string, value: string): void => {
      el.setAttribute(name, value);
      // A failure (the worker gone) is the element's own notice; the page only logs it.
      el.play().catch((e: unknown) => console.error(e));
    };
    // The controls' state belongs to the page, not to the (re-rendered) template.
    const buttons = [...root.querySelectorAll<HTMLButtonElement>('button[data-fn]')];
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.fn === START.get('dataset')));
    slider.value = START.get('layers')!;
    unitsOut.textContent = slider.value;
    for (const b of buttons)
      b.addEventListener('click', () => {
        for (const o of buttons) o.setAttribute('aria-pressed', String(o === b));
        retrain('dataset', b.dataset.fn!);
      });
    slider.addEventListener('input', () => (unitsOut.textContent = slider.value));
    slider.addEventListener('change', () => retrain('layers', slider.value));
    drawRuns();
    return {
      refresh: () => {
        drawRuns();
        followed.refresh();
      },
      dispose: followed.dispose,
    };
  },
});
