// Lesson 12: structure is a prior, for images. A live digits playground (784 → 32 ReLU → 10)
// with the Digits mode's experiments; the claims are those of tests/web/lesson-digits.test.ts
// (runs of app/digits/runs.ts on fixed seeds): the MLP learns permuted digits as well as
// the originals, the CNN's lead over it goes with the permutation; more data, better tests;
// FGSM with ε ≤ 0.2 flips most rightly answered digits; softmax always answers a digit.
import { html, type TemplateResult } from 'lit';
import { PRESETS } from '../../lesson-presets/presets.js';
import { defineLesson, playground } from '../lesson.js';

interface Text {
  title: string;
  summary: string;
  intro: TemplateResult;
  live: string;
  permutation: TemplateResult;
  data: TemplateResult;
  fooling: TemplateResult;
  outside: TemplateResult;
  tryBody: TemplateResult;
}

export default defineLesson<Text>({
  number: 12,
  slug: '12-images',
  text: {
    en: {
      title: 'Structure is a prior: images',
      summary: 'An MLP sees an image as an unordered list of pixels; a convolution assumes that neighbours belong together.',
      intro: html`Lesson 7 called convolutions a prior for images. Here is what that means, on 10,000 handwritten digits (MNIST, 28×28 pixels). The network below has 784 inputs, one per pixel, a hidden layer of 32 ReLU units and ten softmax outputs, one per digit. It trains in your browser for three epochs of 8,000 digits and is tested on 2,000 others: about 90 % of those are answered right. Draw a digit on the pad to see its ten probabilities; click a cell of the confusion matrix to see which digits it mistakes for which.`,
      live: 'Digits, 784 → 32 ReLU → 10 softmax, Adam, batch 32, 3 epochs',
      permutation: html`Now shuffle every image's pixels by one fixed random permutation, the same for every digit. To a person the digits become noise. To the MLP nothing has changed: its first layer weighs every pixel separately and never learns which pixels are neighbours, so it learns the permuted digits exactly as well. A small convolutional network (two layers of 3×3 filters, each followed by 2×2 max-pooling) assumes that nearby pixels belong together and that a stroke is a stroke wherever it is. On 14×14 digits (4,000 for training, 4 epochs) the test behind this page measured: MLP 92.1 % on the originals and 92.1 % permuted; CNN 95.9 % on the originals, ahead of the MLP, and 85.6 % permuted, now behind it. The CNN's advantage was its assumption, and the permutation made it false. Press <b>Run</b> under <i>Structure is a prior</i> to repeat it.`,
      data: html`<i>Data decide</i> trains the MLP on 100, 1,000 and 8,000 digits. Each time it learns its training digits almost perfectly (above 95 %), but with 100 digits it is right on 78 % of the 2,000 test digits, with 1,000 on 90 %, and with 8,000 on 94 % (14×14 digits, as measured by the test behind this page): the gap between training and test accuracy is what too little data costs.`,
      fooling: html`<i>Fooling the network</i> moves every pixel by ε in the direction that increases the loss (the fast gradient sign method: <var>x</var>′ = clip(<var>x</var> + ε·sign(∂<var>L</var>/∂<var>x</var>), 0, 1), with the network's own input gradient). In the test behind this page, ε ≤ 0.2 changed the answer for more than 80 % of the test digits the MLP had answered right (all 186 of them, half with ε ≤ 0.07), although the digits still look the same to us.`,
      outside: html`<i>Outside its experience</i>: draw a letter or a scribble. The network still names a digit, often with high confidence. Softmax shares all of the probability among the ten digits, so "none of these" is not an answer it can give, and it has never seen anything but digits. Confidence is not knowledge.`,
      tryBody: html`<p>Draw a 7 with and without its crossbar, a 1 with and without its base. Then press <b>Run</b> under <i>Structure is a prior</i> and compare the four accuracies. With the ε slider under <i>Fooling the network</i>, find the smallest ε that changes the answer to your drawing.</p>`,
    },
    zh: {
      title: '结构就是先验：图像',
      summary: 'MLP 把一幅图像看作无序的像素列表；卷积则假定相邻的像素属于一起。',
      intro: html`第 7 课说，卷积是图像的一种先验。下面在 10,000 个手写数字（MNIST，28×28 像素）上看看这是什么意思。下面的网络有 784 个输入，每个像素一个；一个含 32 个 ReLU 单元的隐藏层；十个 softmax 输出，每个数字一个。它在你的浏览器里用 8,000 个数字训练三轮，并在另外 2,000 个数字上测试：其中约 90% 回答正确。在画板上画一个数字，看它的十个概率；点击混淆矩阵的一个格子，看它把哪些数字错认成了哪些。`,
      live: '手写数字，784 → 32 ReLU → 10 softmax，Adam，批量 32，3 轮',
      permutation: html`现在用一个固定的随机排列打乱每幅图像的像素，所有数字都用同一个排列。在人眼里，这些数字变成了噪声。对 MLP 来说什么都没变：它的第一层分别为每个像素加权，从来不知道哪些像素相邻，所以它学打乱后的数字学得一样好。一个小的卷积网络（两层 3×3 卷积核，每层后接 2×2 最大池化）假定相近的像素属于一起，而且一笔无论在哪里都是一笔。本页背后的测试在 14×14 的数字上（4,000 个用于训练，4 轮）测得：MLP 在原图上 92.1%，打乱后 92.1%；CNN 在原图上 95.9%，领先于 MLP，打乱后 85.6%，落在了它后面。CNN 的优势来自它的假设，而打乱让这个假设不再成立。在<i>结构是一种先验</i>下按<b>运行</b>即可重复这个实验。`,
      data: html`<i>数据决定一切</i>分别用 100、1,000 和 8,000 个数字训练 MLP。每次它都几乎完美地学会了训练数字（高于 95%），但用 100 个数字时，2,000 个测试数字中只有 78% 回答正确，用 1,000 个时 90%，用 8,000 个时 94%（14×14 的数字，本页背后的测试所测）：训练准确率和测试准确率之间的差距，就是数据太少的代价。`,
      fooling: html`<i>骗过网络</i>把每个像素朝使损失增大的方向移动 ε（快速梯度符号法：<var>x</var>′ = clip(<var>x</var> + ε·sign(∂<var>L</var>/∂<var>x</var>), 0, 1)，用的是网络自己对输入的梯度）。在本页背后的测试中，ε ≤ 0.2 就改变了 MLP 原本回答正确的测试数字中超过 80% 的回答（186 个全部改变，其中一半只需 ε ≤ 0.07），尽管在我们看来这些数字毫无变化。`,
      outside: html`<i>超出它的经验</i>：画一个字母或随手涂鸦。网络仍然说出一个数字，而且常常很有把握。softmax 把全部概率分给十个数字，所以“都不是”不是它能给出的回答，而且它只见过数字。有把握不等于知道。`,
      tryBody: html`<p>画一个带横线和不带横线的 7，一个带底座和不带底座的 1。然后在<i>结构是一种先验</i>下按<b>运行</b>，比较四个准确率。用<i>骗过网络</i>下的 ε 滑块，找出改变你所画数字的回答的最小 ε。</p>`,
    },
  },
  body: (t) => html`
    <p>${t.intro}</p>
    <div class="row wide">
      ${playground('digits', PRESETS.images, { view: 'boundary', label: t.live })}
    </div>
    <p>${t.permutation}</p>
    <p>${t.data}</p>
    <p>${t.fooling}</p>
    <p>${t.outside}</p>
  `,
});
