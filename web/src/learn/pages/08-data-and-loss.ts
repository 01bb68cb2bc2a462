// Lesson 8: data and loss decide what is learned. Forty noisy points and a big network
// overfit (training loss falls, test loss rises); L2 or a small network rein it in. And the
// loss decides how hard a wrong output is pushed: the gradient curves, and two networks
// started confidently wrong (claims in tests/web/lesson-presets: overfitting, both cures,
// cross-entropy recovering while squared error stays stuck, the curves = the core's gradients).
import { html, render, type TemplateResult } from 'lit';
import type { MlpPlaygroundElement } from '../../element.js';
import { PRESETS, WRONG_BIAS } from '../../lesson-presets/presets.js';
import { GRADIENT_CURVES, gradientCurves } from '../../lesson-presets/analysis.js';
import { curveColour, drawGradients } from '../../view/lesson-figures/gradients.js';
import { defineLesson, playground } from '../lesson.js';

interface Text {
  title: string;
  summary: string;
  noise: TemplateResult;
  overfit: TemplateResult;
  cures: TemplateResult;
  big: string;
  l2: string;
  small: string;
  lossIntro: TemplateResult;
  gradients: TemplateResult;
  wrongDemo: TemplateResult;
  adam: TemplateResult;
  viewTitle: string;
  curves: Record<(typeof GRADIENT_CURVES)[number], string>;
  mse: string;
  bce: string;
  wrong: string;
  tryBody: TemplateResult;
}

const LOSS_VIEW = { view: 'full' as const, hide: 'header,data,network,hyper,export,draw' };

