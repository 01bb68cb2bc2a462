// Loss functions (PyTorch semantics, mean reductions).
//   mse        mean over all n x outputs elements of (o - t)^2            (nn.MSELoss)
//   bce        binary cross-entropy from the pre-activation; last layer must be sigmoid
//              (nn.BCEWithLogitsLoss: mean over n x outputs)
//   softmax-ce mean over the batch of -sum_j t_j log p_j; last layer must be softmax;
//              targets one-hot or probabilities                             (nn.CrossEntropyLoss)
#pragma once

#include <string>
#include <vector>

namespace mlp {

enum class Loss { Mse, Bce, SoftmaxCe };

const char* loss_name(Loss l);
Loss parse_loss(const std::string& name, const std::string& field = "loss");
const std::vector<std::string>& loss_names();

}  // namespace mlp
