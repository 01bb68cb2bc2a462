// The memory budget of a built network (kMemoryBudget, mlp/network.h): what it holds, and
// the workspace growth every pass asks for, refused before it is allocated when the state
// and the grown workspace would not fit.
#include <algorithm>

#include "mlp/error.h"
#include "network/impl.h"

namespace mlp {

void Network::Impl::ensure_workspace(int ld, const char* field) const {
  if (ld <= ws.ld) return;
  const uint64_t need = layout_bytes(layout, config.optimizer.type, ld);
  if (need > kMemoryBudget)
    throw Error(field, std::to_string(ld) + " columns of workspace (" +
                           describe_bytes(4ull * layout.per_column * ld) + ") with the network's " +
                           describe_bytes(4 * state_floats(layout, config.optimizer.type)) +
                           " of state need " + describe_bytes(need) +
                           ", over the memory budget of " + describe_bytes(kMemoryBudget) +
                           "; use smaller batches");
  ws.ensure(layout, config.inputs, ld);
}

uint64_t Network::memory_bytes() const {
  const Impl& I = *impl_;
  return layout_bytes(I.layout, I.config.optimizer.type, I.ws.ld);
}

}  // namespace mlp