export default defineLesson<Text>({
  number: 8,
  slug: '08-data-and-loss',
  text: {
    en: {
      title: 'Data and loss decide what is learned',
      summary: 'Few noisy points overfit, regularisation helps; the loss decides how hard mistakes are pushed.',
      noise: html`Forty points of a sine with noise, half of them for training, and a network with two hidden layers of 32 units: 1153 parameters for 20 points. Follow the two loss curves of the first playground (logarithmic scale): the training loss falls almost to nothing as the network threads its curve through every noisy point, while the test loss, measured on the 20 held-out points (the hollow circles), first falls and then climbs.`,
      overfit: html`That climb is <em>overfitting</em>: the network is learning the noise, which is different in the test points. The test behind this page checks that the training loss ends below a third of the test loss, and that the test loss ends at least 1.5 times above its best value during training.`,
      cures: html`Two cures, beside it. <em>L2 regularisation</em> adds λ‖<var>W</var>‖² to the loss (here λ = 0.003), so every weight decays towards zero unless the data keeps asking for it, and the curve stays smooth. A <em>smaller network</em>, one hidden layer of 4 units, cannot draw the wiggles in the first place. Both end with a test loss at least 20 % below the big network's.`,
      big: 'Hidden layers 32, 32, no regularisation',
      l2: 'The same with L2, λ = 0.003',
      small: 'One hidden layer of 4 units',
      lossIntro: html`The loss decides what a mistake costs, and so how hard training pushes to fix it. Take one output <var>a</var> = σ(<var>z</var>) with target <var>t</var>. Cross-entropy and squared error push with`,
      gradients: html`Cross-entropy pushes hardest when the output is most wrong. Squared error multiplies by σ′(<var>z</var>), which vanishes where the output saturates, exactly when it is confidently wrong. (This playground's squared error uses a tanh output with targets ±1: the same story, with tanh′ = 1 − tanh².)`,
      wrongDemo: html`The button below starts both networks confidently wrong, with the output bias at −8 so that every point gets the orange class with near-certainty, and trains them with plain SGD. Cross-entropy is back above 95 % within a few dozen epochs; squared error stays stuck near 50 %, with gradients too small to move.`,
      adam: html`Adam divides each step by the gradient's recent size, which rescues tiny gradients and hides this effect: one reason it is the usual default.`,
      viewTitle: 'How hard each loss pushes a wrong output (target 1)',
      curves: { 'bce-sigmoid': 'cross-entropy, sigmoid', 'mse-sigmoid': 'squared error, sigmoid', 'mse-tanh': 'squared error, tanh' },
      mse: 'Squared error (tanh output)',
      bce: 'Cross-entropy (sigmoid output)',
      wrong: 'Start both confidently wrong',
      tryBody: html`<p>In the first playground press <b>Reset</b> and <b>Play</b>, and press <b>Pause</b> when the test loss is lowest: stopping early is a third cure. Then compare the curves of the first two playgrounds: which points does each one chase, and how does it pass the hollow test points?</p>`,
    },
    zh: {
      title: '数据和损失函数决定学到什么',
      summary: '点少又有噪声就会过拟合，正则化能缓解；损失函数决定错误被纠正的力度。',
      noise: html`四十个带噪声的正弦数据点，一半用于训练，再配一个有两个各 32 单元隐藏层的网络：用 1153 个参数去拟合 20 个点。看第一个演练场里的两条损失曲线（对数坐标）：训练损失几乎降到零，因为网络让曲线穿过了每一个带噪声的点；而在 20 个留出的点（空心圆）上测得的测试损失先下降，后上升。`,
      overfit: html`这个上升就是<em>过拟合</em>：网络学到了噪声，而测试点里的噪声是不一样的。本页背后的测试会检查：训练结束时，训练损失低于测试损失的三分之一，并且测试损失至少是训练过程中最佳值的 1.5 倍。`,
      cures: html`旁边是两种解药。<em>L2 正则化</em>在损失里加上 λ‖<var>W</var>‖²（这里 λ = 0.003），于是除非数据一直需要，每个权重都会衰减到零附近，曲线也就保持平滑。<em>更小的网络</em>——一个只有 4 个单元的隐藏层——一开始就画不出那些细碎的起伏。两者最终的测试损失都比大网络低至少 20%。`,
      big: '隐藏层 32、32，无正则化',
      l2: '同上，加 L2，λ = 0.003',
      small: '一个含 4 个单元的隐藏层',
      lossIntro: html`损失函数决定一个错误的代价，也就决定了训练纠正它的力度。考虑一个输出 <var>a</var> = σ(<var>z</var>)，目标为 <var>t</var>。交叉熵和平方误差给出的推力分别是`,
      gradients: html`交叉熵在输出错得最离谱时推得最用力。平方误差却要乘上 σ′(<var>z</var>)，而输出饱和时它趋于零——恰恰是网络“自信地犯错”的时候。（本演练场的平方误差使用 tanh 输出、目标为 ±1：道理相同，只是 tanh′ = 1 − tanh²。）`,
      wrongDemo: html`下面的按钮让两个网络都从“自信地犯错”开始：把输出偏置设为 −8，使每个点都以近乎确定的把握被判为橙色类；然后用普通 SGD 训练。交叉熵在几十轮内就回到 95% 以上；平方误差则卡在 50% 左右，梯度小得推不动。`,
      adam: html`Adam 会把每一步除以梯度最近的大小，这能救活极小的梯度，也就掩盖了这个现象——这也是它成为常用默认选择的原因之一。`,
      viewTitle: '各损失函数对错误输出的推力（目标为 1）',
      curves: { 'bce-sigmoid': '交叉熵，sigmoid', 'mse-sigmoid': '平方误差，sigmoid', 'mse-tanh': '平方误差，tanh' },
      mse: '平方误差（tanh 输出）',
      bce: '交叉熵（sigmoid 输出）',
      wrong: '让两个网络都自信地犯错',
      tryBody: html`<p>在第一个演练场里按 <b>Reset</b> 和 <b>Play</b>，在测试损失最低时按 <b>Pause</b>：提前停止是第三种解药。然后比较前两个演练场的曲线：它们各自在追逐哪些点？又是怎样经过那些空心的测试点的？</p>`,
    },
  },
  body: (t) => html`
    <p>${t.noise}</p>
    <div class="row">
      ${playground('overfit', PRESETS.overfit, { ...LOSS_VIEW, label: t.big })}
      ${playground('overfit-l2', PRESETS.overfitL2, { ...LOSS_VIEW, label: t.l2 })}
      ${playground('overfit-small', PRESETS.overfitSmall, { ...LOSS_VIEW, label: t.small })}
    </div>
    <p>${t.overfit}</p>
    <p>${t.cures}</p>
    <p>${t.lossIntro}</p>
    <p class="math">∂<var>L</var><sub>CE</sub>/∂<var>z</var> = <var>a</var> − <var>t</var>, &nbsp;&nbsp; ∂<var>L</var><sub>SE</sub>/∂<var>z</var> = 2(<var>a</var> − <var>t</var>)·σ′(<var>z</var>)</p>
    <p>${t.gradients}</p>
    <div class="column">
      <section class="view" aria-labelledby="grad-h">
        <h3 id="grad-h">${t.viewTitle}</h3>
        <canvas class="gradients wide" role="img" aria-label=${t.viewTitle}></canvas>
        <div class="legend" data-legend></div>
      </section>
    </div>
    <p>${t.wrongDemo}</p>
    <div class="controls"><button type="button" data-wrong>${t.wrong}</button></div>
    <div class="row">
      ${playground('loss-mse', PRESETS.lossMse, { autoplay: false, label: t.mse })}
      ${playground('loss-bce', PRESETS.lossBce, { autoplay: false, label: t.bce })}
    </div>
    <p>${t.adam}</p>
  `,
  mount(root, context) {
    const canvas = root.querySelector<HTMLCanvasElement>('canvas.gradients')!;
    const legend = root.querySelector<HTMLElement>('[data-legend]')!;
    const draw = (): void => {
      const { lang, palette } = context();
      drawGradients(canvas, palette, gradientCurves());
      const t = this.text[lang];
      render(GRADIENT_CURVES.map((k) => html`<span><i style=${`background:${curveColour(k, palette)}`}></i>${t.curves[k]}</span>`), legend);
    };
    const pair = ['#loss-mse', '#loss-bce'].map((id) => root.querySelector<MlpPlaygroundElement>(id)!);
    const button = root.querySelector<HTMLButtonElement>('[data-wrong]')!;
    const wrong = async (): Promise<void> => {
      button.disabled = true;
      try {
        await Promise.all(pair.map(async (el) => {
          await el.reset();
          const snap = el.snapshot;
          const out = (snap?.network.layers.length ?? 2) - 1;
          await el.setBias(out, 0, WRONG_BIAS);
          await el.play();
        }));
      } finally {
        button.disabled = false;
      }
    };
    // A failure (the worker gone) is the elements' own notice; the page only logs it.
    button.addEventListener('click', () => wrong().catch((e: unknown) => console.error(e)));
    const resize = new ResizeObserver(draw);
    resize.observe(canvas);
    draw();
    return { refresh: draw, dispose: () => resize.disconnect() };
  },
});
