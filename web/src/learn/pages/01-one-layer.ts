// Lesson 1: a network without hidden layers draws one straight line, so XOR and the
// circle are out of its reach (claim: ≤ 75 % training accuracy; tests/web/lesson-presets).
import { html, type TemplateResult } from 'lit';
import { PRESETS } from '../../lesson-presets/presets.js';
import { defineLesson, playground } from '../lesson.js';

interface Text {
  title: string;
  summary: string;
  model: TemplateResult;
  line: TemplateResult;
  demo: TemplateResult;
  why: TemplateResult;
  xor: string;
  circle: string;
  tryBody: TemplateResult;
}

export default defineLesson<Text>({
  number: 1,
  slug: '01-one-layer',
  text: {
    en: {
      title: 'One linear layer draws one straight line',
      summary: 'Without hidden layers a network is a line: XOR and the circle are out of reach.',
      model: html`The simplest network has no hidden layer at all. It weighs the two coordinates of a point, adds a bias and squashes the result into (−1, 1):`,
      line: html`The squashing does not move the place where the output changes sign. That happens exactly where <var>w</var>₁<var>x</var>₁ + <var>w</var>₂<var>x</var>₂ + <var>b</var> = 0, and that set of points is a straight line. Training can turn this line and shift it, nothing more: blue on one side, orange on the other.`,
      demo: html`Below, this network trains on two data sets that cannot be split by a line. In <em>XOR</em>, opposite quadrants share a colour; in the <em>circle</em>, one class surrounds the other. Each playground trains for 100 epochs and pauses. The line settles somewhere, and at least a quarter of the points stay on the wrong side: the training accuracy ends at 75 % or below.`,
      why: html`Training longer or with a cleverer optimizer would not help: no line does the job. Any line leaves at least one of XOR's four quadrants on the wrong side, and a disc inside a ring has no straight edge at all. To solve these problems the network needs something a line does not have; lessons 2 and 3 find out what.`,
      xor: 'XOR, no hidden layer',
      circle: 'Circle, no hidden layer',
      tryBody: html`<p>Press <b>Reset</b>, then <b>Step</b> a few times and watch the line turn and slide. Tick <b>Discretize output</b> to see the boundary sharply, and set <b>Zoom out</b> to ×5: far from the data it is still the same straight line.</p>`,
    },
    zh: {
      title: '一个线性层只能画一条直线',
      summary: '没有隐藏层的网络就是一条直线：XOR 和圆形数据都分不开。',
      model: html`最简单的网络根本没有隐藏层。它给点的两个坐标各乘一个权重，加上偏置，再把结果压缩到 (−1, 1) 之间：`,
      line: html`压缩并不会改变输出变号的位置。输出恰好在 <var>w</var>₁<var>x</var>₁ + <var>w</var>₂<var>x</var>₂ + <var>b</var> = 0 处变号，而满足这个方程的点构成一条直线。训练能做的只是旋转和平移这条线：一侧是蓝色，另一侧是橙色。`,
      demo: html`下面用这个网络去学两组无法用一条直线分开的数据。<em>XOR</em> 中，相对的象限颜色相同；<em>圆形</em>数据中，一类被另一类包围。每个演练场训练 100 轮后暂停。直线最终停在某个位置，但至少四分之一的点仍在错误的一侧：训练准确率最终不超过 75%。`,
      why: html`训练更久、换更聪明的优化器都无济于事，因为根本不存在能完成任务的直线。任何一条直线都至少会把 XOR 的一个象限分错；而被圆环包围的圆盘，根本没有笔直的边界。要解决这些问题，网络需要直线所没有的东西——第 2 课和第 3 课会告诉你那是什么。`,
      xor: 'XOR，无隐藏层',
      circle: '圆形，无隐藏层',
      tryBody: html`<p>按 <b>Reset</b>，然后多按几次 <b>Step</b>，看直线如何转动和滑动。勾选 <b>Discretize output</b>（离散化输出）可以看清边界；把 <b>Zoom out</b>（缩小）设为 ×5：离数据很远的地方，它依然是同一条直线。</p>`,
    },
  },
  body: (t) => html`
    <p>${t.model}</p>
    <p class="math"><var>ŷ</var> = tanh(<var>w</var>₁<var>x</var>₁ + <var>w</var>₂<var>x</var>₂ + <var>b</var>)</p>
    <p>${t.line}</p>
    <p>${t.demo}</p>
    <div class="row">
      ${playground('linear-xor', PRESETS.linearXor, { label: t.xor })}
      ${playground('linear-circle', PRESETS.linearCircle, { label: t.circle })}
    </div>
    <p>${t.why}</p>
  `,
});
