// Lesson 3: the same kind of stack with tanh after each hidden layer bends the boundary and
// solves XOR and the circle (claim: ≥ 98 % training, ≥ 95 % test accuracy after 150 epochs).
import { html, type TemplateResult } from 'lit';
import { PRESETS } from '../../lesson-presets/presets.js';
import { defineLesson, playground } from '../lesson.js';

interface Text {
  title: string;
  summary: string;
  intro: TemplateResult;
  result: TemplateResult;
  steps: TemplateResult;
  noCollapse: TemplateResult;
  xor: string;
  circle: string;
  tryBody: TemplateResult;
}

export default defineLesson<Text>({
  number: 3,
  slug: '03-nonlinearity',
  text: {
    en: {
      title: 'Add a nonlinearity and the boundary bends',
      summary: 'A squashing function after each layer: the same shapes now solve XOR and the circle.',
      intro: html`Now put a nonlinear function σ after every hidden layer, so that each layer computes`,
      result: html`With σ = tanh, the same kind of network as before (two hidden layers of 8 units) solves both problems. After 150 epochs it classifies at least 98 % of the training points and at least 95 % of the test points, which it never trained on.`,
      steps: html`Why does one squashing function change so much? Each hidden unit still has a line, where its <var>W</var><var>x</var> + <var>b</var> is zero, but now it reports a <em>soft step</em> across that line: close to −1 on one side, close to +1 on the other. The next layer adds such steps with weights. Two steps across perpendicular lines mark off a quadrant, and a ring of steps marks off a disc. Their sum is no longer a plane tilted one way, so the place where it changes sign, the boundary, can be any curve the steps can build.`,
      noCollapse: html`And the trick of lesson 2 no longer works: σ(<var>W</var>₂ σ(<var>W</var>₁<var>x</var>)) cannot be multiplied out into one matrix, because σ does not let <var>W</var>₂ pass through it. Each layer now adds something the others could not.`,
      xor: 'XOR, hidden layers 8, 8, tanh',
      circle: 'Circle, hidden layers 8, 8, tanh',
      tryBody: html`<p>Tick <b>Show test data</b>: the points with a dark outline were held out from training, and the boundary gets them right too. In the XOR playground, hover over the hidden units in the diagram to see each one's soft step, then switch the hidden layers to <b>relu</b> and press <b>Play</b>: the boundary turns into straight pieces (lesson 6 explains why).</p>`,
    },
    zh: {
      title: '加上非线性，边界就会弯曲',
      summary: '在每层之后加一个压缩函数：同样的网络结构现在能解决 XOR 和圆形问题。',
      intro: html`现在在每个隐藏层之后加一个非线性函数 σ，让每一层计算`,
      result: html`取 σ = tanh，与之前同样形状的网络（两个各 8 个单元的隐藏层）就能解决这两个问题。训练 150 轮后，它能正确分类至少 98% 的训练点，以及至少 95% 从未参与训练的测试点。`,
      steps: html`为什么一个压缩函数能带来这么大的变化？每个隐藏单元仍然对应一条直线（即 <var>W</var><var>x</var> + <var>b</var> 为零的地方），但现在它在这条线两侧输出一个<em>柔和的台阶</em>：一侧接近 −1，另一侧接近 +1。下一层把这些台阶加权求和。两条互相垂直的台阶就能圈出一个象限，一圈台阶就能圈出一个圆盘。它们的和不再是朝某个方向倾斜的平面，所以它变号的地方——也就是边界——可以是这些台阶能拼出的任何曲线。`,
      noCollapse: html`第 2 课的化简技巧也失效了：σ(<var>W</var>₂ σ(<var>W</var>₁<var>x</var>)) 无法乘成一个矩阵，因为 σ 挡住了 <var>W</var>₂，不让它穿过去。现在每一层都贡献了其他层无法替代的东西。`,
      xor: 'XOR，隐藏层 8、8，tanh',
      circle: '圆形，隐藏层 8、8，tanh',
      tryBody: html`<p>勾选 <b>Show test data</b>（显示测试数据）：带深色描边的点没有参与训练，而边界同样把它们分对了。在 XOR 演练场的网络图里，把鼠标移到隐藏单元上，看看每个单元的“柔和台阶”；再把隐藏层换成 <b>relu</b> 并按 <b>Play</b>：边界变成了一段段直线（第 6 课会解释原因）。</p>`,
    },
  },
  body: (t) => html`
    <p>${t.intro}</p>
    <p class="math"><var>h</var> = σ(<var>W</var><var>x</var> + <var>b</var>)</p>
    <p>${t.result}</p>
    <div class="row wide">
      ${playground('tanh-xor', PRESETS.tanhXor, { view: 'boundary+network', label: t.xor })}
      ${playground('tanh-circle', PRESETS.tanhCircle, { label: t.circle })}
    </div>
    <p>${t.steps}</p>
    <p>${t.noCollapse}</p>
  `,
});
