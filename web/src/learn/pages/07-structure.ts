// Lesson 7: structure is a prior. x1², x2² make the circle linearly separable; the spiral
// defeats a line but yields to depth or to sin features (claims: ≥ 98 % test accuracy with
// the squares; spiral ≤ 70 % for a line, ≥ 90 % with 16, 16 tanh or 8 tanh + sin features).
import { html, type TemplateResult } from 'lit';
import { PRESETS } from '../../lesson-presets/presets.js';
import { defineLesson, playground } from '../lesson.js';

interface Text {
  title: string;
  summary: string;
  squares: TemplateResult;
  ellipse: TemplateResult;
  spiral: TemplateResult;
  prior: TemplateResult;
  squaresCaption: string;
  flat: string;
  deep: string;
  sines: string;
  tryBody: TemplateResult;
}

export default defineLesson<Text>({
  number: 7,
  slug: '07-structure',
  text: {
    en: {
      title: 'Structure is a prior',
      summary: 'The right input features or depth make a problem easy; the wrong ones make it impossible.',
      squares: html`What a network is given to work with matters as much as its size. Give the network of lesson 1, which has no hidden layer, the features <var>x</var>₁² and <var>x</var>₂² instead of <var>x</var>₁ and <var>x</var>₂:`,
      ellipse: html`Its output changes sign where <var>w</var>₁<var>x</var>₁² + <var>w</var>₂<var>x</var>₂² + <var>b</var> = 0: an ellipse, and a circle when <var>w</var>₁ = <var>w</var>₂. The circle that no line could separate is now separated by a model that is still linear, only in other coordinates: it classifies at least 98 % of the test points after 100 epochs. A linear model in the right features is a nonlinear model in the original ones.`,
      spiral: html`The spiral is harder. A line in <var>x</var>₁, <var>x</var>₂ gets nowhere (70 % at best). Two hidden layers of 16 tanh units learn it from <var>x</var>₁, <var>x</var>₂ alone, building the curl out of many soft steps. A single layer of 8 units learns it too once it is also given sin <var>x</var>₁ and sin <var>x</var>₂, features that already wiggle the way the arms do. Both reach at least 90 % training accuracy in 300 epochs.`,
      prior: html`Choosing features, layers and activations is choosing a <em>prior</em>: an assumption about what the answer looks like, made before seeing the data. A good prior lets a small network learn quickly and reliably; a wrong one makes learning slow or, like the line on the circle, impossible. Much of the progress in deep learning has come from priors that fit the data: convolutions for images, attention for sequences.`,
      squaresCaption: 'Circle, features x₁² and x₂², no hidden layer',
      flat: 'Spiral, x₁ and x₂, no hidden layer',
      deep: 'Spiral, x₁ and x₂, hidden layers 16, 16, tanh',
      sines: 'Spiral, x₁, x₂, sin x₁, sin x₂, one hidden layer of 8',
      tryBody: html`<p>In the circle playground, click <b>x₁²</b> in the diagram to switch it off, and <b>x₁</b> to switch it on: back to a line, and back to failure. In the last playground, switch off <b>sin x₁</b> and <b>sin x₂</b>: can 8 tanh units still learn the spiral in 300 epochs?</p>`,
    },
    zh: {
      title: '结构就是先验',
      summary: '合适的输入特征或深度让问题变得容易；不合适的则让它无解。',
      squares: html`给网络提供什么样的原料，和网络的大小同样重要。把第 1 课那个没有隐藏层的网络的输入，从 <var>x</var>₁ 和 <var>x</var>₂ 换成特征 <var>x</var>₁² 和 <var>x</var>₂²：`,
      ellipse: html`它的输出在 <var>w</var>₁<var>x</var>₁² + <var>w</var>₂<var>x</var>₂² + <var>b</var> = 0 处变号：这是一个椭圆，当 <var>w</var>₁ = <var>w</var>₂ 时就是圆。于是，任何直线都分不开的圆形数据，被一个仍然是线性的模型分开了——只不过是在另一组坐标下：训练 100 轮后，它能正确分类至少 98% 的测试点。在合适特征上的线性模型，就是原始坐标下的非线性模型。`,
      spiral: html`螺旋要难一些。在 <var>x</var>₁、<var>x</var>₂ 上画一条直线毫无作用（最多 70%）。两个各含 16 个 tanh 单元的隐藏层只用 <var>x</var>₁、<var>x</var>₂ 就能学会它——用许多柔和的台阶拼出螺旋的卷曲。只有 8 个单元的单隐藏层，在额外得到 sin <var>x</var>₁ 和 sin <var>x</var>₂ 之后也能学会，因为这两个特征本身就像螺旋臂一样起伏。两者都在 300 轮内达到至少 90% 的训练准确率。`,
      prior: html`选择特征、层数和激活函数，就是在选择<em>先验</em>：在看到数据之前，对答案长什么样所做的假设。好的先验能让小网络又快又稳地学会；错误的先验会让学习变慢，或者像直线面对圆形数据那样根本不可能。深度学习的许多进展，都来自与数据相契合的先验：图像用卷积，序列用注意力。`,
      squaresCaption: '圆形，特征 x₁² 和 x₂²，无隐藏层',
      flat: '螺旋，x₁ 和 x₂，无隐藏层',
      deep: '螺旋，x₁ 和 x₂，隐藏层 16、16，tanh',
      sines: '螺旋，x₁、x₂、sin x₁、sin x₂，一个含 8 个单元的隐藏层',
      tryBody: html`<p>在圆形演练场的网络图里，点击 <b>x₁²</b> 关掉它，再点击 <b>x₁</b> 打开：又变回一条直线，又失败了。在最后一个演练场里关掉 <b>sin x₁</b> 和 <b>sin x₂</b>：8 个 tanh 单元还能在 300 轮内学会螺旋吗？</p>`,
    },
  },
  body: (t) => html`
    <p>${t.squares}</p>
    <p class="math"><var>ŷ</var> = tanh(<var>w</var>₁<var>x</var>₁² + <var>w</var>₂<var>x</var>₂² + <var>b</var>)</p>
    <p>${t.ellipse}</p>
    <div class="row wide">
      ${playground('squares', PRESETS.squares, { view: 'boundary+network', label: t.squaresCaption })}
    </div>
    <p>${t.spiral}</p>
    <div class="row">
      ${playground('spiral-flat', PRESETS.spiralFlat, { label: t.flat })}
      ${playground('spiral-deep', PRESETS.spiralDeep, { label: t.deep })}
    </div>
    <div class="row wide">
      ${playground('spiral-sin', PRESETS.spiralSin, { view: 'boundary+network', label: t.sines })}
    </div>
    <p>${t.prior}</p>
  `,
});
